import type { EventEmitter } from "node:events";
import type { Logger } from "@slack/bolt";
import type { FetchFunction } from "@slack/web-api";
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
import type { IsReviewer } from "./slack/reviews.js";
import { type WorkspaceClients, workspaceClients } from "./slack/workspace-clients.js";
import type { ReviewSettingsOf } from "./slack/workspace-review-settings.js";
import { claimOwners, expireClaims, requeueWaiting } from "./store/jobs.js";
import { queueDueReminders, reminderCheckEveryMs } from "./store/reminders.js";
import type { SqlClient } from "./store/sql-client.js";
import { ownReminderIntervals } from "./store/workspace-settings.js";
import { checkModels } from "./watcher/check-models.js";
import type { KnownCatalog } from "./watcher/known-catalog.js";
import type { ModelRecord } from "./watcher/model-record.js";
import { type PeriodicJob, schedulePasses } from "./watcher/schedule.js";
import { sourcesFromConfig } from "./watcher/sources/registry.js";

/** The lease that says which process runs the scheduled background work on a database (docs/delivery.md). */
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
  /** The listeners' clients, per workspace (reactions.get for the reconcile). */
  listenerClients: WorkspaceClients;
  isReviewer: IsReviewer;
  /** Each workspace's review settings. */
  reviewSettings: ReviewSettingsOf;
  logger: Logger;
  now: () => Date;
  options: BackgroundOptions;
  /** The fetch the worker's Slack client uses (the metrics time every call through it). */
  slackFetch?: FetchFunction;
  /** Where a watch pass leaves the catalog it read, for the verdicts of new decisions. */
  catalog?: KnownCatalog;
  /** Wraps each watch pass (the metrics record its duration and failures). */
  observeWatchPass?: <T extends { failed: readonly unknown[] }>(pass: () => Promise<T>) => Promise<T>;
  /** Hears every catalog record a watch pass read (the questionnaire's model menus keep them). */
  onCatalog?: (records: readonly ModelRecord[]) => void;
}

/**
 * The background work of a process: the job worker, the reconcile of reactions, the base-model watch. The worker runs in
 * every replica on PostgreSQL and only in the lease holder on SQLite; everything else runs in one process at a time.
 */
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
  /** What this process does, in words for the start-up line. */
  readonly role: string;
  /** The worker's events: 'finished' after every attempt. */
  readonly jobEvents: EventEmitter;
  /** Stops the work (jobs in flight get the grace period) and releases the lease. */
  stop(): Promise<void>;
}

