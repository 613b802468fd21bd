import type { KnownBlock } from "@slack/types";
import { ACTION, BLOCK, COMMAND } from "../ids.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { type SlackMessage, section } from "./blocks.js";
import { names } from "./decision-words.js";

export function buildApprovedReply(number: number, requesterId: string, approvers: readonly string[]): SlackMessage {
  const text = `:white_check_mark: ${mentionUser(requesterId)}, decision #${number} is approved by ${names(approvers)}. It is on the record: \`${COMMAND} show ${number}\`.`;
  return { text, blocks: [section(text)] };
}

function reviseButton(decisionId: number): KnownBlock {
  return {
    type: "actions",
    block_id: BLOCK.changeRequestActions,
    elements: [
      {
        type: "button",
        action_id: ACTION.reviseAnswers,
        text: { type: "plain_text", text: "Revise answers" },
        style: "primary",
        value: String(decisionId),
      },
    ],
  };
}

/** Changes requested: who, why when they said, and the requester offered to revise the answers. */
export function buildChangesRequestedReply(
  decision: { id: number; number: number; requesterId: string },
  reviewerId: string,
  reason: string | undefined,
): SlackMessage {
  const why = reason ? `\n>${escapeMrkdwn(truncate(reason, 1500)).replace(/\n/g, "\n>")}` : "";
  const text =
    `:x: ${mentionUser(reviewerId)} requested changes on decision #${decision.number}.${why}\n` +
    `${mentionUser(decision.requesterId)}, discuss here, then *Revise answers*: the form opens with your answers, and the new decision replaces this one.`;
  return { text: truncate(text, 3900), blocks: [section(text), reviseButton(decision.id)] };
}

/** A reason given after the request for changes (answering the prompt). */
export function buildReasonReply(decision: { number: number; requesterId: string }, reviewerId: string, reason: string): SlackMessage {
  const text =
    `:x: ${mentionUser(reviewerId)}'s reason for requesting changes on decision #${decision.number}, ${mentionUser(decision.requesterId)}:\n` +
    `>${escapeMrkdwn(truncate(reason, 2500)).replace(/\n/g, "\n>")}`;
  return { text: truncate(text, 3900), blocks: [section(text)] };
}

export function buildBackInReviewReply(number: number): SlackMessage {
  const text = `Decision #${number} is back in review: the request for changes was withdrawn.`;
  return { text, blocks: [section(text)] };
}

/** The reviewer is asked, once, why they request changes. Ephemeral: only they see it. */
export function buildReasonPrompt(decision: { id: number; number: number; requesterId: string }): SlackMessage {
  const text = `You requested changes on decision #${decision.number}. Tell ${mentionUser(decision.requesterId)} what should change: your reason is kept with the decision.`;
  return {
    text,
    blocks: [
      section(text),
      {
        type: "actions",
        block_id: BLOCK.reasonPromptActions,
        elements: [
          { type: "button", action_id: ACTION.giveReason, text: { type: "plain_text", text: "Give a reason" }, value: String(decision.id) },
        ],
      },
    ],
  };
}

export interface ReminderInput {
  number: number;
  title: string;
  approvers: number;
  requiredApprovals: number;
  /** Reviewers still to review, as mentions; absent when anyone may review. */
  waitingOn?: string | undefined;
  nth: number;
  of: number;
}

/** A reminder that a review waits, in its thread (broadcast to the channel when no reviewer can be named). */
export function buildReminder(input: ReminderInput): SlackMessage {
  const who = input.waitingOn ? `${input.waitingOn}: ` : "";
  const text =
    `:alarm_clock: ${who}decision #${input.number}, ${escapeMrkdwn(truncate(input.title, 150))}, is waiting for review: ` +
    `${input.approvers} of ${input.requiredApprovals} approval${input.requiredApprovals === 1 ? "" : "s"}. ` +
    `Approve or request changes on the verdict above (reminder ${input.nth} of ${input.of}).`;
  return { text, blocks: [section(text)] };
}

export const SELF_APPROVAL_TEXT = "Your own approval does not count: the decision needs approvals from other reviewers.";

export const NOT_A_REVIEWER_TEXT = "You are not on this app's reviewer list, so your reaction does not count as a review.";
