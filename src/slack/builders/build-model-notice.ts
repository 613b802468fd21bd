import type { KnownBlock } from "@slack/types";
import { rolesOf } from "../../engine/model-roles.js";
import type { NoticeWithDecision } from "../../store/model-notices.js";
import type { NewerVersion } from "../../watcher/compare.js";
import { sourcePage } from "../../watcher/sources/source-pages.js";
import { ACTION, BLOCK } from "../ids.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { context, type SlackMessage, sections } from "./blocks.js";
import { roleLabel, whyLifecycleMatters, whyNewerMatters } from "./model-words.js";

export const SNOOZE_DAYS = 30;
/** Versions listed in one notice (the newest); the rest are counted. */
const LISTED_VERSIONS = 20;

const code = (id: string) => `\`${escapeMrkdwn(truncate(id, 200))}\``;

/** "per <link|models.dev>", or the source's name when it has no public page. */
function per(source: string, modelId: string, about: "model" | "lifecycle" = "model"): string {
  const page = sourcePage(source, modelId, about);
  return page ? `per <${page.url}|${page.label}>` : `per ${escapeMrkdwn(source)}`;
}

function versionLine(v: NewerVersion): string {
  return `• ${code(v.id)}${v.releaseDate ? `, released ${v.releaseDate}` : ""} (${per(v.source, v.id)})`;
}

/** What someone did with a notice, or null while it waits for the team. */
function outcome({ notice, decision }: NoticeWithDecision): string | null {
  const by = notice.actedBy ? ` by ${mentionUser(notice.actedBy)}` : "";
  switch (notice.state) {
    case "announced":
      return null;
    case "ignored":
      return `:no_bell: Ignored${by}.`;
    case "snoozed":
      return `:zzz: Snoozed until ${notice.snoozedUntil?.slice(0, 10) ?? "later"}${by}: it will be told again then.`;
    case "re-evaluated":
      return `:arrows_counterclockwise: Re-evaluated${by}${notice.followUpNumber ? ` as decision #${notice.followUpNumber}` : ""} (decision #${decision.number} stays on record).`;
  }
}

function actions(kind: NoticeWithDecision["notice"]["kind"], versions: number): KnownBlock {
  const ignore = kind === "lifecycle" ? "Ignore this warning" : versions > 1 ? "Ignore these versions" : "Ignore this version";
  return {
    type: "actions",
    block_id: BLOCK.modelNoticeActions,
    elements: [
      { type: "button", action_id: ACTION.reEvaluate, text: { type: "plain_text", text: "Re-evaluate" }, style: "primary" },
      { type: "button", action_id: ACTION.ignoreVersion, text: { type: "plain_text", text: ignore } },
      { type: "button", action_id: ACTION.snoozeVersion, text: { type: "plain_text", text: `Snooze ${SNOOZE_DAYS} days` } },
    ],
  };
}

/**
 * A notice in a decision's thread: which of its models got a newer version (or was deprecated), why that matters for
 * this verdict, and the buttons; once someone used them, what was done and by whom instead. Drawn from our records
 * only, never from a message a payload carries.
 */
export function buildModelNotice(input: NoticeWithDecision): SlackMessage {
  const { notice, decision } = input;
  const roles = rolesOf(notice.modelId, decision.baseModel, decision.candidateModel);
  const label = roleLabel(roles.length > 0 ? roles : ["production"], decision.fineTune);
  const about = `${code(notice.modelId)}, ${label} of decision #${decision.number}`;
  const done = outcome(input);
  let lines: string[];
  let why: string;
  let text: string;
  let versionCount = 1;
  if (notice.content.kind === "newer-version") {
    const { versions } = notice.content;
    versionCount = versions.length;
    const plural = versions.length > 1;
    const listed = versions.slice(-LISTED_VERSIONS);
    lines = [
      `${mentionUser(decision.requesterId)} ${plural ? "Newer versions" : "A newer version"} of ${about}, ${plural ? "are" : "is"} out:`,
      ...listed.map(versionLine),
      ...(versions.length > listed.length ? [`…and ${versions.length - listed.length} older ones.`] : []),
    ];
    why = whyNewerMatters(roles, decision.fineTune);
    text = `Newer version of ${notice.modelId} for decision #${decision.number}: ${versions.map((v) => v.id).join(", ")}`;
  } else {
    const { lifecycle } = notice.content;
    const seen = lifecycle.seenOn ? ` as of ${lifecycle.seenOn}` : "";
    const retires = lifecycle.retirementDate
      ? `; it ${lifecycle.status === "retired" ? "retired" : "retires"} on *${lifecycle.retirementDate}*`
      : "; no retirement date is given yet";
    lines = [
      `:warning: ${mentionUser(decision.requesterId)} ${about}, is ${lifecycle.status}${seen} (${per(lifecycle.source, notice.modelId, "lifecycle")})${retires}.`,
    ];
    why = whyLifecycleMatters(roles, decision.fineTune);
    text = `${notice.modelId} is ${lifecycle.status}${lifecycle.retirementDate ? ` (retires ${lifecycle.retirementDate})` : ""}: decision #${decision.number}`;
  }
  const blocks: KnownBlock[] = [...sections(lines), context(why)];
  blocks.push(done ? context(done) : actions(notice.kind, versionCount));
  return { text: truncate(escapeMrkdwn(text), 3900), blocks };
}
