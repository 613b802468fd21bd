import { sql } from "drizzle-orm";
import type { Answers } from "../engine/answers.js";
import type { Verdict } from "../engine/verdict.js";
import { ModelsAlreadyOut, type StepPayload, type VerdictPayload } from "./job-payloads.js";
import { enqueueJob, jobKey } from "./jobs.js";
import { recordReEvaluated } from "./model-notices.js";
import type { DecisionStatus } from "./schema.js";
import type { SqlClient } from "./sql-client.js";

/** A fine-tuning decision: the answers, the engine's verdict, its review status and where it lives in Slack. */
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
  /** The verdict message; null until Slack accepted it. */
  messageTs: string | null;
  /** The thread the verdict lives in: the starting thread, or the verdict message itself. */
  threadTs: string | null;
  /** The reasons-and-next-steps reply; null until Slack accepted it. */
  replyTs: string | null;
  parentId: number | null;
  statusChangedAt: string | null;
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

interface DecisionRow {
  id: number;
  team_id: string;
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
  parent_id: number | null;
  status_changed_at: string | null;
  unknown_answers: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = sql.raw(
  "id, team_id, channel_id, requester_id, title, base_model, answers, verdict, engine_version, status, message_ts, " +
    "thread_ts, reply_ts, parent_id, status_changed_at, unknown_answers, created_at, updated_at",
);

function toDecision(row: DecisionRow): Decision {
  return {
    id: row.id,
    teamId: row.team_id,
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
    parentId: row.parent_id,
    statusChangedAt: row.status_changed_at,
    unknownAnswers: JSON.parse(row.unknown_answers) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const now = () => new Date().toISOString();

/**
 * Stores a decision and enqueues its verdict post, in one transaction: the decision exists exactly when its post is
 * due. A re-evaluation started from a model notice marks that notice as taken up, by whom; a workflow step's decision
 * also queues the step's completion. A second call with the same submission key returns the first decision unchanged.
 */
export async function insertDecision(db: SqlClient, input: NewDecision): Promise<{ decision: Decision; created: boolean }> {
  return db.transaction(async (tx) => {
    const at = now();
    const [inserted] = await tx.all<DecisionRow>(sql`
      insert into decisions (team_id, channel_id, thread_ts, requester_id, title, base_model, candidate_model, decided_on,
        already_out, answers, verdict, engine_version, fine_tune, parent_id, submission_key, unknown_answers, created_at,
        updated_at)
      values (${input.teamId}, ${input.channelId}, ${input.threadTs ?? null}, ${input.requesterId}, ${input.answers.title},
        ${input.answers.baseModel}, ${input.answers.candidateModel ?? null}, ${input.decidedOn},
        ${input.alreadyOut?.length ? JSON.stringify(input.alreadyOut) : null}, ${JSON.stringify(input.answers)},
        ${JSON.stringify(input.verdict)}, ${input.verdict.engineVersion}, ${input.verdict.fineTune}, ${input.parentId ?? null},
        ${input.submissionKey}, ${JSON.stringify(input.unknownAnswers ?? [])}, ${at}, ${at})
      on conflict (submission_key) do nothing
      returning ${COLUMNS}`);
    if (inserted) {
      await enqueueJob(tx, {
        kind: "post-verdict",
        decisionId: inserted.id,
        key: jobKey.verdict(inserted.id),
        payload: (input.responseUrl ? { responseUrl: input.responseUrl } : {}) satisfies VerdictPayload,
      });
      if (input.functionExecutionId) {
        // Queued after the verdict post, so it runs once that post is done (a decision's jobs run in order).
        await enqueueJob(tx, {
          kind: "complete-step",
          decisionId: inserted.id,
          key: jobKey.stepCompletion(input.functionExecutionId),
          payload: { functionExecutionId: input.functionExecutionId } satisfies StepPayload,
        });
      }
      // The decision it revises is replaced: its message is redrawn, and tells other apps so (decision_superseded).
      if (input.parentId) await enqueueJob(tx, { kind: "update-verdict", decisionId: input.parentId, key: jobKey.update(input.parentId) });
      if (input.parentId && input.noticeId) {
        await recordReEvaluated(tx, {
          noticeId: input.noticeId,
          parentId: input.parentId,
          userId: input.requesterId,
          followUpId: inserted.id,
        });
      }
      return { decision: toDecision(inserted), created: true };
    }
    const [existing] = await tx.all<DecisionRow>(sql`select ${COLUMNS} from decisions where submission_key = ${input.submissionKey}`);
    if (!existing) throw new Error(`decision with submission key ${input.submissionKey} vanished`);
    return { decision: toDecision(existing), created: false };
  });
}

export async function getDecision(db: SqlClient, id: number): Promise<Decision | null> {
  const [row] = await db.all<DecisionRow>(sql`select ${COLUMNS} from decisions where id = ${id}`);
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

/** The newest decision that revises this one (its re-evaluation), or null while none does. */
export async function supersedingDecision(db: SqlClient, decisionId: number): Promise<number | null> {
  const [row] = await db.all<{ id: number }>(sql`select id from decisions where parent_id = ${decisionId} order by id desc limit 1`);
  return row ? Number(row.id) : null;
}

export async function findDecisionByMessage(db: SqlClient, channelId: string, messageTs: string): Promise<Decision | null> {
  const [row] = await db.all<DecisionRow>(
    sql`select ${COLUMNS} from decisions where channel_id = ${channelId} and message_ts = ${messageTs}`,
  );
  return row ? toDecision(row) : null;
}

/** Slack accepted the verdict message: where it is, and the reasons reply becomes due. */
export async function recordVerdictPosted(tx: SqlClient, decisionId: number, messageTs: string, threadTs: string): Promise<void> {
  await tx.run(
    sql`update decisions set message_ts = ${messageTs}, thread_ts = ${threadTs}, updated_at = ${now()} where id = ${decisionId}`,
  );
  await enqueueJob(tx, { kind: "post-reasons", decisionId, key: jobKey.reasons(decisionId) });
}

export async function recordReasonsPosted(tx: SqlClient, decisionId: number, replyTs: string): Promise<void> {
  await tx.run(sql`update decisions set reply_ts = ${replyTs}, updated_at = ${now()} where id = ${decisionId}`);
}

/** Moves a decision to a new status (in the caller's transaction); false when it already had it. */
export async function setStatus(tx: SqlClient, decisionId: number, status: DecisionStatus): Promise<boolean> {
  const at = now();
  const changed = await tx.run(sql`
    update decisions set status = ${status}, status_changed_at = ${at}, updated_at = ${at}
    where id = ${decisionId} and status <> ${status}`);
  return changed === 1;
}

export interface ListScope {
  teamId: string;
  channelId?: string;
  limit?: number;
}

export async function listDecisions(db: SqlClient, scope: ListScope): Promise<Decision[]> {
  const channel = scope.channelId ? sql`and channel_id = ${scope.channelId}` : sql``;
  const rows = await db.all<DecisionRow>(sql`
    select ${COLUMNS} from decisions where team_id = ${scope.teamId} ${channel} order by id desc limit ${scope.limit ?? 20}`);
  return rows.map(toDecision);
}

export async function listByRequester(db: SqlClient, teamId: string, userId: string, limit = 10): Promise<Decision[]> {
  const rows = await db.all<DecisionRow>(sql`
    select ${COLUMNS} from decisions where team_id = ${teamId} and requester_id = ${userId} order by id desc limit ${limit}`);
  return rows.map(toDecision);
}

/** In-review decisions of others, posted, that this user has not approved yet. */
export async function listAwaitingReview(db: SqlClient, teamId: string, userId: string, limit = 10): Promise<Decision[]> {
  const rows = await db.all<DecisionRow>(sql`
    select ${COLUMNS} from decisions d
    where d.team_id = ${teamId} and d.status = 'in-review' and d.requester_id <> ${userId} and d.message_ts is not null
      and not exists (select 1 from reviews r where r.decision_id = d.id and r.reviewer_id = ${userId} and r.kind = 'approve')
    order by d.id desc limit ${limit}`);
  return rows.map(toDecision);
}

/** Posted decisions still under review (in review or changes requested), newest first: what a restart reconciles. */
export async function listOpenReviews(db: SqlClient, limit = 500): Promise<Decision[]> {
  const rows = await db.all<DecisionRow>(sql`
    select ${COLUMNS} from decisions where status <> 'approved' and message_ts is not null order by id desc limit ${limit}`);
  return rows.map(toDecision);
}
