import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "./open-db.js";
import { decisions, modelNotices, type NoticeKind, type NoticeState } from "./schema.js";

export interface ModelNotice {
  decisionId: number;
  modelId: string;
  kind: NoticeKind;
  state: NoticeState;
  releaseDate: string | null;
  snoozedUntil: string | null;
  messageTs: string | null;
}

/** What the watch needs of a decision: where its thread is and whose it is. */
export interface WatchedDecision {
  id: number;
  baseModel: string;
  channelId: string;
  threadTs: string;
  requesterId: string;
}

/** Every posted decision, in a compact form: a pass reads them all at once. */
export function listWatchedDecisions(db: Db): WatchedDecision[] {
  return db
    .select({
      id: decisions.id,
      baseModel: decisions.baseModel,
      channelId: decisions.channelId,
      threadTs: decisions.threadTs,
      requesterId: decisions.requesterId,
    })
    .from(decisions)
    .where(isNotNull(decisions.threadTs))
    .all() as WatchedDecision[];
}

/** All notices, grouped by decision id. */
export function noticesByDecision(db: Db): Map<number, ModelNotice[]> {
  const byDecision = new Map<number, ModelNotice[]>();
  for (const row of db.select().from(modelNotices).all()) {
    const list = byDecision.get(row.decisionId) ?? [];
    list.push(row);
    byDecision.set(row.decisionId, list);
  }
  return byDecision;
}

/** Records notices (insert, or replace the state of an existing one) in one transaction. */
export function saveNotices(db: Db, notices: readonly ModelNotice[]): void {
  const now = new Date().toISOString();
  db.transaction((tx) => {
    for (const n of notices) {
      tx.insert(modelNotices)
        .values({ ...n, updatedAt: now })
        .onConflictDoUpdate({
          target: [modelNotices.decisionId, modelNotices.modelId, modelNotices.kind],
          set: { state: n.state, snoozedUntil: n.snoozedUntil, messageTs: n.messageTs, releaseDate: n.releaseDate, updatedAt: now },
        })
        .run();
    }
  });
}

/** Sets the state of a decision's newer-version notices for these models; returns how many changed. */
export function setNoticeState(
  db: Db,
  decisionId: number,
  modelIds: readonly string[],
  state: NoticeState,
  snoozedUntil: string | null = null,
): number {
  if (modelIds.length === 0) return 0;
  return db
    .update(modelNotices)
    .set({ state, snoozedUntil, updatedAt: new Date().toISOString() })
    .where(
      and(
        eq(modelNotices.decisionId, decisionId),
        eq(modelNotices.kind, "newer-version"),
        inArray(modelNotices.modelId, [...modelIds]),
      ),
    )
    .run().changes;
}

/** Newer base models announced and not yet ignored, snoozed or re-evaluated, per decision. */
export function newerModelsWaiting(db: Db, decisionIds: readonly number[]): Map<number, string[]> {
  const waiting = new Map<number, string[]>();
  if (decisionIds.length === 0) return waiting;
  const rows = db
    .select({ decisionId: modelNotices.decisionId, modelId: modelNotices.modelId })
    .from(modelNotices)
    .where(
      and(
        inArray(modelNotices.decisionId, [...decisionIds]),
        eq(modelNotices.kind, "newer-version"),
        eq(modelNotices.state, "announced"),
      ),
    )
    .all();
  for (const row of rows) waiting.set(row.decisionId, [...(waiting.get(row.decisionId) ?? []), row.modelId]);
  return waiting;
}
