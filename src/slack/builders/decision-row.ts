import type { ReviewTally } from "../../engine/review-status.js";
import type { Decision } from "../../store/decisions.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { answerLabel, reviewIcon, reviewWords, slackDay } from "./decision-words.js";

/** What a row shows besides the decision itself, looked up for a whole list at once. */
export interface DecisionSummaryExtras {
  /** Newer base-model versions waiting for review, by decision id. */
  newerModels?: ReadonlyMap<number, readonly string[]>;
  /** Who approves and who requests changes, by decision id. */
  tallies?: ReadonlyMap<number, ReviewTally>;
  requiredApprovals?: number;
}

const NO_TALLY: ReviewTally = { approvers: [], rejecters: [] };

/** The title, linked to the verdict's thread when its link is known. */
export function titleLink(d: Pick<Decision, "title" | "permalink">, max = 150): string {
  const title = escapeMrkdwn(truncate(d.title, max));
  return d.permalink ? `<${escapeMrkdwn(d.permalink)}|${title}>` : title;
}

export function reviewStateOf(d: Decision, extras: DecisionSummaryExtras) {
  return {
    status: d.status,
    supersededBy: d.supersededBy,
    requiredApprovals: extras.requiredApprovals ?? 1,
    ...(extras.tallies?.get(d.id) ?? NO_TALLY),
  };
}

/**
 * One decision in a list, two lines that fit a phone: number and linked title; then the answer, the review, the
 * channel, the day and who asked.
 */
export function decisionRow(d: Decision, extras: DecisionSummaryExtras = {}): string {
  const state = reviewStateOf(d, extras);
  const pending = d.messageTs ? "" : " (not posted yet)";
  const newer = extras.newerModels?.get(d.id);
  const watch = newer && newer.length > 0 ? `\n:new: newer base model: ${newer.map((m) => `\`${escapeMrkdwn(m)}\``).join(", ")}` : "";
  return (
    `*#${d.number}* ${titleLink(d)}${pending}\n` +
    `${answerLabel(d.verdict.fineTune)} · ${reviewIcon(state)} ${reviewWords(state)} · <#${d.channelId}> · ${slackDay(d.createdAt)} · by ${mentionUser(d.requesterId)}` +
    watch
  );
}
