import { sql } from "drizzle-orm";
import type { Answers } from "../engine/answers.js";
import type { Verdict } from "../engine/verdict.js";
import { ModelsAlreadyOut, type StepPayload, type VerdictPayload } from "./job-payloads.js";
import { enqueueJob, jobKey } from "./jobs.js";
import { recordReEvaluated } from "./model-notices.js";
import type { DecisionStatus } from "./schema.js";
import type { SqlClient } from "./sql-client.js";

/** Another decision, as people name it (#number) and as the database does (id). */
export interface DecisionRef {
  id: number;
  number: number;
}

/** A fine-tuning decision: the answers, the engine's verdict, its review status and where it lives in Slack. */
export interface Decision {
  id: number;
  /** What people call it: #1, #2, ... within its workspace. */
  number: number;
  teamId: string;
  /** The organization, when the app is installed org-wide. */
  enterpriseId: string | null;
  channelId: string;
  requesterId: string;
  title: string;
  baseModel: string;
  answers: Answers;
  verdict: Verdict;
  engineVersion: string;
  status: DecisionStatus;
  /** The verdict message; null until Slack accepted it. */
  messageTs: string | null;
  /** The thread the verdict lives in: the starting thread, or the verdict message itself. */
  threadTs: string | null;
  /** The reasons-and-next-steps reply; null until Slack accepted it. */
  replyTs: string | null;
  /** The link to the verdict message; null until fetched from Slack. */
  permalink: string | null;
  /** The decision this one revises or re-evaluates. */
  parentId: number | null;
  revises: DecisionRef | null;
  /** The newest decision that revises this one: its review is over, and readers are sent there. */
  supersededBy: DecisionRef | null;
  statusChangedAt: string | null;
  /** When the verdict was posted (the review began). */
  reviewOpenedAt: string | null;
  /** Answers paths the team answered "Don't know". */
  unknownAnswers: string[];
  createdAt: string;
  updatedAt: string;
}

export interface NewDecision {
  teamId: string;
  /** The organization, when the app is installed org-wide. */
  enterpriseId?: string | undefined;
  channelId: string;
  /** Set when the review started inside an existing thread. */
  threadTs?: string | undefined;
  requesterId: string;
  answers: Answers;
  verdict: Verdict;
  /** The decision this one revises or re-evaluates (same workspace and channel). */
  parentId?: number | undefined;
  /** The model notice the re-evaluation was started from. */
  noticeId?: number | undefined;
  /** The day it is made, `YYYY-MM-DD`. */
  decidedOn: string;
  /** Newer versions of its models already out that day (the verdict names them). */
  alreadyOut?: ModelsAlreadyOut | undefined;
  submissionKey: string;
  /** The command's response_url: how to reach the requester if the verdict cannot be posted. */
  responseUrl?: string | undefined;
  /** Answers paths the team answered "Don't know". */
  unknownAnswers?: readonly string[] | undefined;
  /** The Workflow Builder step that asked for it: completed with the verdict once it is posted. */
  functionExecutionId?: string | undefined;
}

export interface DecisionRow {
  id: number;
  number: number;
  team_id: string;
  enterprise_id: string | null;
  channel_id: string;
  requester_id: string;
  title: string;
  base_model: string;
  answers: string;
  verdict: string;
  engine_version: string;
  status: DecisionStatus;
  message_ts: string | null;
  thread_ts: string | null;
  reply_ts: string | null;
  permalink: string | null;
  parent_id: number | null;
  parent_number: number | null;
  superseded_by_id: number | null;
  superseded_by_number: number | null;
  status_changed_at: string | null;
  review_opened_at: string | null;
  unknown_answers: string;
  created_at: string;
  updated_at: string;
}

/** Every column of a decision row `d`, with its lineage; use with `from decisions d`. */
export const DECISION_COLUMNS = sql.raw(`
  d.id, d.number, d.team_id, d.enterprise_id, d.channel_id, d.requester_id, d.title, d.base_model, d.answers, d.verdict, d.engine_version,
  d.status, d.message_ts, d.thread_ts, d.reply_ts, d.permalink, d.parent_id, d.status_changed_at, d.review_opened_at,
  d.unknown_answers, d.created_at, d.updated_at,
  (select p.number from decisions p where p.id = d.parent_id) as parent_number,
  (select c.id from decisions c where c.parent_id = d.id order by c.id desc limit 1) as superseded_by_id,
  (select c.number from decisions c where c.parent_id = d.id order by c.id desc limit 1) as superseded_by_number`);

/** Whether a newer decision revises `d`: its review is over. */
export const IS_SUPERSEDED = sql.raw("exists (select 1 from decisions c where c.parent_id = d.id)");

const ref = (id: number | null, number: number | null): DecisionRef | null => (id !== null && number !== null ? { id, number } : null);

