import type { EventEmitter } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import "dotenv/config";
import { WebClient } from "@slack/web-api";
import { type Background, type BackgroundOptions, startBackground } from "./background.js";
import { type Config, configSecrets, loadConfig } from "./config.js";
import type { AppLogger } from "./ops/logger.js";
import type { MetricsOptions } from "./ops/metrics.js";
import { appLogger, type Operations, prepareOperations } from "./ops/operations.js";
import type { ReadinessCheck } from "./ops/readiness.js";
import { databaseWritable, slackReachable, socketConnected } from "./ops/readiness-checks.js";
import { redactSecrets } from "./ops/redact.js";
import { stopOnSignals } from "./ops/signals.js";
import { createSlackApp } from "./slack/app.js";
import { fetchBotIdentity } from "./slack/bot-identity.js";
import { checkDatabase } from "./startup/check-database.js";
import { checkPostgres } from "./startup/check-postgres.js";
import { startupProblem } from "./startup/startup-problem.js";
import { countJobsForMetrics } from "./store/jobs.js";
import { openDatabase } from "./store/open-database.js";
import type { SqlClient } from "./store/sql-client.js";
import { firstSeenDays } from "./store/watch-state.js";
import { knownCatalog, modelsAlreadyOut } from "./watcher/known-catalog.js";
import { createModelDirectory } from "./watcher/model-directory.js";
import type { ModelRecord } from "./watcher/model-record.js";
import { BUNDLED_CATALOG_READ_ON, loadBundledCatalog } from "./watcher/sources/bundled.js";

export interface RunningApp {
  /** The HTTP port in HTTP mode. */
  port: number | undefined;
  /** Where /healthz, /readyz and /metrics answer. */
  healthPort: number;
  /** Runs a base-model watch pass now (or joins the running one); its notices are queued, the worker posts them. */
  checkModelsNow: () => Promise<void>;
  /** Queues the review reminders due now (by the `now` option's clock); the worker posts them. Resolves with how many. */
  remindNow: () => Promise<number>;
  /** Resolves once no request is being handled, including the work listeners do after their ack. */
  idle: () => Promise<void>;
  /** Resolves once no job is pending or running in the database, whichever process queued it. */
  jobsSettled: () => Promise<void>;
  /** Resolves once the reconcile of reactions this process ran on taking the lease is over (at once if it has not). */
  reconciled: () => Promise<void>;
  /** Whether this process holds the lease (runs the reconcile and the watch, and on SQLite the job worker). */
  readonly leader: boolean;
  /** The job worker's events: 'finished' after every attempt. */
  jobEvents: EventEmitter;
  /** The app's own database connection. */
  store: SqlClient;
  stop: () => Promise<void>;
}

export interface StartOptions extends BackgroundOptions {
  today?: () => string;
  now?: () => Date;
  /** Default: JSON lines on standard output, at LOG_LEVEL, in LOG_FORMAT. */
  logger?: AppLogger;
  /** Delivery work waiting for Slack and given up, for the metrics (default: the job table). */
  jobCounts?: MetricsOptions["jobCounts"];
  /** Export Node's process metrics too (the real process does; they cannot be stopped once started). */
  processMetrics?: boolean;
}

