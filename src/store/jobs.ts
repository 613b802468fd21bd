import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { JobStatus } from "./schema.js";
import type { SqlClient } from "./sql-client.js";
import type { Workspace } from "./workspace.js";

export const JOB_KINDS = [
  "post-verdict",
  "post-reasons",
  "post-status",
  "update-verdict",
  "post-notice",
  "update-notice",
  "notify-user",
  "record-permalink",
  "post-reminder",
  "ask-reason",
  "post-reason",
  "complete-step",
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * Jobs outside a decision's thread order: notes to one person, and fetching the verdict's link. They neither wait for
 * the thread's earlier posts nor hold them up.
 */
export const SIDE_JOB_KINDS = ["notify-user", "record-permalink", "ask-reason"] as const satisfies readonly JobKind[];

/**
 * Idempotency keys. A post carries its key in its message metadata, so the key must say what the post is: the same
 * change never gets two keys, and two posts never share one.
 */
export const jobKey = {
  verdict: (decisionId: number) => `decision:${decisionId}:verdict`,
  reasons: (decisionId: number) => `decision:${decisionId}:reasons`,
  /** Status replies and message updates coalesce (one pending per decision); each job still needs its own key. */
  status: (decisionId: number) => `decision:${decisionId}:status:${randomUUID()}`,
  update: (decisionId: number) => `decision:${decisionId}:update:${randomUUID()}`,
  /** A decision's watch mark keeps a notice from being planned twice; a snoozed one told again is a new post. */
  notice: (decisionId: number) => `decision:${decisionId}:notice:${randomUUID()}`,
  noticeUpdate: () => `notice-update:${randomUUID()}`,
  inviteHint: (decisionId: number) => `decision:${decisionId}:invite-hint`,
  jobFailed: (jobId: number) => `job:${jobId}:failed`,
  eventNote: (eventId: string) => `event:${eventId}:note`,
  note: () => `note:${randomUUID()}`,
  permalink: (decisionId: number) => `decision:${decisionId}:permalink`,
  /** The nth reminder of a review (1, 2, 3): a reminder is never queued twice. */
  reminder: (decisionId: number, nth: number) => `decision:${decisionId}:reminder:${nth}`,
  askReason: (decisionId: number, reviewerId: string) => `decision:${decisionId}:ask-reason:${reviewerId}:${randomUUID()}`,
  reason: (decisionId: number, reviewerId: string) => `decision:${decisionId}:reason:${reviewerId}:${randomUUID()}`,
  /** A workflow step is completed once: its execution id is Slack's own, unique per run of the step. */
  stepCompletion: (functionExecutionId: string) => `step:${functionExecutionId}:complete`,
};

export interface Job {
  id: number;
  kind: JobKind;
  decisionId: number | null;
  /** The workspace it posts to (null for jobs queued before workspaces were recorded: their decision's). */
  teamId: string | null;
  enterpriseId: string | null;
  idempotencyKey: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  nextAttemptAt: string;
  claimOwner: string | null;
  claimExpiresAt: string | null;
  maybeSent: boolean;
  lastError: string | null;
  slackTs: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A job this worker holds. `lookFirst`: an earlier attempt may have reached Slack; find it before posting again. */
export interface ClaimedJob extends Job {
  lookFirst: boolean;
}

interface JobRow {
  id: number;
  kind: JobKind;
  decision_id: number | null;
  team_id: string | null;
  enterprise_id: string | null;
  idempotency_key: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  next_attempt_at: string;
  claim_owner: string | null;
  claim_expires_at: string | null;
  maybe_sent: number;
  last_error: string | null;
  slack_ts: string | null;
  created_at: string;
  updated_at: string;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    decisionId: row.decision_id,
    teamId: row.team_id,
    enterpriseId: row.enterprise_id,
    idempotencyKey: row.idempotency_key,
    payload: JSON.parse(row.payload) as unknown,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    claimOwner: row.claim_owner,
    claimExpiresAt: row.claim_expires_at,
    maybeSent: row.maybe_sent === 1,
    lastError: row.last_error,
    slackTs: row.slack_ts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewJob {
  kind: JobKind;
  decisionId?: number | null;
  /** Whose token posts it; default: its decision's workspace. */
  workspace?: Workspace;
  key: string;
  payload?: object;
  /** `waiting` parks it until requeued (see requeueWaiting). */
  status?: "pending" | "waiting";
}

/**
 * Adds a job, in the caller's transaction. False when it is already there: the same key, or a pending message
 * update or status reply of the same decision (which will render the state current when it runs).
 */
export async function enqueueJob(db: SqlClient, job: NewJob, at: Date = new Date()): Promise<boolean> {
  const iso = at.toISOString();
  const decisionId = job.decisionId ?? null;
  const ofDecision = (column: "team_id" | "enterprise_id") => sql`(select ${sql.raw(column)} from decisions where id = ${decisionId})`;
  const team = job.workspace ? sql`${job.workspace.teamId}` : ofDecision("team_id");
  const enterprise = job.workspace ? sql`${job.workspace.enterpriseId ?? null}` : ofDecision("enterprise_id");
  const added = await db.run(sql`
    insert into jobs (kind, decision_id, team_id, enterprise_id, idempotency_key, payload, status, next_attempt_at, created_at, updated_at)
    values (${job.kind}, ${decisionId}, ${team}, ${enterprise}, ${job.key}, ${JSON.stringify(job.payload ?? {})},
      ${job.status ?? "pending"}, ${iso}, ${iso}, ${iso})
    on conflict do nothing`);
  return added === 1;
}

/** Jobs are due when pending and their time has come, or running under a claim that expired (a worker died). */
const due = (nowIso: string) =>
  sql`((j.status = 'pending' and j.next_attempt_at <= ${nowIso}) or (j.status = 'running' and j.claim_expires_at < ${nowIso}))`;

const sideKinds = sql.join(
  SIDE_JOB_KINDS.map((k) => sql`${k}`),
  sql`, `,
);

/**
 * A decision's thread is told in order: a job waits while an earlier one of the same decision is unfinished. Side
 * jobs (a note to a person, the verdict's link) go apart from that order, so a decision waiting for an invite can
 * still say so.
 */
const inOrder = sql`(j.kind in (${sideKinds}) or j.decision_id is null or not exists (
  select 1 from jobs e where e.decision_id = j.decision_id and e.id < j.id and e.kind not in (${sideKinds})
    and e.status in ('pending', 'running', 'waiting')))`;

/**
 * Claims the next due job for `owner`, and marks the attempt (attempts + 1, maybe sent) before any Slack call. Null
 * when nothing is due. Two workers, in one process or in many, never hold the same job: on SQLite by compare-and-swap
 * (one process posts at a time), on PostgreSQL in one statement that skips rows other workers are claiming.
 */
export async function claimNextJob(
  db: SqlClient,
  owner: string,
  at: Date,
  claimTtlMs: number,
  kinds?: readonly JobKind[],
): Promise<ClaimedJob | null> {
  const nowIso = at.toISOString();
  const until = new Date(at.getTime() + claimTtlMs).toISOString();
  const ofKinds = kinds
    ? sql`and j.kind in (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`
    : sql``;
  const claim = sql`status = 'running', attempts = jobs.attempts + 1, claim_owner = ${owner}, claim_expires_at = ${until},
    maybe_sent = 1, updated_at = ${nowIso}`;
  if (db.dialect === "postgres") {
    // Every replica runs a worker here: each locks the first due row no other worker has locked, and claims it.
    const [claimed] = await db.all<JobRow & { was_maybe_sent: number; was_status: JobStatus }>(sql`
      with candidate as (
        select j.id, j.maybe_sent, j.status from jobs j where ${due(nowIso)} and ${inOrder} ${ofKinds}
        order by j.next_attempt_at, j.id limit 1 for update of j skip locked)
      update jobs set ${claim} from candidate where jobs.id = candidate.id
      returning jobs.*, candidate.maybe_sent as was_maybe_sent, candidate.status as was_status`);
    return claimed ? { ...toJob(claimed), lookFirst: claimed.was_maybe_sent === 1 || claimed.was_status === "running" } : null;
  }
  for (let tries = 0; tries < 5; tries += 1) {
    const [candidate] = await db.all<JobRow>(sql`
      select * from jobs j where ${due(nowIso)} and ${inOrder} ${ofKinds} order by j.next_attempt_at, j.id limit 1`);
    if (!candidate) return null;
    const [claimed] = await db.all<JobRow>(sql`
      update jobs set ${claim}
      where id = ${candidate.id} and attempts = ${candidate.attempts} and status = ${candidate.status}
        and (status = 'pending' or claim_expires_at < ${nowIso})
      returning *`);
    if (claimed) return { ...toJob(claimed), lookFirst: candidate.maybe_sent === 1 || candidate.status === "running" };
  }
  return null;
}

/** Extends a claim before another Slack call; false when the claim was lost (it expired and another worker took it). */
export async function renewClaim(db: SqlClient, job: Job, owner: string, until: Date): Promise<boolean> {
  const changed = await db.run(sql`
    update jobs set claim_expires_at = ${until.toISOString()}
    where id = ${job.id} and claim_owner = ${owner} and attempts = ${job.attempts} and status = 'running'`);
  return changed === 1;
}

export type JobEnd =
  | { status: "done"; slackTs?: string | undefined }
  | { status: "pending"; nextAttemptAt: Date; error: string; maybeSent: boolean }
  | { status: "waiting"; error: string; maybeSent: boolean }
  | { status: "failed"; error: string };

/** Ends an attempt, in the caller's transaction (with its domain effects); false when the claim was lost. */
export async function finishJob(tx: SqlClient, job: Job, owner: string, end: JobEnd, at: Date = new Date()): Promise<boolean> {
  const nowIso = at.toISOString();
  const next = end.status === "pending" ? end.nextAttemptAt.toISOString() : job.nextAttemptAt;
  const error = end.status === "done" ? null : end.error;
  const maybeSent = end.status === "pending" || end.status === "waiting" ? Number(end.maybeSent) : Number(end.status === "done");
  const slackTs = end.status === "done" ? (end.slackTs ?? null) : null;
  const changed = await tx.run(sql`
    update jobs set status = ${end.status}, next_attempt_at = ${next}, last_error = ${error}, maybe_sent = ${maybeSent},
      slack_ts = ${slackTs}, claim_owner = null, claim_expires_at = null, updated_at = ${nowIso}
    where id = ${job.id} and claim_owner = ${owner} and attempts = ${job.attempts} and status = 'running'`);
  return changed === 1;
}

/** Puts jobs waiting for an invite back in the queue: all of them, or those of decisions in one channel. */
export async function requeueWaiting(db: SqlClient, channelId?: string, at: Date = new Date()): Promise<number> {
  const nowIso = at.toISOString();
  const inChannel = channelId ? sql`and decision_id in (select id from decisions where channel_id = ${channelId})` : sql``;
  return db.run(sql`
    update jobs set status = 'pending', next_attempt_at = ${nowIso}, updated_at = ${nowIso}
    where status = 'waiting' ${inChannel}`);
}

/** Jobs still to run (pending, whenever due, or running). */
export async function countUnfinishedJobs(db: SqlClient): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select count(*) as n from jobs where status in ('pending', 'running')`);
  return Number(row?.n ?? 0);
}

/** When the next pending job is due (ISO), or null when none is pending. */
export async function nextDueAt(db: SqlClient): Promise<string | null> {
  const [row] = await db.all<{ at: string | null }>(sql`select min(next_attempt_at) as at from jobs where status = 'pending'`);
  return row?.at ?? null;
}

export async function listJobs(db: SqlClient, filter: { decisionId?: number; status?: JobStatus } = {}): Promise<Job[]> {
  const decision = filter.decisionId !== undefined ? sql`and decision_id = ${filter.decisionId}` : sql``;
  const status = filter.status ? sql`and status = ${filter.status}` : sql``;
  const rows = await db.all<JobRow>(sql`select * from jobs where 1 = 1 ${decision} ${status} order by id`);
  return rows.map(toJob);
}

export async function findJobByKey(db: SqlClient, key: string): Promise<Job | null> {
  const [row] = await db.all<JobRow>(sql`select * from jobs where idempotency_key = ${key}`);
  return row ? toJob(row) : null;
}

/** The workers holding claims on running jobs. */
export async function claimOwners(db: SqlClient): Promise<string[]> {
  const rows = await db.all<{ owner: string }>(
    sql`select distinct claim_owner as owner from jobs where status = 'running' and claim_owner is not null`,
  );
  return rows.map((r) => r.owner);
}

/** Ends the claims of a worker known to be gone: its jobs are due again (and looked up first, as running ones are). */
export async function expireClaims(db: SqlClient, owner: string, at: Date = new Date()): Promise<number> {
  const past = new Date(at.getTime() - 1).toISOString();
  return db.run(sql`update jobs set claim_expires_at = ${past} where status = 'running' and claim_owner = ${owner}`);
}

/** For the metrics: jobs still to run (pending, running, or waiting for an invite) and jobs that gave up. */
export async function countJobsForMetrics(db: SqlClient): Promise<{ pending: number; failed: number }> {
  const rows = await db.all<{ status: JobStatus; n: number }>(sql`select status, count(*) as n from jobs group by status`);
  const count = (statuses: JobStatus[]) => rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + Number(r.n), 0);
  return { pending: count(["pending", "running", "waiting"]), failed: count(["failed"]) };
}

/**
 * The app was uninstalled from a workspace (or an organization): its jobs still to run end as failed, with the reason,
 * and are never retried. One running now ends on its own (Slack refuses the revoked token, or the worker finds no
 * installation). Returns how many.
 */
export async function stopWorkspaceJobs(db: SqlClient, workspace: Workspace, reason: string, at: Date = new Date()): Promise<number> {
  const nowIso = at.toISOString();
  const whose = workspace.teamId
    ? sql`(team_id = ${workspace.teamId} or (team_id is null and decision_id in (select id from decisions where team_id = ${workspace.teamId})))`
    : sql`enterprise_id = ${workspace.enterpriseId ?? null}`;
  return db.run(sql`
    update jobs set status = 'failed', last_error = ${reason}, updated_at = ${nowIso}
    where status in ('pending', 'waiting') and ${whose}`);
}