export function toDecision(row: DecisionRow): Decision {
  return {
    id: row.id,
    number: row.number,
    teamId: row.team_id,
    enterpriseId: row.enterprise_id,
    channelId: row.channel_id,
    requesterId: row.requester_id,
    title: row.title,
    baseModel: row.base_model,
    answers: JSON.parse(row.answers) as Answers,
    verdict: JSON.parse(row.verdict) as Verdict,
    engineVersion: row.engine_version,
    status: row.status,
    messageTs: row.message_ts,
    threadTs: row.thread_ts,
    replyTs: row.reply_ts,
    permalink: row.permalink,
    parentId: row.parent_id,
    revises: ref(row.parent_id, row.parent_number),
    supersededBy: ref(row.superseded_by_id, row.superseded_by_number),
    statusChangedAt: row.status_changed_at,
    reviewOpenedAt: row.review_opened_at,
    unknownAnswers: JSON.parse(row.unknown_answers) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const now = () => new Date().toISOString();

/** A revision of a decision another revision replaced first: revise that one instead. */
export class AlreadySupersededError extends Error {
  override name = "AlreadySupersededError";
  constructor(
    readonly revised: DecisionRef,
    readonly by: DecisionRef,
  ) {
    super(`decision #${revised.number} was revised already, as #${by.number}`);
  }
}

/** The next decision number of a workspace (in the caller's transaction). */
async function nextNumber(tx: SqlClient, teamId: string): Promise<number> {
  const [row] = await tx.all<{ last_number: number }>(sql`
    insert into decision_numbers (team_id, last_number) values (${teamId}, 1)
    on conflict (team_id) do update set last_number = decision_numbers.last_number + 1
    returning last_number`);
  if (!row) throw new Error(`no decision number for team ${teamId}`);
  return Number(row.last_number);
}

async function bySubmissionKey(tx: SqlClient, key: string): Promise<Decision | null> {
  const [row] = await tx.all<DecisionRow>(sql`select ${DECISION_COLUMNS} from decisions d where d.submission_key = ${key}`);
  return row ? toDecision(row) : null;
}

/**
 * Stores a decision and enqueues its verdict post, in one transaction: the decision exists exactly when its post is
 * due. A revision supersedes the decision it revises (whose verdict message is redrawn to say so); a re-evaluation
 * started from a model notice also marks that notice as taken up, by whom; a workflow step's decision also queues the
 * step's completion. A second call with the same submission key returns the first decision unchanged. Throws AlreadySupersededError when the decision revised was replaced meanwhile.
 */
export async function insertDecision(db: SqlClient, input: NewDecision): Promise<{ decision: Decision; created: boolean }> {
  return db.transaction(async (tx) => {
    const existing = await bySubmissionKey(tx, input.submissionKey);
    if (existing) return { decision: existing, created: false };
    const parent = input.parentId ? await getDecision(tx, input.parentId) : null;
    if (parent?.supersededBy) throw new AlreadySupersededError(parent, parent.supersededBy);
    const at = now();
    const number = await nextNumber(tx, input.teamId);
    const [inserted] = await tx.all<{ id: number }>(sql`
      insert into decisions (team_id, enterprise_id, number, channel_id, thread_ts, requester_id, title, base_model, candidate_model,
        decided_on, already_out, answers, verdict, engine_version, fine_tune, parent_id, submission_key, unknown_answers, created_at,
        updated_at)
      values (${input.teamId}, ${input.enterpriseId ?? null}, ${number}, ${input.channelId}, ${input.threadTs ?? null}, ${input.requesterId}, ${input.answers.title},
        ${input.answers.baseModel}, ${input.answers.candidateModel ?? null}, ${input.decidedOn},
        ${input.alreadyOut?.length ? JSON.stringify(input.alreadyOut) : null}, ${JSON.stringify(input.answers)},
        ${JSON.stringify(input.verdict)}, ${input.verdict.engineVersion}, ${input.verdict.fineTune}, ${input.parentId ?? null},
        ${input.submissionKey}, ${JSON.stringify(input.unknownAnswers ?? [])}, ${at}, ${at})
      returning id`);
    if (!inserted) throw new Error(`decision with submission key ${input.submissionKey} was not stored`);
    const id = inserted.id;
    await enqueueJob(tx, {
      kind: "post-verdict",
      decisionId: id,
      key: jobKey.verdict(id),
      payload: (input.responseUrl ? { responseUrl: input.responseUrl } : {}) satisfies VerdictPayload,
    });
    if (input.functionExecutionId) {
      // Queued after the verdict post, so it runs once that post is done (a decision's jobs run in order).
      await enqueueJob(tx, {
        kind: "complete-step",
        decisionId: id,
        key: jobKey.stepCompletion(input.functionExecutionId),
        payload: { functionExecutionId: input.functionExecutionId } satisfies StepPayload,
      });
    }
    if (input.parentId) {
      await enqueueJob(tx, { kind: "update-verdict", decisionId: input.parentId, key: jobKey.update(input.parentId) });
      if (input.noticeId) {
        await recordReEvaluated(tx, { noticeId: input.noticeId, parentId: input.parentId, userId: input.requesterId, followUpId: id });
      }
    }
    const decision = await getDecision(tx, id);
    if (!decision) throw new Error(`decision ${id} vanished`);
    return { decision, created: true };
  });
}

export async function getDecision(db: SqlClient, id: number): Promise<Decision | null> {
  const [row] = await db.all<DecisionRow>(sql`select ${DECISION_COLUMNS} from decisions d where d.id = ${id}`);
  return row ? toDecision(row) : null;
}

/** A decision by the number people use in its workspace. */
export async function getDecisionByNumber(db: SqlClient, teamId: string, number: number): Promise<Decision | null> {
  const [row] = await db.all<DecisionRow>(
    sql`select ${DECISION_COLUMNS} from decisions d where d.team_id = ${teamId} and d.number = ${number}`,
  );
  return row ? toDecision(row) : null;
}

/** The newer versions of a decision's models that were already out the day it was made (empty when none, or unknown). */
export async function alreadyOutAtDecision(db: SqlClient, decisionId: number): Promise<ModelsAlreadyOut> {
  const [row] = await db.all<{ alreadyOut: string | null }>(
    sql`select already_out as "alreadyOut" from decisions where id = ${decisionId}`,
  );
  const parsed = row?.alreadyOut ? ModelsAlreadyOut.safeParse(JSON.parse(row.alreadyOut)) : undefined;
  return parsed?.success ? parsed.data : [];
}

export async function findDecisionByMessage(db: SqlClient, channelId: string, messageTs: string): Promise<Decision | null> {
  const [row] = await db.all<DecisionRow>(
    sql`select ${DECISION_COLUMNS} from decisions d where d.channel_id = ${channelId} and d.message_ts = ${messageTs}`,
  );
  return row ? toDecision(row) : null;
}

/**
 * Slack accepted the verdict message: where it is; the review begins, and the reasons reply becomes due. Its link, when
 * the poster got it, is kept; else a `record-permalink` job fetches it.
 */
export async function recordVerdictPosted(
  tx: SqlClient,
  decisionId: number,
  posted: { messageTs: string; threadTs: string; permalink?: string | null },
): Promise<void> {
  const at = now();
  await tx.run(sql`
    update decisions set message_ts = ${posted.messageTs}, thread_ts = ${posted.threadTs}, permalink = ${posted.permalink ?? null},
      review_opened_at = ${at}, updated_at = ${at}
    where id = ${decisionId}`);
  if (!posted.permalink) await enqueueJob(tx, { kind: "record-permalink", decisionId, key: jobKey.permalink(decisionId) });
  await enqueueJob(tx, { kind: "post-reasons", decisionId, key: jobKey.reasons(decisionId) });
}

export async function recordReasonsPosted(tx: SqlClient, decisionId: number, replyTs: string): Promise<void> {
  await tx.run(sql`update decisions set reply_ts = ${replyTs}, updated_at = ${now()} where id = ${decisionId}`);
}

export async function recordPermalink(tx: SqlClient, decisionId: number, permalink: string): Promise<void> {
  await tx.run(sql`update decisions set permalink = ${permalink}, updated_at = ${now()} where id = ${decisionId}`);
}

/**
 * Queues fetching the link of posted decisions that have none yet (decisions posted before links were kept); at
 * most one such job per decision, ever. True when any was queued.
 */
export async function queueMissingPermalinks(db: SqlClient, decisions: readonly Decision[]): Promise<boolean> {
  let queued = false;
  for (const d of decisions) {
    if (d.permalink || !d.messageTs) continue;
    if (await enqueueJob(db, { kind: "record-permalink", decisionId: d.id, key: jobKey.permalink(d.id) })) queued = true;
  }
  return queued;
}

/** Moves a decision to a new status (in the caller's transaction); false when it already had it. */
export async function setStatus(tx: SqlClient, decisionId: number, status: DecisionStatus): Promise<boolean> {
  const at = now();
  const changed = await tx.run(sql`
    update decisions set status = ${status}, status_changed_at = ${at}, updated_at = ${at}
    where id = ${decisionId} and status <> ${status}`);
  return changed === 1;
}

/** Posted decisions still under review (in review or changes requested, not superseded), newest first: what a restart reconciles. */
export async function listOpenReviews(db: SqlClient, limit = 500): Promise<Decision[]> {
  const rows = await db.all<DecisionRow>(sql`
    select ${DECISION_COLUMNS} from decisions d
    where d.status <> 'approved' and d.message_ts is not null and not ${IS_SUPERSEDED}
    order by d.id desc limit ${limit}`);
  return rows.map(toDecision);
}
