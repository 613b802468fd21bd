import { EventEmitter } from "node:events";
import { type ClaimedJob, claimNextJob, countUnfinishedJobs, finishJob, type JobEnd, type JobKind, renewClaim } from "../store/jobs.js";
import type { SqlClient } from "../store/sql-client.js";
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import { WakeSignal } from "./wake-signal.js";

/** Database work done in the same transaction as the job's end: the domain effect of a post, the next job. */
export type Effects = (tx: SqlClient) => Promise<void>;

export type JobResult =
  | { outcome: "done"; slackTs?: string | undefined; effects?: Effects | undefined }
  /** Try again later. `maybeSent`: this attempt may have reached Slack, so the next one looks for it first. */
  | { outcome: "retry"; error: string; maybeSent: boolean; retryAfterMs?: number | undefined }
  /** For good: Slack refused it in a way retrying cannot fix. */
  | { outcome: "failed"; error: string; effects?: Effects | undefined }
  /** Parked until something outside changes (requeueWaiting): the bot is not in a private channel. */
  | { outcome: "waiting"; error: string; maybeSent: boolean; effects?: Effects | undefined };

export interface JobContext {
  /** Extends the claim; call it before every Slack call. Throws ClaimLostError when another worker has the job. */
  renew(): Promise<void>;
}

export interface JobRunner {
  perform(job: ClaimedJob, context: JobContext): Promise<JobResult>;
  /** Effects when the worker gives up on a job after `maxAttempts` (telling the requester, for instance). */
  gaveUp?(job: ClaimedJob, error: string): Effects | undefined;
}

export class ClaimLostError extends Error {
  override name = "ClaimLostError";
}

