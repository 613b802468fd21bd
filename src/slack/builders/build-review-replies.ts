import { mentionUser } from "../mrkdwn.js";
import { type SlackMessage, section } from "./blocks.js";

const names = (ids: readonly string[]) => ids.map(mentionUser).join(", ");

export function buildApprovedReply(decisionId: number, approvers: readonly string[]): SlackMessage {
  const text = `:white_check_mark: Decision #${decisionId} is approved by ${names(approvers)}.`;
  return { text, blocks: [section(text)] };
}

export function buildChangesRequestedReply(decisionId: number, reviewerId: string): SlackMessage {
  const text = `:x: ${mentionUser(reviewerId)} requested changes on decision #${decisionId}. Discuss here, then re-run \`/should-we-finetune\` with the new answers.`;
  return { text, blocks: [section(text)] };
}

export function buildBackInReviewReply(decisionId: number): SlackMessage {
  const text = `Decision #${decisionId} is back in review: the request for changes was withdrawn.`;
  return { text, blocks: [section(text)] };
}

export const SELF_APPROVAL_TEXT = "Your own approval does not count: the decision needs approvals from other reviewers.";

export const NOT_A_REVIEWER_TEXT = "You are not on this app's reviewer list, so your reaction does not count as a review.";
