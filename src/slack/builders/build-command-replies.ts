import { RUNG_LABEL } from "../../engine/words.js";
import type { Decision } from "../../store/decisions.js";
import { COMMAND } from "../ids.js";
import { escapeMrkdwn, mentionUser, slackDate, truncate } from "../mrkdwn.js";
import { context, type SlackMessage, section, sections } from "./blocks.js";
import { ANSWER, ANSWER_ICON, breakEvenWords, engineText, warningTitle, whySentence } from "./verdict-words.js";

export function buildHelp(prefix?: string): SlackMessage {
  const lines = [
    ...(prefix ? [prefix, ""] : []),
    `*${COMMAND} [title]* opens the questionnaire; the verdict is posted here for review.`,
    `*${COMMAND} list* shows this channel's decisions; *list all* the workspace's.`,
    `*${COMMAND} show ${escapeMrkdwn("<id>")}* shows one decision, e.g. *show 12*.`,
    `*${COMMAND} help* shows this help.`,
    "To review inside an existing thread, use the message shortcut *Should we fine-tune?* on a message of the thread.",
  ];
  return { text: lines.join("\n"), blocks: [section(lines.join("\n"))] };
}

export const STATUS_LABEL: Record<Decision["status"], string> = {
  "in-review": "in review",
  approved: "approved",
  "changes-requested": "changes requested",
};

export interface DecisionSummaryExtras {
  /** Newer base-model versions waiting for review, by decision id. */
  newerModels?: ReadonlyMap<number, readonly string[]>;
}

export function decisionLine(d: Decision, extras: DecisionSummaryExtras = {}): string {
  const newer = extras.newerModels?.get(d.id);
  const pending = d.messageTs ? "" : " (not posted yet)";
  const watch = newer && newer.length > 0 ? ` :new: newer base model: ${newer.map((m) => `\`${escapeMrkdwn(m)}\``).join(", ")}` : "";
  const answer = `${ANSWER_ICON[d.verdict.fineTune]} ${ANSWER[d.verdict.fineTune].toLowerCase()}`;
  return `*#${d.id}* ${escapeMrkdwn(truncate(d.title, 150))}: ${answer}, ${STATUS_LABEL[d.status]}${pending}, by ${mentionUser(d.requesterId)}${watch}`;
}

export function buildDecisionList(decisions: readonly Decision[], scope: string, extras: DecisionSummaryExtras = {}): SlackMessage {
  if (decisions.length === 0) {
    const text = `No decisions ${scope} yet. Start one with \`${COMMAND}\`.`;
    return { text, blocks: [section(text)] };
  }
  const lines = [`*Decisions ${scope}* (newest first)`, ...decisions.map((d) => decisionLine(d, extras))];
  return { text: `${decisions.length} decisions ${scope}`, blocks: sections(lines).slice(0, 50) };
}

/** One decision; `engineChange` says what today's engine would decide differently, when it would. */
export function buildDecisionDetail(d: Decision, extras: DecisionSummaryExtras = {}, engineChange?: string | null): SlackMessage {
  const v = d.verdict;
  const breakEven = breakEvenWords(v);
  const blockers = v.warnings.filter((w) => w.severity === "blocker");
  const lines = [
    decisionLine(d, extras),
    engineText(whySentence(v)),
    ...(engineChange ? [`:arrows_counterclockwise: Today's engine would decide this differently: ${escapeMrkdwn(engineChange)}`] : []),
    ...(blockers.length > 0 ? [`*Blocking:* ${blockers.map((w) => engineText(warningTitle(w))).join(" · ")}`] : []),
    `*Work on next:* ${RUNG_LABEL[v.approach]}`,
    ...(breakEven ? [`*Break-even:* ${engineText(breakEven)}`] : []),
    `*Model in production:* \`${escapeMrkdwn(d.baseModel)}\``,
  ];
  return {
    text: truncate(`Decision #${d.id}: ${ANSWER[v.fineTune]}. ${escapeMrkdwn(whySentence(v))}`, 3900),
    blocks: [...sections(lines), context(`Decided ${slackDate(d.createdAt)}`)],
  };
}
