import { sql } from "drizzle-orm";
import type { NoticeContent, NoticePayload, NoticeUpdatePayload } from "./job-payloads.js";
import { enqueueJob, jobKey } from "./jobs.js";
import type { NoticeKind, NoticeState } from "./schema.js";
import type { SqlClient } from "./sql-client.js";

export interface ModelNotice {
  decisionId: number;
  modelId: string;
  kind: NoticeKind;
  state: NoticeState;
  releaseDate: string | null;
  snoozedUntil: string | null;
  /** The reply that told it; null until Slack accepted it. */
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

interface NoticeRow {
  decisionId: number;
  modelId: string;
  kind: NoticeKind;
  state: NoticeState;
  releaseDate: string | null;
  snoozedUntil: string | null;
  messageTs: string | null;
}

/** Posted decisions after `afterId`, in id order, a page at a time: a pass never holds them all. */
export async function listWatchedDecisions(db: SqlClient, afterId = 0, limit = 5000): Promise<WatchedDecision[]> {
  return db.all<WatchedDecision>(sql`
    select id, base_model as "baseModel", channel_id as "channelId", thread_ts as "threadTs", requester_id as "requesterId"
    from decisions where thread_ts is not null and id > ${afterId} order by id limit ${limit}`);
}

/** The distinct base models on record (a catalog source may query per author). */
export async function watchedBaseModels(db: SqlClient): Promise<string[]> {
  const rows = await db.all<{ baseModel: string }>(
    sql`select distinct base_model as "baseModel" from decisions where thread_ts is not null`,
  );
  return rows.map((r) => r.baseModel);
}

/** The notices of decisions with ids in [fromId, toId], grouped by decision id. */
export async function noticesByDecision(db: SqlClient, fromId = 0, toId = Number.MAX_SAFE_INTEGER): Promise<Map<number, ModelNotice[]>> {
  const byDecision = new Map<number, ModelNotice[]>();
  const rows = await db.all<NoticeRow>(sql`
    select decision_id as "decisionId", model_id as "modelId", kind, state, release_date as "releaseDate",
      snoozed_until as "snoozedUntil", message_ts as "messageTs"
    from model_notices where decision_id between ${fromId} and ${toId}`);
  for (const row of rows) {
    const list = byDecision.get(row.decisionId);
    if (list) list.push(row);
    else byDecision.set(row.decisionId, [row]);
  }
  return byDecision;
}

export type { NoticeContent } from "./job-payloads.js";

/** The models a notice is about: the versions it names, or the base model it warns about. */
export function noticeModels(decision: WatchedDecision, content: NoticeContent): string[] {
  return content.kind === "newer-version" ? content.versions.map((v) => v.id) : [decision.baseModel];
}

/**
 * Records a notice as told and queues its post, in one transaction: the next pass does not plan it again, and the
 * worker posts it once (an attempt that may have reached Slack is looked up first). Resolves with the job's key.
 */
export async function queueNotice(db: SqlClient, decision: WatchedDecision, content: NoticeContent): Promise<string> {
  const kind: NoticeKind = content.kind;
  return db.transaction(async (tx) => {
    const updatedAt = new Date().toISOString();
    const rows =
      content.kind === "newer-version"
        ? content.versions.map((v) => ({ modelId: v.id, releaseDate: v.releaseDate }))
        : [{ modelId: decision.baseModel, releaseDate: content.lifecycle.retirementDate }];
    for (const row of rows) {
      await tx.run(sql`
        insert into model_notices (decision_id, model_id, kind, state, release_date, snoozed_until, message_ts, updated_at)
        values (${decision.id}, ${row.modelId}, ${kind}, 'announced', ${row.releaseDate}, null, null, ${updatedAt})
        on conflict (decision_id, model_id, kind) do update set state = 'announced', release_date = excluded.release_date,
          snoozed_until = null, message_ts = null, updated_at = excluded.updated_at`);
    }
    const key = jobKey.notice(decision.id);
    await enqueueJob(tx, { kind: "post-notice", decisionId: decision.id, key, payload: { decision, content } satisfies NoticePayload });
    return key;
  });
}

/** Slack accepted a notice: the reply that told these models. */
export async function recordNoticePosted(
  tx: SqlClient,
  decisionId: number,
  kind: NoticeKind,
  modelIds: readonly string[],
  messageTs: string,
): Promise<void> {
  const at = new Date().toISOString();
  for (const modelId of modelIds) {
    await tx.run(sql`
      update model_notices set message_ts = ${messageTs}, updated_at = ${at}
      where decision_id = ${decisionId} and model_id = ${modelId} and kind = ${kind}`);
  }
}

/** Sets the state of a decision's newer-version notices for these models; returns how many changed. */
export async function setNoticeState(
  db: SqlClient,
  decisionId: number,
  modelIds: readonly string[],
  state: NoticeState,
  snoozedUntil: string | null = null,
): Promise<number> {
  if (modelIds.length === 0) return 0;
  const ids = sql.join(
    modelIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return db.run(sql`
    update model_notices set state = ${state}, snoozed_until = ${snoozedUntil}, updated_at = ${new Date().toISOString()}
    where decision_id = ${decisionId} and kind = 'newer-version' and model_id in (${ids})`);
}

/** Newer base models announced and not yet ignored, snoozed or re-evaluated, per decision. */
export async function newerModelsWaiting(db: SqlClient, decisionIds: readonly number[]): Promise<Map<number, string[]>> {
  const waiting = new Map<number, string[]>();
  if (decisionIds.length === 0) return waiting;
  const ids = sql.join(
    decisionIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await db.all<{ decisionId: number; modelId: string }>(sql`
    select decision_id as "decisionId", model_id as "modelId" from model_notices
    where decision_id in (${ids}) and kind = 'newer-version' and state = 'announced'`);
  for (const row of rows) waiting.set(row.decisionId, [...(waiting.get(row.decisionId) ?? []), row.modelId]);
  return waiting;
}

/** The notices one reply told (what a notice's buttons act on). */
export async function noticesInMessage(db: SqlClient, decisionId: number, messageTs: string): Promise<ModelNotice[]> {
  return db.all<NoticeRow>(sql`
    select decision_id as "decisionId", model_id as "modelId", kind, state, release_date as "releaseDate",
      snoozed_until as "snoozedUntil", message_ts as "messageTs"
    from model_notices where decision_id = ${decisionId} and message_ts = ${messageTs} order by release_date, model_id`);
}

export interface QuietNotice {
  decisionId: number;
  /** The versions the notice named. */
  modelIds: readonly string[];
  state: "ignored" | "snoozed";
  snoozedUntil: string | null;
  /** The notice message (a reply in the decision's thread). */
  noticeTs: string;
  /** What the notice says afterwards ("Ignored by …"). */
  outcome: string;
}

/**
 * Ignore or Snooze on a notice: the versions go quiet and the notice's redrawing is queued, in one transaction. False
 * (nothing changes) unless the message is a notice this decision was sent.
 */
export async function quietNotice(db: SqlClient, input: QuietNotice): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [decision] = await tx.all<{ channelId: string }>(
      sql`select channel_id as "channelId" from decisions where id = ${input.decisionId}`,
    );
    if (!decision) return false;
    const [known] = await tx.all<{ found: number }>(sql`
      select 1 as found from model_notices where decision_id = ${input.decisionId} and message_ts = ${input.noticeTs}
      union all
      select 1 as found from jobs where kind = 'post-notice' and decision_id = ${input.decisionId} and slack_ts = ${input.noticeTs}
      limit 1`);
    if (!known) return false;
    await setNoticeState(tx, input.decisionId, input.modelIds, input.state, input.snoozedUntil);
    return enqueueJob(tx, {
      kind: "update-notice",
      decisionId: input.decisionId,
      key: jobKey.noticeUpdate(),
      payload: { channelId: decision.channelId, noticeTs: input.noticeTs, outcome: input.outcome } satisfies NoticeUpdatePayload,
    });
  });
}
