import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import "dotenv/config";
import { type Config, loadConfig } from "./config.js";
import { createSlackApp } from "./slack/app.js";
import { fetchBotIdentity, StartupError } from "./slack/bot-identity.js";
import { slackModelNotifier } from "./slack/model-notifier.js";
import { publishingSettled, publishPending } from "./slack/publish-decision.js";
import { closeDb, openDb } from "./store/open-db.js";
import { checkModels } from "./watcher/check-models.js";
import { createModelDirectory } from "./watcher/model-directory.js";
import { schedulePasses } from "./watcher/schedule.js";
import { BUNDLED_CATALOG_READ_ON, loadBundledCatalog } from "./watcher/sources/bundled.js";
import { sourcesFromConfig } from "./watcher/sources/registry.js";

export interface RunningApp {
  /** The HTTP port in HTTP mode. */
  port: number | undefined;
  /** Runs a base-model watch pass now (or joins the running one). */
  checkModelsNow: () => Promise<void>;
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
}

/** Composition root: config → database → Slack app → background jobs → start. */
export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const identity = await fetchBotIdentity(config.slack.botToken, config.slack.apiUrl);
  const db = openDb(config.databasePath);
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const now = options.now ?? (() => new Date());
  // The model menus answer from memory: the bundled catalog now, the configured catalogs after each watch pass.
  const models = createModelDirectory(await loadBundledCatalog(), BUNDLED_CATALOG_READ_ON);
  const { app, publishDeps, stopReceiving } = createSlackApp({ config, db, today, now, identity, models });
  const started = (config.slack.mode === "http" ? await app.start(config.port) : await app.start()) as unknown;
  const port = config.slack.mode === "http" ? ((started as Server).address() as AddressInfo).port : undefined;
  app.logger.info(`should-we-finetune is running (${config.slack.mode === "http" ? `HTTP on port ${port}` : "Socket Mode"})`);

  let outbox = publishPending(publishDeps);
  const timer = setInterval(() => {
    outbox = outbox.then(() => publishPending(publishDeps, { skipAwaitingInvite: true }));
  }, options.outboxIntervalMs ?? 60_000);
  timer.unref();

  const watch = schedulePasses(
    async () => {
      const report = await checkModels({
        db,
        sources: sourcesFromConfig(config.watch.sources),
        fetch: options.fetch ?? globalThis.fetch,
        timeoutMs: 15_000,
        notifier: slackModelNotifier(app.client),
        minAgeDays: config.watch.minAgeDays,
        now,
        log: (line) => app.logger.warn(line),
        onCatalog: (records) => models.refresh(records, today()),
      });
      app.logger.info(
        `model watch: ${report.distinctModels} base models, ${report.posted.length} notices posted, ${report.failed.length} failed`,
      );
    },
    { firstDelayMs: options.modelCheckDelayMs ?? 30_000, intervalMs: config.watch.intervalMinutes * 60_000 },
    (error) => app.logger.error(`model watch pass failed: ${(error as Error).message}`),
  );

  return {
    port,
    checkModelsNow: watch.runNow,
    stop: async () => {
      clearInterval(timer);
      // No new requests, then let what was accepted finish: a stop loses nothing that was acknowledged.
      await stopReceiving();
      await watch.stop();
      await outbox.catch(() => undefined);
      await publishingSettled(db);
      closeDb(db);
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
