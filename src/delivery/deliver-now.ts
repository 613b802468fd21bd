import { findJobByKey, type Job, type JobKind } from "../store/jobs.js";
import type { SqlClient } from "../store/sql-client.js";
import { WakeSignal } from "./wake-signal.js";
import { createWorker, type JobRunner, type WorkerLog } from "./worker.js";

export interface DeliverNowOptions {
  db: SqlClient;
  runner: JobRunner;
  log: WorkerLog;
  owner: string;
  kinds: readonly JobKind[];
  /** The jobs to wait for. */
  keys: readonly string[];
  /** A job still failing after this many attempts is left to the app's worker (default 3). */
  attempts?: number;
}

const settled = (job: Job | null, attempts: number) =>
  !job ||
  job.status === "done" ||
  job.status === "failed" ||
  job.status === "waiting" ||
  (job.status === "pending" && job.attempts >= attempts);

/**
 * Runs a worker in this process until the given jobs are done, failed for good, or have failed a few attempts (the
 * command line posts what it queued, and leaves a Slack outage to the running app). Resolves with the jobs as they ended.
 */
export async function deliverNow(options: DeliverNowOptions): Promise<Map<string, Job | null>> {
  const attempts = options.attempts ?? 3;
  const worker = createWorker({
    db: options.db,
    owner: options.owner,
    runner: options.runner,
    log: options.log,
    kinds: options.kinds,
    concurrency: 1,
    pollMs: 200,
    backoff: { baseMs: 500, capMs: 2000 },
  });
  const signal = new WakeSignal();
  const nudge = () => signal.wake();
  worker.events.on("finished", nudge);
  worker.start();
  try {
    for (;;) {
      const jobs = new Map<string, Job | null>();
      for (const key of options.keys) jobs.set(key, await findJobByKey(options.db, key));
      if ([...jobs.values()].every((job) => settled(job, attempts))) return jobs;
      await signal.wait(500);
    }
  } finally {
    worker.events.off("finished", nudge);
    await worker.stop();
  }
}
