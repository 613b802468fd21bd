import type { EventEmitter } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import type { Logger } from "@slack/bolt";
import "dotenv/config";
import { type Config, loadConfig } from "./config.js";
import type { BackoffPolicy } from "./delivery/backoff.js";
import { keepLease } from "./delivery/lease-keeper.js";
import { createWorker, jobsSettled } from "./delivery/worker.js";
import { isGoneLocalWorker, workerId } from "./delivery/worker-identity.js";
import { createSlackApp } from "./slack/app.js";
import { fetchBotIdentity, StartupError } from "./slack/bot-identity.js";
import { createDeliveryClient } from "./slack/delivery/delivery-client.js";
import { slackJobRunner } from "./slack/delivery/slack-jobs.js";
import { reconcileReactions } from "./slack/reconcile-reactions.js";
import { respondEphemeral } from "./slack/respond.js";
import { claimOwners, expireClaims, requeueWaiting } from "./store/jobs.js";
import { openDb } from "./store/open-db.js";
import type { SqlClient } from "./store/sql-client.js";
import { checkModels } from "./watcher/check-models.js";
import { type PeriodicJob, schedulePasses } from "./watcher/schedule.js";
import { sourcesFromConfig } from "./watcher/sources/registry.js";

/** The lease that says which process runs the job worker, the reconcile and the watch on a database (README). */
const BACKGROUND_LEASE = "background";

export interface RunningApp {
  /** The HTTP port in HTTP mode. */
  port: number | undefined;
  /** Runs a base-model watch pass now (or joins the running one); its notices are queued, the worker posts them. */
  checkModelsNow: () => Promise<void>;
  /** Resolves once no job is pending or running in the database, whichever process queued it. */
  jobsSettled: () => Promise<void>;
  /** Resolves once the reconcile of reactions this process ran on taking the lease is over (at once if it has not). */
  reconciled: () => Promise<void>;
  /** Whether this process holds the lease (runs the worker, the reconcile and the watch). */
  readonly leader: boolean;
  /** The job worker's events: 'finished' after every attempt. */
  jobEvents: EventEmitter;
  /** The app's own database connection. */
  store: SqlClient;
  stop: () => Promise<void>;
}

export interface StartOptions {
  today?: () => string;
  now?: () => Date;
  /** Delay before the first base-model watch pass after taking the lease. */
  modelCheckDelayMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
  /** The job worker's timing; tests make it quick. */
  jobs?: { pollMs?: number; claimTtlMs?: number; backoff?: BackoffPolicy; concurrency?: number; maxAttempts?: number };
  /** Timeout of every Slack call the worker makes (default 10 s). */
  slackTimeoutMs?: number;
  lease?: { ttlMs?: number; renewMs?: number };
  /** How long stop() waits for jobs in flight (default 10 s). */
  stopGraceMs?: number;
}

/** Composition root: config → database → Slack app → lease → background work → start. */
export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const identity = await fetchBotIdentity(config.slack.botToken, config.slack.apiUrl);
  const db = await openDb(config.databasePath);
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const now = options.now ?? (() => new Date());
  const owner = workerId();
  const isGone = (id: string) => isGoneLocalWorker(id, owner);

  let wake = () => {};
  const { app, isReviewer, stopReceiving } = createSlackApp({
    config,
    db,
    today,
    now,
    identity,
    jobsQueued: () => wake(),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const log = app.logger;
  const client = createDeliveryClient(config.slack.botToken, {
    apiUrl: config.slack.apiUrl,
    timeoutMs: options.slackTimeoutMs ?? 10_000,
    logger: log,
  });
  const worker = createWorker({
    db,
    owner,
    log,
    runner: slackJobRunner({ db, client, review: config.review, respond: respondEphemeral, now: () => new Date() }),
    ...options.jobs,
  });
  wake = () => worker.wake();

  const pass = async () => {
    const report = await checkModels({
      db,
      sources: sourcesFromConfig(config.watch.sources),
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: 15_000,
      minAgeDays: config.watch.minAgeDays,
      now,
      log: (line) => log.warn(line),
      queued: wake,
    });
    log.info(`model watch: ${report.distinctModels} base models, ${report.queued.length} notices queued, ${report.failed.length} failed`);
  };
  let watch: PeriodicJob | null = null;
  let stopping = false;
  let reconciling: Promise<void> = Promise.resolve();

  const startBackground = async () => {
    stopping = false;
    log.info("this process posts to Slack now (it holds the background lease): the job worker, the reconcile and the catalog checks");
    // Jobs a killed process of this host was running are due again at once (looked up first), not when claims expire.
    for (const dead of (await claimOwners(db).catch(() => [])).filter(isGone)) await expireClaims(db, dead).catch(() => 0);
    worker.start();
    // Whatever waited for an invite gets one more try: the bot may have been invited while no process was running.
    if ((await requeueWaiting(db).catch(() => 0)) > 0) wake();
    reconciling = reconcileReactions({
      db,
      client: app.client,
      review: config.review,
      isReviewer,
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
  };
  const stopBackground = async () => {
    stopping = true;
    await watch?.stop();
    watch = null;
    await reconciling;
    await worker.stop(options.stopGraceMs ?? 10_000);
  };

  const started = (config.slack.mode === "http" ? await app.start(config.port) : await app.start()) as unknown;
  const port = config.slack.mode === "http" ? ((started as Server).address() as AddressInfo).port : undefined;
  const lease = await keepLease({
    db,
    name: BACKGROUND_LEASE,
    holder: owner,
    log,
    ...options.lease,
    isGone,
    onAcquired: startBackground,
    onLost: stopBackground,
  });
  const role = lease.held ? "posting to Slack" : "another process posts to Slack until it stops";
  log.info(`should-we-finetune is running (${config.slack.mode === "http" ? `HTTP on port ${port}` : "Socket Mode"}; ${role})`);

  return {
    port,
    checkModelsNow: () => (watch ? watch.runNow() : pass()),
    jobsSettled: () => jobsSettled(db, worker.events),
    reconciled: () => reconciling,
    get leader() {
      return lease.held;
    },
    jobEvents: worker.events,
    store: db,
    stop: async () => {
      // No new requests, then let what was accepted finish: a stop loses nothing that was acknowledged.
      await stopReceiving();
      await lease.stop();
      await db.close();
    },
  };
}

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error("should-we-finetune cannot start; fix these settings (see .env.example):");
    for (const problem of loaded.problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  let running: RunningApp;
  try {
    running = await startApp(loaded.config);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error("should-we-finetune cannot start:");
    console.error(`  ${error.message}`);
    process.exit(1);
  }
  const stop = async (signal: string) => {
    console.error(`${signal}: stopping`);
    await running.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
