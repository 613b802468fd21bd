import type { Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { type Decision, listOpenReviews } from "../store/decisions.js";
import { applyReview, BUTTON_REVIEW, reviewReactions } from "../store/reviews.js";
import type { SqlClient } from "../store/sql-client.js";
import { baseReaction } from "./review-settings.js";
import { type ReviewDeps, reviewKindOf } from "./reviews.js";
import { slackErrorCode } from "./slack-errors.js";
import type { WorkspaceClients } from "./workspace-clients.js";

export interface ReconcileDeps extends ReviewDeps {
  /** Each decision's reactions are read with its own workspace's token. */
  clients: WorkspaceClients;
  logger: Logger;
  /** Checked between decisions: a stop does not wait for the whole pass. */
  stopping: () => boolean;
}

export interface ReconcileReport {
  decisions: number;
  added: number;
  removed: number;
  unreadable: number;
}

const key = (userId: string, reaction: string) => `${userId}\u0000${reaction}`;

/** What Slack shows on the verdict message, as (user, reaction) pairs. */
async function reactionsOn(client: WebClient, decision: Decision): Promise<Array<{ userId: string; reaction: string }>> {
  const res = await client.reactions.get({ channel: decision.channelId, timestamp: decision.messageTs!, full: true });
  const reactions = (res.message as { reactions?: Array<{ name?: string; users?: string[] }> } | undefined)?.reactions ?? [];
  return reactions.flatMap((r) => (r.users ?? []).map((userId) => ({ userId, reaction: baseReaction(r.name ?? "") })));
}

async function reconcileOne(deps: ReconcileDeps, db: SqlClient, decision: Decision, report: ReconcileReport): Promise<void> {
  const client = await deps.clients.forWorkspace(decision);
  if (!client) return;
  const onSlack = await reactionsOn(client, decision);
  const settings = await deps.reviewSettings(decision);
  const present = new Set(onSlack.map((r) => key(r.userId, r.reaction)));
  const stored = await reviewReactions(db, decision.id);
  const known = new Set(stored.map((r) => key(r.reviewerId, r.reaction)));
  for (const { userId, reaction } of onSlack) {
    const kind = reviewKindOf(settings, reaction);
    if (!kind || userId === decision.requesterId || known.has(key(userId, reaction))) continue;
    if (!(await deps.isReviewer(userId, decision))) continue;
    known.add(key(userId, reaction));
    const outcome = await applyReview(db, { decisionId: decision.id, reviewerId: userId, kind, reaction, added: true }, settings);
    if (outcome !== "duplicate" && outcome !== "ignored") report.added += 1;
  }
  for (const review of stored) {
    // Reviews given with the verdict's buttons have no reaction on Slack to compare with.
    if (review.reaction === BUTTON_REVIEW || present.has(key(review.reviewerId, review.reaction))) continue;
    const outcome = await applyReview(db, { ...review, added: false }, settings);
    if (outcome !== "duplicate" && outcome !== "ignored") report.removed += 1;
  }
}

/**
 * Compares the reactions on every verdict still under review with the reviews on record, and applies the difference
 * through the same store operation as a reaction event: an approval whose event was lost (a crash, an outage longer
 * than Slack's retries) is counted, a removal is withdrawn. Running it again changes nothing.
 */
export async function reconcileReactions(deps: ReconcileDeps): Promise<ReconcileReport> {
  const report: ReconcileReport = { decisions: 0, added: 0, removed: 0, unreadable: 0 };
  for (const decision of await listOpenReviews(deps.db)) {
    if (deps.stopping()) break;
    report.decisions += 1;
    try {
      await reconcileOne(deps, deps.db, decision, report);
    } catch (error) {
      report.unreadable += 1;
      deps.logger.warn(`decision #${decision.id}: reactions not reconciled (${slackErrorCode(error)})`);
    }
  }
  if (report.added + report.removed > 0) deps.jobsQueued();
  return report;
}
