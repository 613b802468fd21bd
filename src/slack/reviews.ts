import type { Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { changeStatus, type Decision, findDecisionByMessage, getDecision } from "../store/decisions.js";
import type { Db } from "../store/open-db.js";
import { addReview, claimEvent, removeReview, type ReviewKind, reviewersOf } from "../store/reviews.js";
import {
  buildApprovedReply,
  buildBackInReviewReply,
  buildChangesRequestedReply,
  NOT_A_REVIEWER_TEXT,
  SELF_APPROVAL_TEXT,
} from "./builders/build-review-replies.js";
import { verdictMessageFor } from "./publish-decision.js";
import { baseReaction, type ReviewSettings } from "./review-settings.js";
import { slackErrorCode } from "./slack-errors.js";

export interface ReviewDeps {
  db: Db;
  client: WebClient;
  review: ReviewSettings;
  logger: Logger;
  isReviewer: (userId: string) => Promise<boolean>;
}

export interface ReactionEvent {
  eventId: string | undefined;
  added: boolean;
  userId: string;
  reaction: string;
  channelId: string;
  messageTs: string;
}

/** What a reaction did, for logs and tests. */
export type ReactionOutcome =
  | "ignored"
  | "duplicate"
  | "self-approval"
  | "not-a-reviewer"
  | "counted"
  | "withdrawn"
  | "approved"
  | "changes-requested"
  | "back-in-review";

type Transition = { kind: "approved"; approvers: string[] } | { kind: "changes-requested" } | { kind: "back-in-review" } | null;

/**
 * Applies an approval or reject reaction to the decision whose verdict message it is on. The event claim, the review
 * row and the status change commit in one transaction, so a retried delivery or two reviewers at once can neither
 * double-count nor announce the quorum twice.
 */
export async function applyReaction(deps: ReviewDeps, event: ReactionEvent): Promise<ReactionOutcome> {
  const { db, review } = deps;
  const name = baseReaction(event.reaction);
  const kind: ReviewKind | null = review.approvalReactions.includes(name)
    ? "approve"
    : review.rejectReactions.includes(name)
      ? "reject"
      : null;
  if (!kind) return "ignored";
  const decision = findDecisionByMessage(db, event.channelId, event.messageTs);
  if (!decision) return "ignored";

  if (event.userId === decision.requesterId) {
    if (!event.added || kind !== "approve") return "ignored";
    if (event.eventId && !claimEvent(db, event.eventId)) return "duplicate";
    await tellUser(deps, decision, event.userId, SELF_APPROVAL_TEXT);
    return "self-approval";
  }
  if (!(await deps.isReviewer(event.userId))) {
    if (event.added && event.eventId && claimEvent(db, event.eventId)) await tellUser(deps, decision, event.userId, NOT_A_REVIEWER_TEXT);
    return "not-a-reviewer";
  }

  const row = { decisionId: decision.id, reviewerId: event.userId, kind, reaction: name };
  const result = db.transaction(() => {
    if (event.eventId && !claimEvent(db, event.eventId)) return { outcome: "duplicate" as const, transition: null };
    // Once approved, an approval stays on the record even if its reaction is removed.
    if (!event.added && kind === "approve" && getDecision(db, decision.id)?.status === "approved") {
      return { outcome: "ignored" as const, transition: null };
    }
    const changed = event.added ? addReview(db, row) : removeReview(db, row);
    if (!changed) return { outcome: "duplicate" as const, transition: null };
    return transitionAfter(db, decision.id, kind, event.added, review.requiredApprovals);
  });

  if (result.transition) await announce(deps, decision.id, result.transition, event.userId);
  else if (result.outcome === "counted" || result.outcome === "withdrawn") await refreshVerdictMessage(deps, decision.id);
  return result.outcome;
}

function transitionAfter(
  db: Db,
  decisionId: number,
  kind: ReviewKind,
  added: boolean,
  required: number,
): { outcome: ReactionOutcome; transition: Transition } {
  const approvers = reviewersOf(db, decisionId, "approve");
  const rejecters = reviewersOf(db, decisionId, "reject");
  if (kind === "reject" && added && changeStatus(db, decisionId, "in-review", "changes-requested")) {
    return { outcome: "changes-requested", transition: { kind: "changes-requested" } };
  }
  if (kind === "reject" && !added && rejecters.length === 0 && changeStatus(db, decisionId, "changes-requested", "in-review")) {
    return { outcome: "back-in-review", transition: { kind: "back-in-review" } };
  }
  if (kind === "approve" && added && approvers.length >= required && changeStatus(db, decisionId, "in-review", "approved")) {
    return { outcome: "approved", transition: { kind: "approved", approvers } };
  }
  return { outcome: added ? "counted" : "withdrawn", transition: null };
}

async function announce(deps: ReviewDeps, decisionId: number, transition: NonNullable<Transition>, reviewerId: string) {
  const decision = getDecision(deps.db, decisionId)!;
  const reply =
    transition.kind === "approved"
      ? buildApprovedReply(decisionId, transition.approvers)
      : transition.kind === "changes-requested"
        ? buildChangesRequestedReply(decisionId, reviewerId)
        : buildBackInReviewReply(decisionId);
  try {
    await deps.client.chat.postMessage({ channel: decision.channelId, thread_ts: decision.threadTs!, ...reply });
  } catch (error) {
    deps.logger.warn(`decision #${decisionId}: status reply not posted (${slackErrorCode(error)})`);
  }
  await refreshVerdictMessage(deps, decisionId);
}

/** Rewrites the verdict message with the current status and approvers. */
export async function refreshVerdictMessage(deps: Pick<ReviewDeps, "db" | "client" | "review" | "logger">, decisionId: number) {
  const decision = getDecision(deps.db, decisionId);
  if (!decision?.messageTs) return;
  const message = verdictMessageFor(deps.db, decision, deps.review);
  try {
    await deps.client.chat.update({ channel: decision.channelId, ts: decision.messageTs, ...message });
  } catch (error) {
    deps.logger.warn(`decision #${decisionId}: verdict message not updated (${slackErrorCode(error)})`);
  }
}

async function tellUser(deps: ReviewDeps, decision: Decision, userId: string, text: string) {
  try {
    await deps.client.chat.postEphemeral({ channel: decision.channelId, user: userId, text, thread_ts: decision.threadTs ?? undefined });
  } catch (error) {
    deps.logger.warn(`could not tell ${userId} (${slackErrorCode(error)})`);
  }
}

/** Reviewer eligibility from settings; a user group's members are cached for five minutes. */
export function reviewerCheck(client: WebClient, review: ReviewSettings, logger: Logger, now = () => Date.now()) {
  let cache: { at: number; members: Set<string> } | null = null;
  return async (userId: string): Promise<boolean> => {
    if (review.reviewerUsers.length === 0 && !review.reviewerGroup) return true;
    if (review.reviewerUsers.includes(userId)) return true;
    if (!review.reviewerGroup) return false;
    if (!cache || now() - cache.at > 5 * 60_000) {
      try {
        const res = await client.usergroups.users.list({ usergroup: review.reviewerGroup });
        cache = { at: now(), members: new Set(res.users ?? []) };
      } catch (error) {
        logger.warn(`reviewer group ${review.reviewerGroup} unreadable (${slackErrorCode(error)})`);
        return false;
      }
    }
    return cache.members.has(userId);
  };
}