/** A piece of background work, started and stopped as a whole. */
interface BackgroundTask {
  /** How the start-up log names it. */
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** Starts the work every replica runs, asks for the lease, and runs the rest whenever this process holds it. */
export async function startBackground(deps: BackgroundDeps): Promise<Background> {
  const { config, db, logger: log, options } = deps;
  const owner = workerId();
  const isGone = (id: string) => isGoneLocalWorker(id, owner);
  // Each job posts with its own workspace's token (OAuth mode), through a client that never retries by itself.
  const clients = workspaceClients(config.slack.installs, db, (token) =>
    createDeliveryClient(token, {
      apiUrl: config.slack.apiUrl,
      timeoutMs: options.slackTimeoutMs ?? 10_000,
      ...(deps.slackFetch ? { fetch: deps.slackFetch } : {}),
      logger: log,
    }),
  );
  const worker = createWorker({
    db,
    owner,
    log,
    runner: slackJobRunner({ db, clients, reviewSettings: deps.reviewSettings, respond: respondEphemeral, now: () => new Date() }),
    ...options.jobs,
  });
  const wake = () => worker.wake();

  // Jobs a killed process of this host was running are due again at once (looked up first), not when claims expire.
  const releaseDeadClaims = async () => {
    for (const dead of (await claimOwners(db).catch(() => [])).filter(isGone)) await expireClaims(db, dead).catch(() => 0);
  };
  const jobWorker: BackgroundTask = {
    name: "the job worker",
    start: async () => {
      await releaseDeadClaims();
      worker.start();
      // Whatever waited for an invite gets one more try: the bot may have been invited while no process was running.
      if ((await requeueWaiting(db).catch(() => 0)) > 0) wake();
    },
    stop: () => worker.stop(options.stopGraceMs ?? 10_000),
  };

  let stopping = false;
  let reconciling: Promise<void> = Promise.resolve();
  const reconcile: BackgroundTask = {
    name: "the reconcile",
    start: () => {
      stopping = false;
      reconciling = reconcileReactions({
        db,
        clients: deps.listenerClients,
        reviewSettings: deps.reviewSettings,
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
    },
    stop: async () => {
      stopping = true;
      await reconciling;
    },
  };

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
        ...(deps.onCatalog ? { onCatalog: deps.onCatalog } : {}),
      }),
    );
    const notices = report.queued.reduce((n, q) => n + q.jobKeys.length, 0) + report.retold.length;
    log.info(`model watch: ${report.distinctModels} models, ${notices} notices queued, ${report.failed.length} failed`);
  };
  const reminderAfterMs = config.review.reminderAfterMs;
  // The environment's interval, and each workspace's own where its admins set one (docs/workspaces.md).
  const remind = async (): Promise<number> => {
    const own = await ownReminderIntervals(db);
    const at = deps.now();
    let queued = reminderAfterMs === null ? 0 : await queueDueReminders(db, at, reminderAfterMs, { except: [...own.keys()] });
    for (const [teamId, everyMs] of own) if (everyMs !== null) queued += await queueDueReminders(db, at, everyMs, { only: [teamId] });
    if (queued > 0) {
      log.info(`review reminders: ${queued} queued`);
      wake();
    }
    return queued;
  };
  let watch: PeriodicJob | null = null;
  const modelWatch: BackgroundTask = {
    name: "the catalog checks",
    start: () => {
      watch = schedulePasses(
        pass,
        { firstDelayMs: options.modelCheckDelayMs ?? 30_000, intervalMs: config.watch.intervalMinutes * 60_000 },
        (error) => log.error(`model watch pass failed: ${(error as Error).message}`),
      );
    },
    stop: async () => {
      await watch?.stop();
      watch = null;
    },
  };
  let reminders: PeriodicJob | null = null;
  const reviewReminders: BackgroundTask = {
    name: "the review reminders",
    start: () => {
      const every = reminderCheckEveryMs(reminderAfterMs ?? 60_000);
      const after =
        reminderAfterMs === null
          ? "reminders are off unless a workspace set its own"
          : `reviews still waiting after ${formatDuration(reminderAfterMs)} are reminded`;
      log.info(`${after} (checked every ${formatDuration(every)})`);
      reminders = schedulePasses(remind, { firstDelayMs: options.reminderDelayMs ?? every, intervalMs: every }, (error) =>
        log.error(`review reminder pass failed: ${(error as Error).message}`),
      );
    },
    stop: async () => {
      await reminders?.stop();
      reminders = null;
    },
  };

  // Who runs what (docs/delivery.md). On PostgreSQL every replica claims jobs (claims skip each other's rows); SQLite
  // has one writer, so its worker runs under the lease. Scheduled work (a timer, a pass over all decisions) belongs
  // under the lease, so that one replica at a time does it.
  const everyReplica = db.dialect === "postgres";
  const perReplica: BackgroundTask[] = everyReplica ? [jobWorker] : [];
  const underLease: BackgroundTask[] = everyReplica
    ? [
        { name: "taking over the jobs of stopped processes", start: releaseDeadClaims, stop: () => undefined },
        reconcile,
        modelWatch,
        reviewReminders,
      ]
    : [jobWorker, reconcile, modelWatch, reviewReminders];

  const names = underLease.map((task) => task.name);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
  const begin = async () => {
    log.info(
      `${everyReplica ? "this replica runs the scheduled work now" : "this process posts to Slack now"} (it holds the background lease): ${list}`,
    );
    for (const task of underLease) await task.start();
  };
  const end = async () => {
    for (const task of [...underLease].reverse()) await task.stop();
  };

  for (const task of perReplica) await task.start();
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
    get role() {
      if (!everyReplica) return lease.held ? "posting to Slack" : "another process posts to Slack until it stops";
      return `posting to Slack with any other replica; ${lease.held ? "running the scheduled work" : "another replica runs the scheduled work"}`;
    },
    jobEvents: worker.events,
    stop: async () => {
      await lease.stop();
      for (const task of [...perReplica].reverse()) await task.stop();
    },
  };
}
