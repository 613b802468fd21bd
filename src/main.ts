import type { EventEmitter } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import type { Logger } from "@slack/bolt";
import "dotenv/config";
import { type Background, type BackgroundOptions, startBackground } from "./background.js";
import { type Config, loadConfig } from "./config.js";
import { createSlackApp } from "./slack/app.js";
import { fetchBotIdentity, StartupError } from "./slack/bot-identity.js";
import { openDb } from "./store/open-db.js";
import type { SqlClient } from "./store/sql-client.js";

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

export interface StartOptions extends BackgroundOptions {
  today?: () => string;
  now?: () => Date;
  logger?: Logger;
}

/** Composition root: config → database → Slack app → start → the lease and the background work. */
export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const identity = await fetchBotIdentity(config.slack.botToken, config.slack.apiUrl);
  const db = await openDb(config.databasePath);
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const now = options.now ?? (() => new Date());
  let background: Background | undefined;
  const { app, isReviewer, stopReceiving } = createSlackApp({
    config,
    db,
    today,
    now,
    identity,
    jobsQueued: () => background?.wake(),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const started = (config.slack.mode === "http" ? await app.start(config.port) : await app.start()) as unknown;
  const port = config.slack.mode === "http" ? ((started as Server).address() as AddressInfo).port : undefined;
  const work = await startBackground({ config, db, listenerClient: app.client, isReviewer, logger: app.logger, now, options });
  background = work;
  const role = work.leader ? "posting to Slack" : "another process posts to Slack until it stops";
  app.logger.info(`should-we-finetune is running (${config.slack.mode === "http" ? `HTTP on port ${port}` : "Socket Mode"}; ${role})`);

  return {
    port,
    checkModelsNow: () => work.runWatchPass(),
    jobsSettled: () => work.jobsSettled(),
    reconciled: () => work.reconciled(),
    get leader() {
      return work.leader;
    },
    jobEvents: work.jobEvents,
    store: db,
    stop: async () => {
      // No new requests, then let what was accepted finish: a stop loses nothing that was acknowledged.
      await stopReceiving();
      await work.stop();
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
