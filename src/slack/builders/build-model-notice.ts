import type { KnownBlock } from "@slack/types";
import type { WatchedDecision } from "../../store/model-notices.js";
import type { Lifecycle, NewerVersion } from "../../watcher/compare.js";
import { ACTION, BLOCK } from "../ids.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { context, type SlackMessage, section } from "./blocks.js";

export const SNOOZE_DAYS = 30;
const BUTTON_VALUE_MAX = 2000;

/** What every notice button carries: the decision and the versions the notice named, newest last. */
export interface NoticeActionValue {
  decisionId: number;
  models: string[];
}

function actionValue(decisionId: number, versions: readonly NewerVersion[]): string {
  const models = versions.map((v) => v.id);
  // Keep the newest versions if the list would not fit in a button value.
  while (models.length > 1 && JSON.stringify({ decisionId, models }).length > BUTTON_VALUE_MAX) models.shift();
  return JSON.stringify({ decisionId, models });
}

const code = (id: string) => `\`${escapeMrkdwn(truncate(id, 200))}\``;

function versionLine(v: NewerVersion): string {
  return `• ${code(v.id)}${v.releaseDate ? `, released ${v.releaseDate}` : ""} (per ${escapeMrkdwn(v.source)})`;
}

/** The thread reply announcing newer versions of a decision's base model, with what the team can do about it. */
export function buildNewerVersionNotice(decision: WatchedDecision, versions: readonly NewerVersion[]): SlackMessage {
  const plural = versions.length > 1;
  const intro =
    `${mentionUser(decision.requesterId)} ${plural ? "Newer versions" : "A newer version"} of ${code(decision.baseModel)}, ` +
    `the base model of decision #${decision.id}, ${plural ? "are" : "is"} out:`;
  const value = actionValue(decision.id, versions);
  const blocks: KnownBlock[] = [
    section([intro, ...versions.slice(-20).map(versionLine)].join("\n")),
    context(
      "A fine-tune is a snapshot of its base model, and the prompted baseline may have moved: re-evaluate whether the decision still holds.",
    ),
    {
      type: "actions",
      block_id: BLOCK.modelNoticeActions,
      elements: [
        { type: "button", action_id: ACTION.reEvaluate, text: { type: "plain_text", text: "Re-evaluate" }, style: "primary", value },
        {
          type: "button",
          action_id: ACTION.ignoreVersion,
          text: { type: "plain_text", text: plural ? "Ignore these versions" : "Ignore this version" },
          value,
        },
        { type: "button", action_id: ACTION.snoozeVersion, text: { type: "plain_text", text: `Snooze ${SNOOZE_DAYS} days` }, value },
      ],
    },
  ];
  const names = versions.map((v) => v.id).join(", ");
  return { text: truncate(`Newer base model for decision #${decision.id}: ${escapeMrkdwn(names)}`, 3900), blocks };
}

/** The notice after someone acted on it: the buttons give way to who did what. */
export function buildResolvedNotice(original: readonly KnownBlock[], outcome: string): KnownBlock[] {
  return [...original.filter((b) => b.block_id !== BLOCK.modelNoticeActions), context(outcome)];
}

export function buildLifecycleNotice(decision: WatchedDecision, lifecycle: Lifecycle): SlackMessage {
  const when = lifecycle.retirementDate ? `; it retires on *${lifecycle.retirementDate}*` : "";
  const text =
    `:warning: ${mentionUser(decision.requesterId)} ${code(decision.baseModel)}, the base model of decision #${decision.id}, ` +
    `is ${lifecycle.status}${when} (per ${escapeMrkdwn(lifecycle.source)}). A fine-tune on it stops working when it retires: plan the move.`;
  return { text: truncate(text, 3900), blocks: [section(text)] };
}
