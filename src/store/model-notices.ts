import { sql } from "drizzle-orm";
import type { FineTune } from "../engine/verdict.js";
import { NoticeContent, type NoticeJobPayload } from "./job-payloads.js";
import { enqueueJob, jobKey } from "./jobs.js";
import type { NoticeKind, NoticeState } from "./schema.js";
import type { SqlClient } from "./sql-client.js";

export type { NoticeContent } from "./job-payloads.js";

/** One notice: which of a decision's models it is about, what it told, and what was done with it. */
export interface ModelNotice {
  id: number;
  decisionId: number;
  modelId: string;
  kind: NoticeKind;
  content: NoticeContent;
  state: NoticeState;
  snoozedUntil: string | null;
  /** Who used one of its buttons. */
  actedBy: string | null;
  /** The re-evaluation it led to, by id and by the number people use. */
  followUpId: number | null;
  followUpNumber: number | null;
  /** The reply that told it; null until Slack accepted it. */
  messageTs: string | null;
}

/** A notice with what drawing it, and checking a click on it, needs of its decision. */
export interface NoticeWithDecision {
  notice: ModelNotice;
  decision: {
    id: number;
    teamId: string;
    enterpriseId: string | null;
    /** What people call it in its workspace. */
    number: number;
    channelId: string;
    threadTs: string | null;
    requesterId: string;
    baseModel: string;
    candidateModel: string | null;
    fineTune: FineTune;
  };
}

type NoticeRow = Omit<ModelNotice, "content"> & { content: string };

const NOTICE_COLUMNS = sql.raw(
  `n.id, n.decision_id as "decisionId", n.model_id as "modelId", n.kind, n.content, n.state, n.snoozed_until as "snoozedUntil",
   n.acted_by as "actedBy", n.follow_up_id as "followUpId",
   (select f.number from decisions f where f.id = n.follow_up_id) as "followUpNumber", n.message_ts as "messageTs"`,
);
const DECISION_COLUMNS = sql.raw(
  `d.number as "number", d.team_id as "teamId", d.enterprise_id as "enterpriseId", d.channel_id as "channelId", d.thread_ts as "threadTs", d.requester_id as "requesterId", d.base_model as "baseModel",
   d.candidate_model as "candidateModel", d.fine_tune as "fineTune"`,
);

function toNotice(row: NoticeRow): ModelNotice {
  return { ...row, content: NoticeContent.parse(JSON.parse(row.content)) };
}

type JoinedRow = NoticeRow & Omit<NoticeWithDecision["decision"], "id">;

function toJoined(row: JoinedRow): NoticeWithDecision {
  const { number, teamId, enterpriseId, channelId, threadTs, requesterId, baseModel, candidateModel, fineTune, ...notice } = row;
  return {
    notice: toNotice(notice),
    decision: {
      id: notice.decisionId,
      number,
      teamId,
      enterpriseId,
      channelId,
      threadTs,
      requesterId,
      baseModel,
      candidateModel,
      fineTune,
    },
  };
}

/** A decision's notices, oldest first (what it has been told, whatever the state). */
export async function noticesOf(db: SqlClient, decisionId: number): Promise<ModelNotice[]> {
  const rows = await db.all<NoticeRow>(
    sql`select ${NOTICE_COLUMNS} from watch_notices n where n.decision_id = ${decisionId} order by n.id`,
  );
  return rows.map(toNotice);
}

export interface NewNotice {
  modelId: string;
  content: NoticeContent;
}

/**
 * Records a decision's new notices and queues their posts, and moves its watch mark from `fromSeq` to `toSeq`, in one
 * transaction: the next pass does not plan them again, and the worker posts each once. Null (nothing written) when
 * the mark is no longer `fromSeq` (another pass got there first). Resolves with the jobs' keys.
 */
export async function queueNotices(
  db: SqlClient,
  input: { decisionId: number; fromSeq: number; toSeq: number; notices: readonly NewNotice[] },
): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const moved = await tx.run(sql`
      update decisions set watch_seq = ${input.toSeq} where id = ${input.decisionId} and watch_seq = ${input.fromSeq}`);
    if (moved !== 1) return null;
    const keys: string[] = [];
    for (const notice of input.notices) {
      const [row] = await tx.all<{ id: number }>(sql`
        insert into watch_notices (decision_id, model_id, kind, content)
        values (${input.decisionId}, ${notice.modelId}, ${notice.content.kind}, ${JSON.stringify(notice.content)})
        returning id`);
      const key = jobKey.notice(input.decisionId);
      const payload: NoticeJobPayload = { noticeId: row!.id };
      await enqueueJob(tx, { kind: "post-notice", decisionId: input.decisionId, key, payload });
      keys.push(key);
    }
    return keys;
  });
}

/** Snoozed notices whose date has passed: to be told again. */
export async function dueSnoozes(db: SqlClient, now: Date): Promise<ModelNotice[]> {
  const rows = await db.all<NoticeRow>(sql`
    select ${NOTICE_COLUMNS} from watch_notices n
    where n.state = 'snoozed' and n.snoozed_until <= ${now.toISOString()} order by n.id`);
  return rows.map(toNotice);
}

