import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import "dotenv/config";
import { WebClient } from "@slack/web-api";
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
import { slackModelNotifier } from "./slack/model-notifier.js";
import { publishingSettled, publishPending } from "./slack/publish-decision.js";
import { checkDatabase } from "./startup/check-database.js";
import { startupProblem } from "./startup/startup-problem.js";
import { listOutbox } from "./store/decisions.js";
import { closeDb, type Db, openDb } from "./store/open-db.js";
import { checkModels } from "./watcher/check-models.js";
import { schedulePasses } from "./watcher/schedule.js";
import { sourcesFromConfig } from "./watcher/sources/registry.js";

export interface RunningApp {
  /** The HTTP port in HTTP mode. */
  port: number | undefined;
  /** Where /healthz, /readyz and /metrics answer. */
  healthPort: number;
  /** Runs a base-model watch pass now (or joins the running one). */
  checkModelsNow: () => Promise<void>;
  /** Resolves once no request is being handled, including the work listeners do after their ack. */
  idle: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** How often decisions Slack has not accepted yet are retried. */
  outboxIntervalMs?: number;
  today?: () => string;
  now?: () => Date;
  /** Delay before the first base-model watch pass after start. */
  modelCheckDelayMs?: number;
  fetch?: typeof fetch;
  /** Default: JSON lines on standard output, at LOG_LEVEL, in LOG_FORMAT. */
  logger?: AppLogger;
  /** Delivery work waiting for Slack and given up, for the metrics (default: the outbox). */
  jobCounts?: MetricsOptions["jobCounts"];
  /** Export Node's process metrics too (the real process does; they cannot be stopped once started). */
  processMetrics?: boolean;
}

/** Composition root: config → database → Slack app → background jobs → start. */
export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const identity = await fetchBotIdentity(config.slack.botToken, config.slack.apiUrl);
  const db = openDb(config.databasePath);
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const now = options.now ?? (() => new Date());
  const ops = prepareOperations(config, {
    logger: options.logger,
    processMetrics: options.processMetrics,
    jobCounts: options.jobCounts ?? outboxCounts(db),
  });
  const { logger, metrics } = ops;
  const slack = createSlackApp({ config, db, today, now, identity, ...ops.slackAppHooks });
  const { app, publishDeps, stopReceiving, listenersSettled } = slack;
  const started = (config.slack.mode === "http" ? await app.start(config.port) : await app.start()) as unknown;
  const port = config.slack.mode === "http" ? ((started as Server).address() as AddressInfo).port : undefined;
  const healthPort = await ops.serve(readinessChecks(config, db, ops, slack.socketConnected), port);
  logger.info(
    { mode: config.slack.mode, port, healthPort },
    `should-we-finetune is running (${config.slack.mode === "http" ? `HTTP on port ${port}` : "Socket Mode"}; health on port ${healthPort})`,
  );

  let outbox = publishPending(publishDeps);
  const timer = setInterval(() => {
    outbox = outbox.then(() => publishPending(publishDeps, { skipAwaitingInvite: true }));
  }, options.outboxIntervalMs ?? 60_000);
  timer.unref();

  const watch = schedulePasses(
    async () => {
      const report = await metrics.observeWatchPass(() =>
        checkModels({
          db,
          sources: sourcesFromConfig(config.watch.sources),
          fetch: options.fetch ?? globalThis.fetch,
          timeoutMs: 15_000,
          notifier: slackModelNotifier(app.client),
          minAgeDays: config.watch.minAgeDays,
          now,
          log: (line, fields) => logger.warn(fields ?? {}, line),
        }),
      );
      logger.info(
        { baseModels: report.distinctModels, posted: report.posted.length, failed: report.failed.length },
        `model watch: ${report.distinctModels} base models, ${report.posted.length} notices posted, ${report.failed.length} failed`,
      );
    },
    { firstDelayMs: options.modelCheckDelayMs ?? 30_000, intervalMs: config.watch.intervalMinutes * 60_000 },
    (error) => logger.error({ err: error }, `model watch pass failed: ${(error as Error).message}`),
  );

  return {
    port,
    healthPort,
    checkModelsNow: watch.runNow,
    idle: slack.idle,
    stop: async () => {
      ops.markStopping();
      clearInterval(timer);
      // No new requests, then let what was accepted finish: a stop loses nothing that was acknowledged.
      await stopReceiving();
      await listenersSettled();
      await watch.stop();
      await outbox.catch(() => undefined);
      await publishingSettled(db);
      closeDb(db);
      await ops.close();
    },
  };
}

/** What /readyz checks. The database probe writes through the app's own connection. */
function readinessChecks(config: Config, db: Db, ops: Operations, isConnected: (() => boolean) | undefined): ReadinessCheck[] {
  const probeClient = new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    fetch: ops.metrics.slackFetch,
    retryConfig: { retries: 0 },
    timeout: 3000,
    logger: ops.slackAppHooks.logger,
  });
  return [databaseWritable(db.$client), slackReachable(probeClient), ...(isConnected ? [socketConnected(isConnected)] : [])];
}

/** The outbox stands in for the delivery jobs until they have a table of their own; nothing gives up retrying yet. */
function outboxCounts(db: Db): NonNullable<MetricsOptions["jobCounts"]> {
  return () => ({ pending: listOutbox(db).length, failed: 0 });
}

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) cannotStart(loaded.problems, "; fix these settings (see .env.example)");
  const { config } = loaded;
  const storage = checkDatabase(config.databasePath);
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
