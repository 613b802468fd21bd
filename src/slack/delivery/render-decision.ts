import { describeVerdictChanges } from "../../engine/compare-verdicts.js";
import { alreadyOutAtDecision, type Decision, getDecision } from "../../store/decisions.js";
import { tallyOf } from "../../store/reviews.js";
import type { SqlClient } from "../../store/sql-client.js";
import type { SlackMessage } from "../builders/blocks.js";
import { buildApprovedReply, buildBackInReviewReply, buildChangesRequestedReply } from "../builders/build-review-replies.js";
import { buildVerdictMessage } from "../builders/build-verdict-message.js";
import type { ReviewSettings } from "../review-settings.js";

/** The verdict message as the decision stands now: its status and reviews. */
export async function renderVerdictMessage(db: SqlClient, decision: Decision, review: ReviewSettings): Promise<SlackMessage> {
  const parent = decision.parentId ? await getDecision(db, decision.parentId) : null;
  const tally = await tallyOf(db, decision.id);
  const alreadyOut = await alreadyOutAtDecision(db, decision.id);
  return buildVerdictMessage({
    decisionId: decision.id,
    title: decision.title,
    requesterId: decision.requesterId,
    verdict: decision.verdict,
    answers: decision.answers,
    unknownAnswers: decision.unknownAnswers,
    status: decision.status,
    approvers: tally.approvers,
    rejecters: tally.rejecters,
    requiredApprovals: review.requiredApprovals,
    approvalReaction: review.approvalReactions[0] ?? "white_check_mark",
    rejectReaction: review.rejectReactions[0] ?? "x",
    parentId: decision.parentId,
    ...(parent ? { changes: describeVerdictChanges(parent, decision) } : {}),
    alreadyOut,
  });
}

/** The thread reply telling where the review stands now (a quick back-and-forth is told as where it ended). */
export async function renderStatusReply(db: SqlClient, decision: Decision): Promise<SlackMessage> {
  const tally = await tallyOf(db, decision.id);
  if (decision.status === "approved") return buildApprovedReply(decision.id, tally.approvers);
  if (decision.status === "changes-requested") {
    return buildChangesRequestedReply(decision.id, tally.rejecters[tally.rejecters.length - 1] ?? decision.requesterId);
  }
  return buildBackInReviewReply(decision.id);
}
