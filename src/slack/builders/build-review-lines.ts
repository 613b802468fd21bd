import type { ActionsBlock, Button } from "@slack/types";
import type { FineTune } from "../../engine/verdict.js";
import type { DecisionRef } from "../../store/decisions.js";
import type { DecisionStatus } from "../../store/schema.js";
import { type AnswerChange, labelled } from "../answer-lines.js";
import { ACTION, BLOCK } from "../ids.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { ANSWER, ANSWER_ICON, APPROVING_MEANS, names } from "./decision-words.js";

// The parts of the verdict message that are about its review, and about the decision it revises.

export interface ReviewLinesInput {
  decisionId: number;
  fineTune: FineTune;
  status: DecisionStatus;
  approvers: readonly string[];
  rejecters: readonly string[];
  requiredApprovals: number;
  approvalReaction: string;
  rejectReaction: string;
  supersededBy?: DecisionRef | null | undefined;
  /** Why reviewers request changes, by reviewer. */
  reasons?: ReadonlyMap<string, string> | undefined;
  /** Who is asked to review, as mentions (`<@U1>, <@U2>` or a user group); absent when anyone may. */
  reviewers?: string | undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function withReasons(input: ReviewLinesInput): string {
  return input.rejecters
    .map((id) => {
      const reason = input.reasons?.get(id);
      return reason ? `${mentionUser(id)}: ${escapeMrkdwn(truncate(reason, 500))}` : mentionUser(id);
    })
    .join("; ");
}

/** Where the review stands, what approving means and how to do it, in a few short lines. */
export function reviewLines(input: ReviewLinesInput): string[] {
  if (input.supersededBy) {
    const next = input.supersededBy.number;
    return [`:arrow_right: *Superseded by #${next}*, in this thread: this review is over; #${next} is reviewed instead.`];
  }
  if (input.status === "approved") return [`:white_check_mark: *Approved* by ${names(input.approvers)}`];
  if (input.status === "changes-requested") return [`:x: *Changes requested* by ${withReasons(input)}`];
  const so = input.approvers.length > 0 ? ` (${input.approvers.length} so far: ${names(input.approvers)})` : "";
  return [
    `*In review:* react :${input.approvalReaction}: or press *Approve* ${APPROVING_MEANS[input.fineTune]}; :${input.rejectReaction}: or *Request changes* to ask for changes.`,
    `${plural(input.requiredApprovals, "approval")} needed${so}.${input.reviewers ? ` Reviewers: ${input.reviewers}` : ""}`,
  ];
}

const button = (actionId: string, text: string, value: string, style?: "primary" | "danger"): Button => ({
  type: "button",
  action_id: actionId,
  text: { type: "plain_text", text },
  value,
  ...(style ? { style } : {}),
});

/** Approve / Request changes while in review; Revise answers once changes are requested; nothing once it is over. */
export function reviewActions(input: ReviewLinesInput): ActionsBlock | null {
  if (input.supersededBy || input.status === "approved") return null;
  const value = String(input.decisionId);
  const elements =
    input.status === "in-review"
      ? [button(ACTION.approveDecision, "Approve", value, "primary"), button(ACTION.requestChanges, "Request changes", value)]
      : [button(ACTION.reviseAnswers, "Revise answers", value, "primary")];
  return { type: "actions", block_id: BLOCK.verdictReviewActions, elements };
}

export interface RevisionInput {
  /** The decision revised. */
  parent: DecisionRef;
  before: FineTune;
  after: FineTune;
  /** The new headline: what the change rests on. */
  headline: string;
  changes: readonly AnswerChange[];
}

const answer = (f: FineTune) => `${ANSWER_ICON[f]} ${ANSWER[f]}`;

/** "Verdict changed: 🟢 Fine-tune → 🔴 Don't fine-tune: prompting now meets the target": a revision's first line. */
export function verdictChangeLine(r: RevisionInput): string {
  const prefix = `${ANSWER[r.after]}: `;
  const why = r.headline.startsWith(prefix) ? r.headline.slice(prefix.length) : r.headline;
  if (r.before === r.after) return `*Verdict unchanged:* ${answer(r.after)}: ${escapeMrkdwn(why)}`;
  return `*Verdict changed:* ${answer(r.before)} → ${answer(r.after)}: ${escapeMrkdwn(why)}`;
}

/** What the revision changed in the answers, in the form's labels. */
export function changedAnswerLines(r: RevisionInput): string[] {
  if (r.changes.length === 0) return ["*What you changed:* nothing in the answers."];
  return [
    "*What you changed:*",
    ...r.changes.map((c) => `• ${escapeMrkdwn(labelled(c.label, `${truncate(c.before, 200)} → ${truncate(c.after, 200)}`))}`),
  ];
}
