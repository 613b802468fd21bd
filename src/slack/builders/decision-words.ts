import type { ReviewTally } from "../../engine/review-status.js";
import type { Verdict } from "../../engine/verdict.js";
import type { DecisionRef } from "../../store/decisions.js";
import type { DecisionStatus } from "../../store/schema.js";
import { escapeMrkdwn, mentionUser } from "../mrkdwn.js";
import { ANSWER, ANSWER_ICON } from "./verdict-words.js";

// How every surface names a decision's answer and where its review stands, so a list row, App Home, `show` and the
// verdict message agree.

/** ":large_green_circle: Fine-tune" */
export const answerLabel = (fineTune: Verdict["fineTune"]) => `${ANSWER_ICON[fineTune]} ${ANSWER[fineTune]}`;

/** Where a decision's review stands: its status, who reviewed, and whether a newer decision replaced it. */
export interface ReviewState extends ReviewTally {
  status: DecisionStatus;
  supersededBy: DecisionRef | null;
  requiredApprovals: number;
}

export const names = (ids: readonly string[]) => ids.map(mentionUser).join(", ");

/** The review in a few words: "approved by @a, @b", "in review, 1 of 2 approvals", "superseded by #5". */
export function reviewWords(state: ReviewState): string {
  const approved = state.status === "approved" ? `approved by ${names(state.approvers)}` : null;
  if (state.supersededBy) return `${approved ? `${approved}, then ` : ""}superseded by #${state.supersededBy.number}`;
  if (approved) return approved;
  if (state.status === "changes-requested") return `changes requested by ${names(state.rejecters)}`;
  return `in review, ${state.approvers.length} of ${state.requiredApprovals} approval${state.requiredApprovals === 1 ? "" : "s"}`;
}

const REVIEW_ICON: Record<DecisionStatus, string> = {
  "in-review": ":hourglass_flowing_sand:",
  approved: ":white_check_mark:",
  "changes-requested": ":x:",
};

export const reviewIcon = (state: Pick<ReviewState, "status" | "supersededBy">) =>
  state.supersededBy ? ":arrow_right:" : REVIEW_ICON[state.status];

/** A day as a Slack date token in each reader's own format ("Nov 24, 2026"), from an ISO timestamp or date. */
export function slackDay(iso: string): string {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  if (!Number.isFinite(ms)) return escapeMrkdwn(iso.slice(0, 10));
  return `<!date^${Math.floor(ms / 1000)}^{date_short}|${new Date(ms).toISOString().slice(0, 10)}>`;
}