/** Composition root: config → database → Slack app → start → the lease and the background work. */
export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const { installs } = config.slack;
  // OAuth mode: each installation names its bot, and has no token until a workspace installs the app.
  const identity = installs.mode === "single" ? await fetchBotIdentity(installs.botToken, config.slack.apiUrl) : undefined;
  const ops = prepareOperations(config, {
    logger: options.logger,
    processMetrics: options.processMetrics,
    jobCounts: options.jobCounts ?? (() => countJobsForMetrics(db)),
  });
  const { logger, metrics } = ops;
  const db = await openDatabase(config.database, {
    onIdleError: (error) => logger.warn(`database: an idle connection broke (${error.message}); the next query opens another`),
  });
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const now = options.now ?? (() => new Date());
  let background: Background | undefined;
  // New verdicts and the model menus answer from memory: the bundled catalog now, the configured ones after each watch pass.
  const bundled = await bundledCatalog(logger);
  const catalog = knownCatalog(bundled, await firstSeenDays(db));
  const models = createModelDirectory(bundled, BUNDLED_CATALOG_READ_ON);
  const slack = createSlackApp({
    config,
    db,
    today,
    now,
    identity,
    models,
    jobsQueued: () => background?.wake(),
    onVerdict: metrics.countVerdict,
    alreadyOut: (answers, decidedOn) => modelsAlreadyOut(catalog.current(), answers, decidedOn, config.watch.policy),
    ...ops.slackAppHooks,
  });
  const { app, isReviewer, stopReceiving, listenersSettled } = slack;
  const started = (config.slack.mode === "http" ? await app.start(config.port) : await app.start()) as unknown;
  const port = config.slack.mode === "http" ? ((started as Server).address() as AddressInfo).port : undefined;
  const healthPort = await ops.serve(readinessChecks(config, db, ops, slack.socketConnected), port);
  const work = await startBackground({
    config,
    db,
    listenerClients: slack.clients,
    isReviewer,
    reviewSettings: slack.reviewSettings,
    logger: app.logger,
    now,
    options,
    slackFetch: metrics.slackFetch,
    observeWatchPass: metrics.observeWatchPass,
    catalog,
    onCatalog: (records) => models.refresh(records, today()),
  });
  background = work;
  const { database } = config;
  logger.info(
    // The URL as configured: the log masks its password, as it masks every secret.
    {
      mode: config.slack.mode,
      port,
      healthPort,
      leader: work.leader,
      database: database.kind === "postgres" ? database.url : database.path,
    },
    `should-we-finetune is running (${config.slack.mode === "http" ? `HTTP on port ${port}` : "Socket Mode"}; health on port ${healthPort}; ` +
      `${database.kind === "postgres" ? "PostgreSQL" : "SQLite"}; ${work.role})`,
  );

  return {
    port,
    healthPort,
    checkModelsNow: () => work.runWatchPass(),
    remindNow: () => work.runReminderPass(),
    idle: slack.idle,
    jobsSettled: () => work.jobsSettled(),
    reconciled: () => work.reconciled(),
    get leader() {
      return work.leader;
    },
    jobEvents: work.jobEvents,
    store: db,
    stop: async () => {
      ops.markStopping();
      // No new requests, then let what was accepted finish: a stop loses nothing that was acknowledged.
      await stopReceiving();
      await listenersSettled();
      await work.stop();
      await db.close();
      await ops.close();
    },
  };
}

/** What new verdicts and the model menus know until a watch pass reads a fresher catalog: the copy that ships with the app. */
async function bundledCatalog(logger: AppLogger): Promise<ModelRecord[]> {
  return loadBundledCatalog().catch((error: unknown) => {
    logger.warn(
      `the bundled model catalog is unreadable (${(error as Error).message}): verdicts name no newer versions and the model menus offer only what is typed until a watch pass`,
    );
    return [];
  });
}

/** What /readyz checks. The database probe writes through the app's own connection. */
function readinessChecks(config: Config, db: SqlClient, ops: Operations, isConnected: (() => boolean) | undefined): ReadinessCheck[] {
  const { installs } = config.slack;
  // OAuth mode has no token of its own: whether Slack answers at all (api.test) is what readiness can say.
  const probeClient = new WebClient(installs.mode === "single" ? installs.botToken : undefined, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    fetch: ops.metrics.slackFetch,
    retryConfig: { retries: 0 },
    timeout: 3000,
    logger: ops.slackAppHooks.logger,
  });
  return [
    databaseWritable(db),
    slackReachable(probeClient, installs.mode === "single" ? "auth.test" : "api.test"),
    ...(isConnected ? [socketConnected(isConnected)] : []),
  ];
}

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) cannotStart(loaded.problems, "; fix these settings (see .env.example)");
  const { config } = loaded;
  const { database } = config;
  const storage = database.kind === "postgres" ? await checkPostgres(database.url) : checkDatabase(database.path);
  if (storage) cannotStart([storage], "", configSecrets(config));
  const logger = appLogger(config);
  let running: RunningApp;
  try {
    running = await startApp(config, { logger, processMetrics: true });
  } catch (error) {
    const problem = startupProblem(error, config);
    if (problem === undefined) throw error;
    cannotStart([problem], "", configSecrets(config));
  }
  stopOnSignals({ stop: running.stop, graceMs: config.shutdownGraceMs, logger, exit: (code) => process.exit(code) });
}

/** One plain line per problem on standard error, no stack trace, exit 1. */
function cannotStart(problems: readonly string[], hint: string, secrets: readonly string[] = []): never {
  console.error(`should-we-finetune cannot start${hint}:`);
  for (const problem of problems) console.error(`  ${redactSecrets(problem, secrets)}`);
  process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
