import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./open-db.js";
import { prepared } from "./prepared.js";
import { modelNotices, type NoticeKind, type NoticeState } from "./schema.js";

type RawStatement = { run: (params: Record<string, unknown>) => unknown; all: (params: Record<string, unknown>) => unknown[] };
const raw = (db: Db, sqlText: string) => prepared(db, sqlText, () => db.$client.prepare(sqlText) as unknown as RawStatement);

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

/** Posted decisions after `afterId`, in id order, a page at a time: a pass never holds them all. */
export function listWatchedDecisions(db: Db, afterId = 0, limit = 5000): WatchedDecision[] {
  return raw(
    db,
    `select id, base_model as baseModel, channel_id as channelId, thread_ts as threadTs, requester_id as requesterId
     from decisions where thread_ts is not null and id > @afterId order by id limit @limit`,
  ).all({ afterId, limit }) as WatchedDecision[];
}

/** The distinct base models on record (a catalog source may query per author). */
export function watchedBaseModels(db: Db): string[] {
  return (
    raw(db, "select distinct base_model as baseModel from decisions where thread_ts is not null").all({}) as { baseModel: string }[]
  ).map((r) => r.baseModel);
}

/** The notices of decisions with ids in [fromId, toId], grouped by decision id. */
export function noticesByDecision(db: Db, fromId = 0, toId = Number.MAX_SAFE_INTEGER): Map<number, ModelNotice[]> {
  const byDecision = new Map<number, ModelNotice[]>();
  const rows = raw(
    db,
    `select decision_id as decisionId, model_id as modelId, kind, state, release_date as releaseDate,
       snoozed_until as snoozedUntil, message_ts as messageTs
     from model_notices where decision_id between @fromId and @toId`,
  ).all({ fromId, toId }) as ModelNotice[];
  for (const row of rows) {
    const list = byDecision.get(row.decisionId);
    if (list) list.push(row);
    else byDecision.set(row.decisionId, [row]);
  }
  return byDecision;
}

/** Records notices (insert, or replace the state of an existing one) in one transaction. */
export function saveNotices(db: Db, notices: readonly ModelNotice[]): void {
  const upsert = raw(
    db,
    `insert into model_notices (decision_id, model_id, kind, state, release_date, snoozed_until, message_ts, updated_at)
     values (@decisionId, @modelId, @kind, @state, @releaseDate, @snoozedUntil, @messageTs, @updatedAt)
     on conflict (decision_id, model_id, kind) do update set state = excluded.state, release_date = excluded.release_date,
       snoozed_until = excluded.snoozed_until, message_ts = excluded.message_ts, updated_at = excluded.updated_at`,
  );
  const updatedAt = new Date().toISOString();
  db.$client.transaction(() => {
    for (const n of notices) upsert.run({ ...n, updatedAt });
  })();
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
      and(eq(modelNotices.decisionId, decisionId), eq(modelNotices.kind, "newer-version"), inArray(modelNotices.modelId, [...modelIds])),
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
      and(inArray(modelNotices.decisionId, [...decisionIds]), eq(modelNotices.kind, "newer-version"), eq(modelNotices.state, "announced")),
    )
    .all();
  for (const row of rows) waiting.set(row.decisionId, [...(waiting.get(row.decisionId) ?? []), row.modelId]);
  return waiting;
}
