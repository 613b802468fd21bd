import type { ModalView } from "@slack/types";
import { type Decision, findDecisionByMessage, getDecision } from "../store/decisions.js";
import { applyReview, BUTTON_REVIEW, giveReason, type ReviewOutcome, tallyOf } from "../store/reviews.js";
import { buildChangeReason } from "./builders/build-change-reason.js";
import { NOT_A_REVIEWER_TEXT, SELF_APPROVAL_TEXT } from "./builders/build-review-replies.js";
import type { DecisionAccess } from "./decision-access.js";
import { escapeMrkdwn } from "./mrkdwn.js";
import { answersToForm } from "./questionnaire/form-values.js";
import { type QuestionnaireDeps, revisionStepView } from "./questionnaire-session.js";
import type { ActionPlace } from "./readers/read-action-place.js";
import type { ReasonMetadata } from "./readers/read-reason-metadata.js";
import type { ReviewDeps } from "./reviews.js";

export interface ReviewButtonDeps extends ReviewDeps, QuestionnaireDeps {
  access: DecisionAccess;
}

/** What a button press comes to: a note only the presser sees, a form to open, or nothing more to say. */
export type ButtonOutcome = { note: string } | { view: ModalView } | { done: ReviewOutcome };

export const NOT_OURS = "This button is not on a decision of this channel.";
const NOT_A_MEMBER = "Only members of this decision's channel can act on it.";
const over = (d: Decision) => `The review of decision #${d.number} is over: decision #${d.supersededBy?.number} replaced it.`;

/** The people who may change a decision's review: an allowed reviewer other than the requester. */
async function refuseReviewer(deps: ReviewButtonDeps, decision: Decision, userId: string): Promise<string | null> {
  if (!(await deps.access.canSee(decision, userId))) return NOT_A_MEMBER;
  if (decision.supersededBy) return over(decision);
  if (decision.requesterId === userId) return SELF_APPROVAL_TEXT;
  if (!(await deps.isReviewer(userId, decision))) return NOT_A_REVIEWER_TEXT;
  return null;
}

/** The decision whose verdict message the button is on: found by the message itself, so never another channel's. */
async function decisionOfVerdict(deps: ReviewButtonDeps, place: ActionPlace): Promise<Decision | null> {
  const decision = await findDecisionByMessage(deps.db, place.channelId, place.messageTs);
  return decision && decision.teamId === place.teamId ? decision : null;
}

/** A decision a button names by id, only when it belongs to the channel the button was pressed in. */
async function decisionOfChannel(deps: ReviewButtonDeps, place: ActionPlace, decisionId: number): Promise<Decision | null> {
  const decision = await getDecision(deps.db, decisionId);
  return decision && decision.teamId === place.teamId && decision.channelId === place.channelId ? decision : null;
}

/** Approve on the verdict message: the same review as an approval reaction. */
export async function approveByButton(deps: ReviewButtonDeps, place: ActionPlace): Promise<ButtonOutcome> {
  const decision = await decisionOfVerdict(deps, place);
  if (!decision) return { note: NOT_OURS };
  const refused = await refuseReviewer(deps, decision, place.userId);
  if (refused) return { note: refused };
  const change = { decisionId: decision.id, reviewerId: place.userId, kind: "approve" as const, reaction: BUTTON_REVIEW, added: true };
  const outcome = await applyReview(deps.db, change, await deps.reviewSettings(decision));
  if (outcome === "duplicate") return { note: `Your approval of decision #${decision.number} is already counted.` };
  if (outcome !== "ignored") deps.jobsQueued();
  return { done: outcome };
}

/** Request changes on the verdict message: the reason form opens; the review is recorded when it is sent. */
export async function requestChangesByButton(deps: ReviewButtonDeps, place: ActionPlace): Promise<ButtonOutcome> {
  const decision = await decisionOfVerdict(deps, place);
  if (!decision) return { note: NOT_OURS };
  const refused = await refuseReviewer(deps, decision, place.userId);
  if (refused) return { note: refused };
  if (decision.status === "approved") return { note: `Decision #${decision.number} is approved already.` };
  return {
    view: buildChangeReason({ metadata: { decisionId: decision.id, mode: "request" }, number: decision.number, title: decision.title }),
  };
}

