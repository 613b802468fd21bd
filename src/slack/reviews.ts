import type { Logger } from "@slack/bolt";
import { findDecisionByMessage } from "../store/decisions.js";
import type { NotePayload } from "../store/job-payloads.js";
import { jobKey } from "../store/jobs.js";
import { applyReview, noteReaction, type ReviewKind, type ReviewOutcome } from "../store/reviews.js";
import type { SqlClient } from "../store/sql-client.js";
import type { Workspace } from "../store/workspace.js";
import { NOT_A_REVIEWER_TEXT, SELF_APPROVAL_TEXT } from "./builders/build-review-replies.js";
import { baseReaction, type ReviewSettings } from "./review-settings.js";
import { slackErrorCode } from "./slack-errors.js";
import type { WorkspaceClients } from "./workspace-clients.js";
import type { ReviewSettingsOf } from "./workspace-review-settings.js";

/** Whether a user may review in a workspace (its reviewer list, or its user group's members). */
export type IsReviewer = (userId: string, workspace: Workspace) => Promise<boolean>;

export interface ReviewDeps {
  db: SqlClient;
  /** Each workspace's review settings. */
  reviewSettings: ReviewSettingsOf;
  isReviewer: IsReviewer;
  /** Slack work was queued: the worker can start on it. */
  jobsQueued: () => void;
}

export interface ReactionEvent {
  eventId: string | undefined;
  /** The workspace the event came from: a reaction never reaches another workspace's decision. */
  teamId?: string | undefined;
  added: boolean;
  userId: string;
  reaction: string;
  channelId: string;
  messageTs: string;
}

/** What a reaction did, for logs and tests. */
export type ReactionOutcome = ReviewOutcome | "self-approval" | "not-a-reviewer";

/** Whether a reaction name reviews (approves or requests changes), by the settings. */
export function reviewKindOf(review: ReviewSettings, reaction: string): ReviewKind | null {
  const name = baseReaction(reaction);
  if (review.approvalReactions.includes(name)) return "approve";
  return review.rejectReactions.includes(name) ? "reject" : null;
}

/**
 * Applies an approval or reject reaction to the decision whose verdict message it is on, through one store operation
 * (event claimed, review written, status moved, Slack work queued, all in one transaction). The requester's own
 * approval, and a reaction from someone not on the reviewer list, only get a note, once.
 */
export async function applyReaction(deps: ReviewDeps, event: ReactionEvent): Promise<ReactionOutcome> {
  const { db } = deps;
  const decision = await findDecisionByMessage(db, event.channelId, event.messageTs);
  if (!decision || (event.teamId !== undefined && event.teamId !== decision.teamId)) return "ignored";
  const review = await deps.reviewSettings(decision);
  const kind = reviewKindOf(review, event.reaction);
  if (!kind) return "ignored";
  const note = (text: string) => ({
    kind: "notify-user" as const,
    decisionId: decision.id,
    key: event.eventId ? jobKey.eventNote(event.eventId) : jobKey.note(),
    payload: {
      userId: event.userId,
      text,
      channelId: decision.channelId,
      ...(decision.threadTs ? { threadTs: decision.threadTs } : {}),
    } satisfies NotePayload,
  });

  if (event.userId === decision.requesterId) {
    if (!event.added || kind !== "approve") return "ignored";
    if (!(await noteReaction(db, event.eventId, note(SELF_APPROVAL_TEXT)))) return "duplicate";
    deps.jobsQueued();
    return "self-approval";
  }
  if (!(await deps.isReviewer(event.userId, decision))) {
    if (event.added && event.eventId && (await noteReaction(db, event.eventId, note(NOT_A_REVIEWER_TEXT)))) deps.jobsQueued();
    return "not-a-reviewer";
  }
  const outcome = await applyReview(
    db,
    {
      decisionId: decision.id,
      reviewerId: event.userId,
      kind,
      reaction: baseReaction(event.reaction),
      eventId: event.eventId,
      added: event.added,
    },
    review,
  );
  if (outcome !== "duplicate" && outcome !== "ignored") deps.jobsQueued();
  return outcome;
}

/**
 * Reviewer eligibility from settings; a user group's members are read with the workspace's own token and cached for
 * five minutes per workspace.
 */
export function reviewerCheck(clients: WorkspaceClients, settingsOf: ReviewSettingsOf, logger: Logger, now = () => Date.now()): IsReviewer {
  const cache = new Map<string, { at: number; group: string; members: Set<string> }>();
  return async (userId, workspace) => {
    const review = await settingsOf(workspace);
    if (review.reviewerUsers.length === 0 && !review.reviewerGroup) return true;
    if (review.reviewerUsers.includes(userId)) return true;
    if (!review.reviewerGroup) return false;
    const key = workspace.teamId ?? workspace.enterpriseId ?? "";
    let cached = cache.get(key);
    if (!cached || cached.group !== review.reviewerGroup || now() - cached.at > 5 * 60_000) {
      try {
        const client = await clients.forWorkspace(workspace);
        if (!client) return false;
        const res = await client.usergroups.users.list({ usergroup: review.reviewerGroup });
        cached = { at: now(), group: review.reviewerGroup, members: new Set(res.users ?? []) };
        cache.set(key, cached);
      } catch (error) {
        logger.warn(`reviewer group ${review.reviewerGroup} unreadable (${slackErrorCode(error)})`);
        return false;
      }
    }
    return cached.members.has(userId);
  };
}
