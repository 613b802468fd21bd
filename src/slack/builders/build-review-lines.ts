import type { Button } from "@slack/types";
import type { FineTune } from "../../engine/verdict.js";
import type { DecisionRef } from "../../store/decisions.js";
import type { DecisionStatus } from "../../store/schema.js";
import { type AnswerChange, labelled } from "../answer-lines.js";
import { ACTION } from "../ids.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { names } from "./decision-words.js";
import { ANSWER, ANSWER_ICON, APPROVING_MEANS, engineText } from "./verdict-words.js";

// The parts of the verdict message that are about its review, and about the decision it revises.

export interface ReviewLinesInput {
  decisionId: number;
  /** What people call it in its workspace. */
  number: number;
  requesterId: string;
  fineTune: FineTune;
  /** What approving agrees to ("to approve fine-tuning `gpt-4o-mini`"); by default the answer's own words. */
  approvingMeans?: string | undefined;
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

/** Where the review stands, what approving means and how to do it, in a few short lines ending with who asked. */
export function reviewLines(input: ReviewLinesInput): string[] {
  const who = `#${input.number} asked by ${mentionUser(input.requesterId)}`;
  if (input.supersededBy) {
    const next = input.supersededBy.number;
    return [
      `:arrow_right: *Superseded by #${next}*, in this thread: the review of #${input.number} is over; #${next} is reviewed instead.`,
    ];
  }
  if (input.status === "approved") return [`:white_check_mark: *Approved* by ${names(input.approvers)} · ${who}`];
  if (input.status === "changes-requested") return [`:x: *Changes requested* by ${withReasons(input)} · ${who}`];
  const so = input.approvers.length > 0 ? ` (${input.approvers.length} so far: ${names(input.approvers)})` : "";
  const means = input.approvingMeans ?? APPROVING_MEANS[input.fineTune];
  const reviewers = input.reviewers ? `. Reviewers: ${input.reviewers}` : "";
  // The Approve and Request changes buttons sit just above: the line names the reactions, which count the same.
  return [
    `React :${input.approvalReaction}: ${means}, :${input.rejectReaction}: to ask for changes. ${plural(input.requiredApprovals, "approval")} needed${so}${reviewers} · ${who}`,
  ];
}

const button = (actionId: string, text: string, value: string, style?: "primary" | "danger"): Button => ({
  type: "button",
  action_id: actionId,
  text: { type: "plain_text", text },
  value,
  ...(style ? { style } : {}),
});

/** Approve / Request changes while in review; Revise answers once changes are requested; none once it is over. */
export function reviewButtons(input: ReviewLinesInput): Button[] {
  if (input.supersededBy || input.status === "approved") return [];
  const value = String(input.decisionId);
  return input.status === "in-review"
    ? [button(ACTION.approveDecision, "Approve", value, "primary"), button(ACTION.requestChanges, "Request changes", value)]
    : [button(ACTION.reviseAnswers, "Revise answers", value, "primary")];
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
  if (r.before === r.after) return `*Verdict unchanged:* ${answer(r.after)}: ${engineText(why)}`;
  return `*Verdict changed:* ${answer(r.before)} → ${answer(r.after)}: ${engineText(why)}`;
}

/** What the revision changed in the answers, in the form's labels. */
export function changedAnswerLines(r: RevisionInput): string[] {
  const heading = `*What you changed from #${r.parent.number}:*`;
  if (r.changes.length === 0) return [`${heading} nothing in the answers.`];
  return [
    heading,
    ...r.changes.map((c) => `• ${escapeMrkdwn(labelled(c.label, `${truncate(c.before, 200)} → ${truncate(c.after, 200)}`))}`),
  ];
}