/** Give a reason (the prompt after a ❌ reaction): the reason form, for a reviewer who requests changes now. */
export async function reasonFormByButton(deps: ReviewButtonDeps, place: ActionPlace, decisionId: number): Promise<ButtonOutcome> {
  const decision = await decisionOfChannel(deps, place, decisionId);
  if (!decision) return { note: NOT_OURS };
  const { rejecters } = await tallyOf(deps.db, decision.id);
  if (decision.supersededBy || !rejecters.includes(place.userId)) {
    return { note: `You no longer request changes on decision #${decision.number}.` };
  }
  return {
    view: buildChangeReason({ metadata: { decisionId: decision.id, mode: "reason" }, number: decision.number, title: decision.title }),
  };
}

/**
 * Revise answers: the questionnaire with the decision's answers, for its requester or a reviewer; the new decision
 * is posted in the same thread and replaces this one.
 */
export async function reviseByButton(deps: ReviewButtonDeps, place: ActionPlace, decisionId: number): Promise<ButtonOutcome> {
  const decision = await decisionOfChannel(deps, place, decisionId);
  if (!decision?.threadTs) return { note: NOT_OURS };
  if (!(await deps.access.canSee(decision, place.userId))) return { note: NOT_A_MEMBER };
  if (decision.supersededBy)
    return { note: `Decision #${decision.number} was revised already: revise #${decision.supersededBy.number} instead.` };
  if (decision.requesterId !== place.userId && !(await deps.isReviewer(place.userId, decision))) {
    return { note: "Only the requester or a reviewer can revise this decision." };
  }
  const view = await revisionStepView(deps, {
    teamId: place.teamId,
    userId: place.userId,
    metadata: { channelId: decision.channelId, threadTs: decision.threadTs, parentId: decision.id },
    values: answersToForm(decision.answers, decision.unknownAnswers),
    intro: `Revising decision #${decision.number}, *${escapeMrkdwn(decision.title)}*: change what the review asked for. The new decision replaces #${decision.number} in its thread.`,
  });
  return { view };
}

/** What the reason form's submission did: nothing to say, or a problem to show under the reason. */
export type ReasonResult = { ok: true } | { ok: false; problem: string };

/** The reason form sent: with Request changes, the review and its reason in one store operation; else the reason. */
export async function submitReason(
  deps: ReviewButtonDeps,
  input: { teamId: string; userId: string; metadata: ReasonMetadata; reason: string },
): Promise<ReasonResult> {
  const decision = await getDecision(deps.db, input.metadata.decisionId);
  if (!decision || decision.teamId !== input.teamId) return { ok: false, problem: "This decision is no longer on record." };
  if (input.metadata.mode === "reason") {
    const outcome = await giveReason(deps.db, decision.id, input.userId, input.reason);
    if (outcome !== "recorded") return { ok: false, problem: `You no longer request changes on decision #${decision.number}.` };
    deps.jobsQueued();
    return { ok: true };
  }
  const refused = await refuseReviewer(deps, decision, input.userId);
  if (refused) return { ok: false, problem: refused };
  if (decision.status === "approved") return { ok: false, problem: `Decision #${decision.number} is approved already.` };
  const change = { decisionId: decision.id, reviewerId: input.userId, kind: "reject" as const, reaction: BUTTON_REVIEW, added: true };
  const outcome = await applyReview(deps.db, { ...change, reason: input.reason }, await deps.reviewSettings(decision));
  if (outcome === "duplicate") {
    // Changes were requested with this button before: the new reason replaces the old.
    await giveReason(deps.db, decision.id, input.userId, input.reason);
  }
  if (outcome !== "ignored") deps.jobsQueued();
  return { ok: true };
}
