import type { EventEmitter } from "node:events";
import type { Logger } from "@slack/bolt";
import type { FetchFunction, WebClient } from "@slack/web-api";
import type { Config } from "./config.js";
import type { BackoffPolicy } from "./delivery/backoff.js";
import { keepLease } from "./delivery/lease-keeper.js";
import { createWorker, jobsSettled } from "./delivery/worker.js";
import { isGoneLocalWorker, workerId } from "./delivery/worker-identity.js";
import { formatDuration } from "./duration.js";
import { createDeliveryClient } from "./slack/delivery/delivery-client.js";
import { slackJobRunner } from "./slack/delivery/slack-jobs.js";
import { reconcileReactions } from "./slack/reconcile-reactions.js";
import { respondEphemeral } from "./slack/respond.js";
import { claimOwners, expireClaims, requeueWaiting } from "./store/jobs.js";
import { queueDueReminders, reminderCheckEveryMs } from "./store/reminders.js";
import type { SqlClient } from "./store/sql-client.js";
import { checkModels } from "./watcher/check-models.js";
import type { KnownCatalog } from "./watcher/known-catalog.js";
import { type PeriodicJob, schedulePasses } from "./watcher/schedule.js";
import { sourcesFromConfig } from "./watcher/sources/registry.js";

/** The lease that says which process runs the background work on a database (docs/delivery.md). */
const BACKGROUND_LEASE = "background";

export interface BackgroundOptions {
  /** Delay before the first base-model watch pass after taking the lease. */
  modelCheckDelayMs?: number;
  /** Delay before the first reminder pass after taking the lease (default: one check interval). */
  reminderDelayMs?: number;
  fetch?: typeof fetch;
  /** The job worker's timing; tests make it quick. */
  jobs?: { pollMs?: number; claimTtlMs?: number; backoff?: BackoffPolicy; concurrency?: number; maxAttempts?: number };
  /** Timeout of every Slack call the worker makes (default 10 s). */
  slackTimeoutMs?: number;
  lease?: { ttlMs?: number; renewMs?: number };
  /** How long stopping waits for jobs in flight (default 10 s). */
  stopGraceMs?: number;
}

export interface BackgroundDeps {
  config: Config;
  db: SqlClient;
  /** The listeners' client (reactions.get for the reconcile). */
  listenerClient: WebClient;
  isReviewer: (userId: string) => Promise<boolean>;
  logger: Logger;
  now: () => Date;
  options: BackgroundOptions;
  /** The fetch the worker's Slack client uses (the metrics time every call through it). */
  slackFetch?: FetchFunction;
  /** Where a watch pass leaves the catalog it read, for the verdicts of new decisions. */
  catalog?: KnownCatalog;
  /** Wraps each watch pass (the metrics record its duration and failures). */
  observeWatchPass?: <T extends { failed: readonly unknown[] }>(pass: () => Promise<T>) => Promise<T>;
}

/** What one process at a time does for a database: the job worker, the reconcile of reactions, the base-model watch. */
export interface Background {
  /** Slack work was queued in this process: the worker (if it runs here) looks now. */
  wake(): void;
  /** Runs a watch pass now (or joins the running one); its notices are queued for the worker. */
  runWatchPass(): Promise<void>;
  /** Queues the review reminders due now (by the injected clock); resolves with how many. */
  runReminderPass(): Promise<number>;
  /** Resolves once no job is pending or running in the database, whichever process queued it. */
  jobsSettled(): Promise<void>;
  /** Resolves once the reconcile run on taking the lease is over (at once if there was none). */
  reconciled(): Promise<void>;
  /** Whether this process holds the lease. */
  readonly leader: boolean;
  /** The worker's events: 'finished' after every attempt. */
  readonly jobEvents: EventEmitter;
  /** Stops the work (jobs in flight get the grace period) and releases the lease. */
  stop(): Promise<void>;
}

