export const REVIEW_STATUSES = ["in-review", "approved", "changes-requested"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The distinct reviewers who currently approve and who currently request changes. */
export interface ReviewTally {
  approvers: readonly string[];
  rejecters: readonly string[];
}

export interface QuorumRule {
  requiredApprovals: number;
}

/**
 * The status a decision has after its reviews changed. Approved is final. Otherwise any standing request for changes
 * holds it there; without one, the quorum decides, so withdrawing the only request for changes from a decision that
 * meanwhile gathered its approvals approves it.
 */
export function nextStatus(current: ReviewStatus, tally: ReviewTally, rule: QuorumRule): ReviewStatus {
  if (current === "approved") return "approved";
  if (tally.rejecters.length > 0) return "changes-requested";
  return tally.approvers.length >= rule.requiredApprovals ? "approved" : "in-review";
}
