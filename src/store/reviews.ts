import { sql } from "drizzle-orm";
import { nextStatus, type QuorumRule, type ReviewTally } from "../engine/review-status.js";
import { IS_SUPERSEDED, setStatus } from "./decisions.js";
import { enqueueJob, jobKey, type NewJob } from "./jobs.js";
import type { DecisionStatus } from "./schema.js";
import type { SqlClient } from "./sql-client.js";

export type ReviewKind = "approve" | "reject";

/** The `reaction` of a review given with the verdict message's Approve or Request changes button. */
export const BUTTON_REVIEW = "button";

export interface ReviewReaction {
  decisionId: number;
  reviewerId: string;
  kind: ReviewKind;
  /** The reaction's name without a skin tone. */
  reaction: string;
}

export interface ReviewChange extends ReviewReaction {
  /** The Events API delivery; Slack retries with the same id. Absent when reconciling at start. */
  eventId?: string | undefined;
  added: boolean;
  /** Why changes are requested, when the reviewer said so with the review (the Request changes button). */
  reason?: string | undefined;
}

/** What a review did, for logs and tests. */
export type ReviewOutcome = "duplicate" | "ignored" | "counted" | "withdrawn" | "approved" | "changes-requested" | "back-in-review";

/** Records that an event was handled; false when it had been already (a retried or repeated delivery). */
export async function claimEvent(db: SqlClient, eventId: string): Promise<boolean> {
  const claimed = await db.run(sql`
    insert into processed_events (event_id, created_at) values (${eventId}, ${new Date().toISOString()})
    on conflict do nothing`);
  return claimed === 1;
}

/** Distinct reviewers with at least one reaction of this kind, in the order they first reacted. */
export async function reviewersOf(db: SqlClient, decisionId: number, kind: ReviewKind): Promise<string[]> {
  const rows = await db.all<{ reviewer_id: string }>(sql`
    select reviewer_id from reviews where decision_id = ${decisionId} and kind = ${kind} order by created_at, reviewer_id`);
  return [...new Set(rows.map((r) => r.reviewer_id))];
}

export async function tallyOf(db: SqlClient, decisionId: number): Promise<ReviewTally> {
  return { approvers: await reviewersOf(db, decisionId, "approve"), rejecters: await reviewersOf(db, decisionId, "reject") };
}

