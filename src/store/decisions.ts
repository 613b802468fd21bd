import { and, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Answers } from "../engine/answers.js";
import type { Verdict } from "../engine/verdict.js";
import type { Db } from "./open-db.js";
import { prepared } from "./prepared.js";
import { type DecisionStatus, decisions } from "./schema.js";

export interface Decision {
  id: number;
  teamId: string;
  channelId: string;
  requesterId: string;
  title: string;
  baseModel: string;
  answers: Answers;
  verdict: Verdict;
  engineVersion: string;
  status: DecisionStatus;
  messageTs: string | null;
  threadTs: string | null;
  replyTs: string | null;
  parentId: number | null;
  lastPostError: string | null;
  postedAt: string | null;
  postAttemptedAt: string | null;
  replyAttemptedAt: string | null;
  statusRevision: number;
  announcedStatusRevision: number;
  statusAttemptedRevision: number | null;
  messageRevision: number;
  renderedRevision: number;
  /** Answers paths the team answered "Don't know". */
  unknownAnswers: string[];
  createdAt: string;
  updatedAt: string;
}

export interface NewDecision {
  teamId: string;
  channelId: string;
  /** Set when the review started inside an existing thread. */
  threadTs?: string | undefined;
  requesterId: string;
  answers: Answers;
  verdict: Verdict;
  parentId?: number | undefined;
  submissionKey: string;
  unknownAnswers?: readonly string[] | undefined;
}

type Row = typeof decisions.$inferSelect;

function toDecision(row: Row): Decision {
  const { submissionKey: _key, fineTune: _fineTune, outbox: _outbox, ...rest } = row;
  const unknownAnswers = Array.isArray(row.unknownAnswers) ? (row.unknownAnswers as string[]) : [];
  return { ...rest, answers: row.answers as Answers, verdict: row.verdict as Verdict, unknownAnswers };
}

const now = () => new Date().toISOString();

/** Stores a decision; a second call with the same submission key returns the first one unchanged. */
export function insertDecision(db: Db, input: NewDecision): { decision: Decision; created: boolean } {
  const inserted = db
    .insert(decisions)
    .values({
      teamId: input.teamId,
      channelId: input.channelId,
      threadTs: input.threadTs ?? null,
      requesterId: input.requesterId,
      title: input.answers.title,
      baseModel: input.answers.baseModel,
      answers: input.answers,
      verdict: input.verdict,
      engineVersion: input.verdict.engineVersion,
      fineTune: input.verdict.fineTune,
      parentId: input.parentId ?? null,
      submissionKey: input.submissionKey,
      unknownAnswers: [...(input.unknownAnswers ?? [])],
    })
    .onConflictDoNothing({ target: decisions.submissionKey })
    .returning()
    .get();
  if (inserted) return { decision: toDecision(inserted), created: true };
  const existing = db.select().from(decisions).where(eq(decisions.submissionKey, input.submissionKey)).get();
  return { decision: toDecision(existing!), created: false };
}

export function getDecision(db: Db, id: number): Decision | null {
  const query = prepared(db, "getDecision", () =>
    db
      .select()
      .from(decisions)
      .where(eq(decisions.id, sql.placeholder("id")))
      .prepare(),
  );
  const row = query.get({ id });
  return row ? toDecision(row) : null;
}

export function findDecisionByMessage(db: Db, channelId: string, messageTs: string): Decision | null {
  const query = prepared(db, "findDecisionByMessage", () =>
    db
      .select()
      .from(decisions)
      .where(and(eq(decisions.channelId, sql.placeholder("channelId")), eq(decisions.messageTs, sql.placeholder("messageTs"))))
      .prepare(),
  );
  const row = query.get({ channelId, messageTs });
  return row ? toDecision(row) : null;
}

/** Decisions Slack still has to be told something about (verdict, reasons, a status reply, an update), oldest first. */
export function listOutbox(db: Db, channelId?: string): Decision[] {
  const pending = eq(decisions.outbox, 1);
  return db
    .select()
    .from(decisions)
    .where(channelId ? and(pending, eq(decisions.channelId, channelId)) : pending)
    .orderBy(decisions.id)
    .all()
    .map(toDecision);
}

/** Records that a post is about to be sent, so that after a crash its fate is looked up rather than guessed. */
export function markAttempt(db: Db, id: number, part: "verdict" | "reply"): void {
  const at = now();
  db.update(decisions)
    .set(part === "verdict" ? { postAttemptedAt: at, updatedAt: at } : { replyAttemptedAt: at, updatedAt: at })
    .where(eq(decisions.id, id))
    .run();
}

