import type { Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { changeStatus, type Decision, findDecisionByMessage, getDecision, touchMessage } from "../store/decisions.js";
import type { Db } from "../store/open-db.js";
import { addReview, claimEvent, type ReviewKind, removeReview, reviewersOf } from "../store/reviews.js";
import { NOT_A_REVIEWER_TEXT, SELF_APPROVAL_TEXT } from "./builders/build-review-replies.js";
import { publishDecision } from "./publish-decision.js";
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

/**
 * Applies an approval or reject reaction to the decision whose verdict message it is on. The event claim, the review
 * row, the status change and the queued Slack work commit in one transaction, so a retried delivery or two reviewers
 * at once can neither double-count nor announce the quorum twice; the outbox then tells Slack.
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
  const outcome = db.transaction((): ReactionOutcome => {
    if (event.eventId && !claimEvent(db, event.eventId)) return "duplicate";
    // Once approved, an approval stays on the record even if its reaction is removed.
    if (!event.added && kind === "approve" && getDecision(db, decision.id)?.status === "approved") return "ignored";
    const changed = event.added ? addReview(db, row) : removeReview(db, row);
    if (!changed) return "duplicate";
    touchMessage(db, decision.id);
    return transitionAfter(db, decision.id, kind, event.added, review.requiredApprovals);
  });
  if (outcome !== "duplicate" && outcome !== "ignored") await publishDecision(deps, decision.id);
  return outcome;
}

/** The status change a review causes, made in the caller's transaction so it happens once however many react at once. */
function transitionAfter(db: Db, decisionId: number, kind: ReviewKind, added: boolean, required: number): ReactionOutcome {
  if (kind === "reject" && added && changeStatus(db, decisionId, "in-review", "changes-requested")) return "changes-requested";
  if (
    kind === "reject" &&
    !added &&
    reviewersOf(db, decisionId, "reject").length === 0 &&
    changeStatus(db, decisionId, "changes-requested", "in-review")
  ) {
    return "back-in-review";
  }
  if (
    kind === "approve" &&
    added &&
    reviewersOf(db, decisionId, "approve").length >= required &&
    changeStatus(db, decisionId, "in-review", "approved")
  ) {
    return "approved";
  }
  return added ? "counted" : "withdrawn";
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