/** The tallies of many decisions at once (a list's rows), by decision id; decisions without reviews are left out. */
export async function talliesOf(db: SqlClient, decisionIds: readonly number[]): Promise<Map<number, ReviewTally>> {
  const tallies = new Map<number, { approvers: string[]; rejecters: string[] }>();
  if (decisionIds.length === 0) return tallies;
  const ids = sql.join(
    decisionIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await db.all<{ decision_id: number; reviewer_id: string; kind: ReviewKind }>(sql`
    select decision_id, reviewer_id, kind from reviews where decision_id in (${ids}) order by created_at, reviewer_id`);
  for (const row of rows) {
    const tally = tallies.get(row.decision_id) ?? { approvers: [], rejecters: [] };
    const list = row.kind === "approve" ? tally.approvers : tally.rejecters;
    if (!list.includes(row.reviewer_id)) list.push(row.reviewer_id);
    tallies.set(row.decision_id, tally);
  }
  return tallies;
}

/** Every review reaction on record for a decision (what a restart compares with Slack's reactions). */
export async function reviewReactions(db: SqlClient, decisionId: number): Promise<ReviewReaction[]> {
  const rows = await db.all<{ reviewer_id: string; kind: ReviewKind; reaction: string }>(sql`
    select reviewer_id, kind, reaction from reviews where decision_id = ${decisionId} order by created_at, reviewer_id`);
  return rows.map((r) => ({ decisionId, reviewerId: r.reviewer_id, kind: r.kind, reaction: r.reaction }));
}

async function writeReview(tx: SqlClient, change: ReviewChange): Promise<boolean> {
  const { decisionId, reviewerId, kind, reaction } = change;
  if (change.added) {
    const added = await tx.run(sql`
      insert into reviews (decision_id, reviewer_id, kind, reaction, created_at)
      values (${decisionId}, ${reviewerId}, ${kind}, ${reaction}, ${new Date().toISOString()})
      on conflict do nothing`);
    return added === 1;
  }
  const removed = await tx.run(sql`
    delete from reviews
    where decision_id = ${decisionId} and reviewer_id = ${reviewerId} and kind = ${kind} and reaction = ${reaction}`);
  return removed === 1;
}

function outcomeOf(before: DecisionStatus, after: DecisionStatus, added: boolean): ReviewOutcome {
  if (after === before) return added ? "counted" : "withdrawn";
  if (after === "in-review") return "back-in-review";
  return after;
}

/**
 * One review reaction, added or removed, in one transaction: the event claimed, the review row written, the status
 * moved as the quorum rule says, and the Slack work (the verdict message updated, a status reply) enqueued. A retried
 * delivery, or many reviewers at once, can neither double-count nor announce a status twice.
 */
export async function applyReview(db: SqlClient, change: ReviewChange, rule: QuorumRule): Promise<ReviewOutcome> {
  return db.transaction(async (tx) => {
    if (change.eventId && !(await claimEvent(tx, change.eventId))) return "duplicate";
    const [decision] = await tx.all<{ status: DecisionStatus; superseded: number }>(
      sql`select d.status, ${IS_SUPERSEDED} as superseded from decisions d where d.id = ${change.decisionId}`,
    );
    // A superseded decision's review is over: the revision that replaced it is reviewed instead.
    if (!decision || Number(decision.superseded) === 1) return "ignored";
    // Once approved, an approval stays on the record even if its reaction is removed.
    if (!change.added && change.kind === "approve" && decision.status === "approved") return "ignored";
    if (!(await writeReview(tx, change))) return "duplicate";
    const { decisionId, reviewerId } = change;
    const rejecting = change.added && change.kind === "reject";
    if (rejecting && change.reason) await writeReason(tx, decisionId, reviewerId, change.reason);
    const status = nextStatus(decision.status, await tallyOf(tx, decisionId), rule);
    const moved = status !== decision.status && (await setStatus(tx, decisionId, status));
    if (moved) await enqueueJob(tx, { kind: "post-status", decisionId, key: jobKey.status(decisionId) });
    await enqueueJob(tx, { kind: "update-verdict", decisionId, key: jobKey.update(decisionId) });
    // A request for changes by reaction comes without a reason: the reviewer is asked for one.
    if (rejecting && !change.reason && change.eventId) {
      await enqueueJob(tx, { kind: "ask-reason", decisionId, key: jobKey.askReason(decisionId, reviewerId), payload: { reviewerId } });
    }
    return outcomeOf(decision.status, moved ? status : decision.status, change.added);
  });
}

/**
 * A reaction that is not a review (the requester's own approval, someone not on the reviewer list): the event is
 * claimed and the person told once, in one transaction. False when the event had been handled already.
 */
export async function noteReaction(db: SqlClient, eventId: string | undefined, note: NewJob): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (eventId && !(await claimEvent(tx, eventId))) return false;
    await enqueueJob(tx, note);
    return true;
  });
}

async function writeReason(tx: SqlClient, decisionId: number, reviewerId: string, reason: string): Promise<void> {
  const at = new Date().toISOString();
  await tx.run(sql`
    insert into review_reasons (decision_id, reviewer_id, reason, created_at, updated_at)
    values (${decisionId}, ${reviewerId}, ${reason}, ${at}, ${at})
    on conflict (decision_id, reviewer_id) do update set reason = excluded.reason, updated_at = excluded.updated_at`);
}

/** Why each reviewer who requested changes did, by reviewer (only those who gave a reason). */
export async function reasonsOf(db: SqlClient, decisionId: number): Promise<Map<string, string>> {
  const rows = await db.all<{ reviewer_id: string; reason: string }>(
    sql`select reviewer_id, reason from review_reasons where decision_id = ${decisionId} order by created_at, reviewer_id`,
  );
  return new Map(rows.map((r) => [r.reviewer_id, r.reason]));
}

/** What giving a reason did. */
export type ReasonOutcome = "recorded" | "not-requesting-changes";

/**
 * A reason given after a request for changes (the reviewer answered the prompt): stored, and the verdict message
 * redrawn and the reason told in the thread, in one transaction. Only from a reviewer who requests changes now.
 */
export async function giveReason(db: SqlClient, decisionId: number, reviewerId: string, reason: string): Promise<ReasonOutcome> {
  return db.transaction(async (tx) => {
    const [rejecting] = await tx.all<{ found: number }>(sql`
      select 1 as found from reviews r join decisions d on d.id = r.decision_id
      where r.decision_id = ${decisionId} and r.reviewer_id = ${reviewerId} and r.kind = 'reject' and not ${IS_SUPERSEDED}
      limit 1`);
    if (!rejecting) return "not-requesting-changes";
    await writeReason(tx, decisionId, reviewerId, reason);
    await enqueueJob(tx, { kind: "update-verdict", decisionId, key: jobKey.update(decisionId) });
    await enqueueJob(tx, { kind: "post-reason", decisionId, key: jobKey.reason(decisionId, reviewerId), payload: { reviewerId } });
    return "recorded";
  });
}