/** Tells a snoozed notice again (a new reply, with its buttons); null when it is no longer snoozed. Resolves with the job's key. */
export async function retellNotice(db: SqlClient, noticeId: number, now: Date): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.all<{ decisionId: number }>(sql`
      update watch_notices set state = 'announced', snoozed_until = null, acted_by = null, message_ts = null,
        updated_at = ${now.toISOString()}
      where id = ${noticeId} and state = 'snoozed' and snoozed_until <= ${now.toISOString()}
      returning decision_id as "decisionId"`);
    if (!row) return null;
    const key = jobKey.notice(row.decisionId);
    await enqueueJob(tx, { kind: "post-notice", decisionId: row.decisionId, key, payload: { noticeId } satisfies NoticeJobPayload });
    return key;
  });
}

/** A notice and its decision, for posting or redrawing it. */
export async function getNotice(db: SqlClient, noticeId: number): Promise<NoticeWithDecision | null> {
  const [row] = await db.all<JoinedRow>(sql`
    select ${NOTICE_COLUMNS}, ${DECISION_COLUMNS} from watch_notices n join decisions d on d.id = n.decision_id
    where n.id = ${noticeId}`);
  return row ? toJoined(row) : null;
}

/**
 * The notice a button was clicked on, found by where the click happened: the channel and the message. A click on a
 * message of another channel, or on one that is not a notice (yet), finds nothing.
 */
export async function noticeAt(db: SqlClient, channelId: string, messageTs: string): Promise<NoticeWithDecision | null> {
  const [row] = await db.all<JoinedRow>(sql`
    select ${NOTICE_COLUMNS}, ${DECISION_COLUMNS} from watch_notices n join decisions d on d.id = n.decision_id
    where n.message_ts = ${messageTs} and d.channel_id = ${channelId}`);
  return row ? toJoined(row) : null;
}

/** Slack accepted a notice: the reply that told it. */
export async function recordNoticePosted(tx: SqlClient, noticeId: number, messageTs: string): Promise<void> {
  await tx.run(sql`update watch_notices set message_ts = ${messageTs}, updated_at = ${new Date().toISOString()} where id = ${noticeId}`);
}

export type NoticeAction = { state: "ignored" } | { state: "snoozed"; until: string };

/**
 * Ignore or Snooze: the notice goes quiet, says who did it, and its redrawing is queued, in one transaction. False
 * (nothing changes) unless it was still waiting for the team.
 */
export async function actOnNotice(db: SqlClient, noticeId: number, userId: string, action: NoticeAction): Promise<boolean> {
  return db.transaction(async (tx) => {
    const until = action.state === "snoozed" ? action.until : null;
    const [row] = await tx.all<{ decisionId: number }>(sql`
      update watch_notices set state = ${action.state}, snoozed_until = ${until}, acted_by = ${userId},
        updated_at = ${new Date().toISOString()}
      where id = ${noticeId} and state = 'announced'
      returning decision_id as "decisionId"`);
    if (!row) return false;
    await queueRedraw(tx, row.decisionId, noticeId);
    return true;
  });
}

/**
 * A re-evaluation started from a notice was stored (in the caller's transaction): the notice says so, and by whom,
 * and is redrawn. Only a notice of the decision re-evaluated; whatever state it was in.
 */
export async function recordReEvaluated(
  tx: SqlClient,
  input: { noticeId: number; parentId: number; userId: string; followUpId: number },
): Promise<void> {
  const changed = await tx.run(sql`
    update watch_notices set state = 're-evaluated', snoozed_until = null, acted_by = ${input.userId},
      follow_up_id = ${input.followUpId}, updated_at = ${new Date().toISOString()}
    where id = ${input.noticeId} and decision_id = ${input.parentId}`);
  if (changed === 1) await queueRedraw(tx, input.parentId, input.noticeId);
}

async function queueRedraw(tx: SqlClient, decisionId: number, noticeId: number): Promise<void> {
  await enqueueJob(tx, { kind: "update-notice", decisionId, key: jobKey.noticeUpdate(), payload: { noticeId } satisfies NoticeJobPayload });
}

/** Newer versions announced and not yet ignored, snoozed or re-evaluated, per decision. */
export async function newerModelsWaiting(db: SqlClient, decisionIds: readonly number[]): Promise<Map<number, string[]>> {
  const waiting = new Map<number, string[]>();
  if (decisionIds.length === 0) return waiting;
  const ids = sql.join(
    decisionIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await db.all<NoticeRow>(sql`
    select ${NOTICE_COLUMNS} from watch_notices n
    where n.decision_id in (${ids}) and n.kind = 'newer-version' and n.state = 'announced' order by n.id`);
  for (const notice of rows.map(toNotice)) {
    if (notice.content.kind !== "newer-version") continue;
    waiting.set(notice.decisionId, [...(waiting.get(notice.decisionId) ?? []), ...notice.content.versions.map((v) => v.id)]);
  }
  return waiting;
}
