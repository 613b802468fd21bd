import { alreadyOutAtDecision, type Decision, getDecision } from "../../store/decisions.js";
import { reasonsOf, tallyOf } from "../../store/reviews.js";
import type { SqlClient } from "../../store/sql-client.js";
import { answerChanges } from "../answer-lines.js";
import type { SlackMessage } from "../builders/blocks.js";
import type { RevisionInput } from "../builders/build-review-lines.js";
import { buildApprovedReply, buildBackInReviewReply, buildChangesRequestedReply } from "../builders/build-review-replies.js";
import { buildVerdictMessage } from "../builders/build-verdict-message.js";
import { type ReviewSettings, reviewerMentions } from "../review-settings.js";

async function revisionOf(db: SqlClient, decision: Decision): Promise<RevisionInput | null> {
  const parent = decision.parentId ? await getDecision(db, decision.parentId) : null;
  if (!parent) return null;
  return {
    parent: { id: parent.id, number: parent.number },
    before: parent.verdict.fineTune,
    after: decision.verdict.fineTune,
    headline: decision.verdict.headline,
    changes: answerChanges(parent, decision),
  };
}

/** The verdict message as the decision stands now: its status, reviews, reasons, and the decision it revises. */
export async function renderVerdictMessage(db: SqlClient, decision: Decision, review: ReviewSettings): Promise<SlackMessage> {
  const tally = await tallyOf(db, decision.id);
  const alreadyOut = await alreadyOutAtDecision(db, decision.id);
  return buildVerdictMessage({
    decisionId: decision.id,
    number: decision.number,
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
    supersededBy: decision.supersededBy,
    reasons: await reasonsOf(db, decision.id),
    reviewers: reviewerMentions(review, [decision.requesterId]),
    revision: await revisionOf(db, decision),
    alreadyOut,
  });
}

/** The thread reply telling where the review stands now (a quick back-and-forth is told as where it ended). */
export async function renderStatusReply(db: SqlClient, decision: Decision): Promise<SlackMessage> {
  const tally = await tallyOf(db, decision.id);
  if (decision.status === "approved") return buildApprovedReply(decision.number, decision.requesterId, tally.approvers);
  if (decision.status === "changes-requested") {
    const reviewerId = tally.rejecters[tally.rejecters.length - 1] ?? decision.requesterId;
    return buildChangesRequestedReply(decision, reviewerId, (await reasonsOf(db, decision.id)).get(reviewerId));
  }
  return buildBackInReviewReply(decision.number);
}