export function markMessagePosted(db: Db, id: number, messageTs: string, threadTs: string, renderedRevision: number): void {
  db.update(decisions)
    .set({ messageTs, threadTs, renderedRevision, lastPostError: null, updatedAt: now() })
    .where(eq(decisions.id, id))
    .run();
}

export function markReplyPosted(db: Db, id: number, replyTs: string): void {
  const at = now();
  db.update(decisions).set({ replyTs, postedAt: at, lastPostError: null, updatedAt: at }).where(eq(decisions.id, id)).run();
}

export function markStatusAttempt(db: Db, id: number, revision: number): void {
  db.update(decisions).set({ statusAttemptedRevision: revision, updatedAt: now() }).where(eq(decisions.id, id)).run();
}

export function markStatusAnnounced(db: Db, id: number, revision: number): void {
  db.update(decisions).set({ announcedStatusRevision: revision, updatedAt: now() }).where(eq(decisions.id, id)).run();
}

export function markRendered(db: Db, id: number, revision: number): void {
  db.update(decisions).set({ renderedRevision: revision, updatedAt: now() }).where(eq(decisions.id, id)).run();
}

/** Takes a decision out of the outbox when nothing is left to tell Slack; false when something still is. */
export function settleOutbox(db: Db, id: number): boolean {
  const result = db
    .update(decisions)
    .set({ outbox: 0 })
    .where(
      and(
        eq(decisions.id, id),
        isNotNull(decisions.postedAt),
        eq(decisions.announcedStatusRevision, decisions.statusRevision),
        eq(decisions.renderedRevision, decisions.messageRevision),
      ),
    )
    .run();
  return result.changes === 1;
}

/** Something the verdict message shows changed (a review came or went): it needs an update. */
export function touchMessage(db: Db, id: number): void {
  db.update(decisions)
    .set({ messageRevision: sql`${decisions.messageRevision} + 1`, outbox: 1, updatedAt: now() })
    .where(eq(decisions.id, id))
    .run();
}

export function recordPostError(db: Db, id: number, error: string): void {
  db.update(decisions).set({ lastPostError: error, updatedAt: now() }).where(eq(decisions.id, id)).run();
}

/**
 * Moves a decision from one status to another; false when it was not in `from` (someone else got there first).
 * The change is queued for the thread and the verdict message.
 */
export function changeStatus(db: Db, id: number, from: DecisionStatus, to: DecisionStatus): boolean {
  const result = db
    .update(decisions)
    .set({
      status: to,
      statusRevision: sql`${decisions.statusRevision} + 1`,
      messageRevision: sql`${decisions.messageRevision} + 1`,
      outbox: 1,
      updatedAt: now(),
    })
    .where(and(eq(decisions.id, id), eq(decisions.status, from)))
    .run();
  return result.changes === 1;
}

export interface ListScope {
  teamId: string;
  channelId?: string;
  limit?: number;
}

export function listDecisions(db: Db, scope: ListScope): Decision[] {
  const team = eq(decisions.teamId, scope.teamId);
  return db
    .select()
    .from(decisions)
    .where(scope.channelId ? and(team, eq(decisions.channelId, scope.channelId)) : team)
    .orderBy(desc(decisions.id))
    .limit(scope.limit ?? 20)
    .all()
    .map(toDecision);
}

export function listByRequester(db: Db, teamId: string, userId: string, limit = 10): Decision[] {
  return db
    .select()
    .from(decisions)
    .where(and(eq(decisions.teamId, teamId), eq(decisions.requesterId, userId)))
    .orderBy(desc(decisions.id))
    .limit(limit)
    .all()
    .map(toDecision);
}

/** In-review decisions of others that this user has not approved yet. */
export function listAwaitingReview(db: Db, teamId: string, userId: string, limit = 10): Decision[] {
  return db
    .select()
    .from(decisions)
    .where(
      and(
        eq(decisions.teamId, teamId),
        eq(decisions.status, "in-review"),
        ne(decisions.requesterId, userId),
        isNotNull(decisions.messageTs),
        sql`not exists (select 1 from reviews r where r.decision_id = ${decisions.id} and r.reviewer_id = ${userId} and r.kind = 'approve')`,
      ),
    )
    .orderBy(desc(decisions.id))
    .limit(limit)
    .all()
    .map(toDecision);
}