/** Asks for the lease, and runs the background work whenever this process holds it. */
export async function startBackground(deps: BackgroundDeps): Promise<Background> {
  const { config, db, logger: log, options } = deps;
  const owner = workerId();
  const isGone = (id: string) => isGoneLocalWorker(id, owner);
  const client = createDeliveryClient(config.slack.botToken, {
    apiUrl: config.slack.apiUrl,
    timeoutMs: options.slackTimeoutMs ?? 10_000,
    ...(deps.slackFetch ? { fetch: deps.slackFetch } : {}),
    logger: log,
  });
  const worker = createWorker({
    db,
    owner,
    log,
    runner: slackJobRunner({ db, client, review: config.review, respond: respondEphemeral, now: () => new Date() }),
    ...options.jobs,
  });
  const wake = () => worker.wake();

  const pass = async () => {
    const observe = deps.observeWatchPass ?? ((run) => run());
    const report = await observe(() =>
      checkModels({
        db,
        sources: sourcesFromConfig(config.watch.sources),
        fetch: options.fetch ?? globalThis.fetch,
        timeoutMs: 15_000,
        minAgeDays: config.watch.minAgeDays,
        policy: config.watch.policy,
        now: deps.now,
        log: (line) => log.warn(line),
        queued: wake,
        ...(deps.catalog ? { catalog: deps.catalog } : {}),
      }),
    );
    const notices = report.queued.reduce((n, q) => n + q.jobKeys.length, 0) + report.retold.length;
    log.info(`model watch: ${report.distinctModels} models, ${notices} notices queued, ${report.failed.length} failed`);
  };
  const reminderAfterMs = config.review.reminderAfterMs;
  const remind = async (): Promise<number> => {
    if (reminderAfterMs === null) return 0;
    const queued = await queueDueReminders(db, deps.now(), reminderAfterMs);
    if (queued > 0) {
      log.info(`review reminders: ${queued} queued`);
      wake();
    }
    return queued;
  };
  let watch: PeriodicJob | null = null;
  let reminders: PeriodicJob | null = null;
  let stopping = false;
  let reconciling: Promise<void> = Promise.resolve();

  const begin = async () => {
    stopping = false;
    log.info("this process posts to Slack now (it holds the background lease): the job worker, the reconcile and the catalog checks");
    // Jobs a killed process of this host was running are due again at once (looked up first), not when claims expire.
    for (const dead of (await claimOwners(db).catch(() => [])).filter(isGone)) await expireClaims(db, dead).catch(() => 0);
    worker.start();
    // Whatever waited for an invite gets one more try: the bot may have been invited while no process was running.
    if ((await requeueWaiting(db).catch(() => 0)) > 0) wake();
    reconciling = reconcileReactions({
      db,
      client: deps.listenerClient,
      review: config.review,
      isReviewer: deps.isReviewer,
      jobsQueued: wake,
      logger: log,
      stopping: () => stopping,
    }).then(
      (report) => {
        if (report.added + report.removed > 0) log.info(`reactions reconciled: ${report.added} added, ${report.removed} withdrawn`);
      },
      (error: unknown) => log.error(`reconciling reactions failed: ${(error as Error)?.message ?? String(error)}`),
    );
    watch = schedulePasses(
      pass,
      { firstDelayMs: options.modelCheckDelayMs ?? 30_000, intervalMs: config.watch.intervalMinutes * 60_000 },
      (error) => log.error(`model watch pass failed: ${(error as Error).message}`),
    );
    if (reminderAfterMs !== null) {
      const every = reminderCheckEveryMs(reminderAfterMs);
      log.info(`reviews still waiting after ${formatDuration(reminderAfterMs)} are reminded (checked every ${formatDuration(every)})`);
      reminders = schedulePasses(remind, { firstDelayMs: options.reminderDelayMs ?? every, intervalMs: every }, (error) =>
        log.error(`review reminder pass failed: ${(error as Error).message}`),
      );
    }
  };
  const end = async () => {
    stopping = true;
    await watch?.stop();
    watch = null;
    await reminders?.stop();
    reminders = null;
    await reconciling;
    await worker.stop(options.stopGraceMs ?? 10_000);
  };

  const lease = await keepLease({
    db,
    name: BACKGROUND_LEASE,
    holder: owner,
    log,
    ...options.lease,
    isGone,
    onAcquired: begin,
    onLost: end,
  });
  return {
    wake,
    runWatchPass: () => (watch ? watch.runNow() : pass()),
    runReminderPass: remind,
    jobsSettled: () => jobsSettled(db, worker.events),
    reconciled: () => reconciling,
    get leader() {
      return lease.held;
    },
    jobEvents: worker.events,
    stop: () => lease.stop(),
  };
}