export interface WorkerLog {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WorkerOptions {
  db: SqlClient;
  /** Unique per process: what the job claims record. */
  owner: string;
  runner: JobRunner;
  log: WorkerLog;
  /** Jobs run at once (default 4). Jobs of one decision never run at once (see claimNextJob). */
  concurrency?: number;
  /** How often to look for jobs other processes queued (default 1 s); a local `wake()` does not wait for it. */
  pollMs?: number;
  /** How long a claim lasts unless renewed (default 60 s). Longer than any single Slack call's timeout. */
  claimTtlMs?: number;
  backoff?: BackoffPolicy;
  /** Attempts before giving up on a job that keeps failing transiently (default 100: hours at the backoff cap). */
  maxAttempts?: number;
  now?: () => Date;
  /** Only these kinds (the command line posts the notices it queued, nothing else). */
  kinds?: readonly JobKind[];
}

export interface JobFinished {
  job: ClaimedJob;
  result: JobResult["outcome"] | "claim-lost" | "not-recorded";
}

export interface Worker {
  start(): void;
  /** Work was just queued here: look now rather than at the next poll. */
  wake(): void;
  /** Stops claiming, and waits up to `graceMs` for jobs in flight. Whatever is unfinished is claimed again later. */
  stop(graceMs?: number): Promise<void>;
  readonly running: boolean;
  /** 'finished' (JobFinished) after every attempt; 'idle' when a look found nothing due. */
  readonly events: EventEmitter;
}

/**
 * The one job worker of a process: claims due jobs, runs them through the runner, and ends each attempt in one
 * transaction with its effects. No error escapes it: a database or Slack failure is logged and the job stays
 * claimable (a claim that was never ended expires, and the next attempt looks for the post first).
 */
export function createWorker(options: WorkerOptions): Worker {
  const { db, owner, runner, log } = options;
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 1000;
  const claimTtlMs = options.claimTtlMs ?? 60_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const maxAttempts = options.maxAttempts ?? 100;
  const now = options.now ?? (() => new Date());
  const events = new EventEmitter();
  const signal = new WakeSignal();
  let running = false;
  let lanes: Promise<void>[] = [];

  const endOf = (job: ClaimedJob, result: JobResult): { end: JobEnd; effects?: Effects | undefined } => {
    switch (result.outcome) {
      case "done":
        return { end: { status: "done", slackTs: result.slackTs }, effects: result.effects };
      case "failed":
        return { end: { status: "failed", error: result.error }, effects: result.effects };
      case "waiting":
        return { end: { status: "waiting", error: result.error, maybeSent: result.maybeSent }, effects: result.effects };
      case "retry": {
        if (job.attempts >= maxAttempts) {
          const error = `gave up after ${job.attempts} attempts: ${result.error}`;
          return { end: { status: "failed", error }, effects: runner.gaveUp?.(job, error) };
        }
        const delay = backoffDelay(backoff, job.attempts, result.retryAfterMs);
        const nextAttemptAt = new Date(now().getTime() + delay);
        return { end: { status: "pending", nextAttemptAt, error: result.error, maybeSent: result.maybeSent } };
      }
    }
  };

  const runOne = async (job: ClaimedJob): Promise<void> => {
    const context: JobContext = {
      renew: async () => {
        if (!(await renewClaim(db, job, owner, new Date(now().getTime() + claimTtlMs)))) {
          throw new ClaimLostError(`job ${job.id}: another worker holds it now`);
        }
      },
    };
    let result: JobResult;
    try {
      result = await runner.perform(job, context);
    } catch (error) {
      if (error instanceof ClaimLostError) {
        log.warn(error.message);
        events.emit("finished", { job, result: "claim-lost" } satisfies JobFinished);
        return;
      }
      // A bug or a database error before or after a Slack call: whether Slack got anything is unknown.
      log.error(`job ${job.id} (${job.kind}) failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
      result = { outcome: "retry", error: `unexpected: ${(error as Error)?.message ?? String(error)}`, maybeSent: true };
    }
    const { end, effects } = endOf(job, result);
    let recorded: JobFinished["result"] = result.outcome;
    try {
      await db.transaction(async (tx) => {
        if (!(await finishJob(tx, job, owner, end, now()))) throw new ClaimLostError(`job ${job.id}: claim lost before it ended`);
        await effects?.(tx);
      });
    } catch (error) {
      recorded = error instanceof ClaimLostError ? "claim-lost" : "not-recorded";
      const why = (error as Error)?.message ?? String(error);
      log.error(`job ${job.id} (${job.kind}): could not record its end (${why}); it will be claimed again when its claim expires`);
    }
    if (end.status === "failed") log.warn(`job ${job.id} (${job.kind}, decision ${job.decisionId ?? "-"}) failed: ${end.error}`);
    else if (end.status === "pending") log.debug(`job ${job.id} (${job.kind}) will be retried: ${end.error}`);
    events.emit("finished", { job, result: recorded } satisfies JobFinished);
  };

  const lane = async (): Promise<void> => {
    while (running) {
      let job: ClaimedJob | null = null;
      try {
        job = await claimNextJob(db, owner, now(), claimTtlMs, options.kinds);
      } catch (error) {
        log.error(`job worker: cannot claim a job (${(error as Error)?.message ?? String(error)}); trying again shortly`);
      }
      if (job) {
        await runOne(job);
        continue;
      }
      events.emit("idle");
      await signal.wait(pollMs);
    }
  };

  return {
    events,
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      lanes = Array.from({ length: concurrency }, () => lane());
    },
    wake() {
      signal.wake();
    },
    async stop(graceMs = 10_000) {
      if (!running) return;
      running = false;
      signal.wake();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled(lanes), grace]);
      clearTimeout(timer);
    },
  };
}

/** Resolves once no job is pending or running in this database (queued by any process), checking after each job. */
export async function jobsSettled(db: SqlClient, events: EventEmitter | undefined, pollMs = 100): Promise<void> {
  const signal = new WakeSignal();
  const nudge = () => signal.wake();
  events?.on("finished", nudge);
  try {
    while ((await countUnfinishedJobs(db)) > 0) await signal.wait(pollMs);
  } finally {
    events?.off("finished", nudge);
  }
}
