import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configSecrets, loadConfig } from "../../src/config.js";
import type { Answers } from "../../src/engine/answers.js";
import { type RunningApp, type StartOptions, startApp } from "../../src/main.js";
import { createLogger } from "../../src/ops/logger.js";
import type { Decision } from "../../src/store/decisions.js";
import type { Job } from "../../src/store/jobs.js";
import { SlackDriver } from "../emulator/slack-driver.js";
import { SlackEmulator, type StoredView } from "../emulator/slack-emulator.js";
import { walkQuestionnaire } from "./fill.js";
import { readDecision, readDecisions, readJobs } from "./read-db.js";

export const SIGNING_SECRET = "test-signing-secret";
export const CHANNEL = "CGENERAL";
export const PRIVATE_CHANNEL = "GSECRET";
export const REQUESTER = "UREQ";
export const REVIEWERS = ["UALICE", "UBOB", "UCAROL"] as const;
/** How long a wait for the app's next step may take before the test fails: long, as the machine may be busy. */
export const WAIT_MS = 30_000;

export interface Harness {
  emulator: SlackEmulator;
  driver: SlackDriver;
  app: RunningApp;
  dbPath: string;
  /** Stops the app (unless stopped already) and starts a new one on the same database file and emulator. */
  restart: (env?: Record<string, string>, options?: StartOptions) => Promise<void>;
  stop: () => Promise<void>;
  /** Reads the database through a fresh connection, as another process would. */
  decisions: () => Decision[];
  decision: (id: number) => Decision | null;
  /** Every line the app logged so far (at LOG_LEVEL, default error), parsed. TEST_LOGS=1 also prints them. */
  logs: () => Record<string, unknown>[];
  jobs: (decisionId?: number) => Job[];
  /** Waits until every queued Slack write has run (no job pending or running): what tests wait on, never a sleep. */
  settled: () => Promise<void>;
  /** A base-model watch pass, then its notices posted. */
  checkModels: () => Promise<void>;
  /** A review-reminder pass by the app's clock, then its reminders posted. */
  remind: () => Promise<void>;
}

/** Quick job timing for tests: short polls and backoff, a short Slack timeout, a quick stop. */
export const TEST_TIMING: StartOptions = {
  jobs: { pollMs: 50, backoff: { baseMs: 20, capMs: 200 } },
  // Reminder passes run only when a test asks (remind), by the clock the test gives the app.
  reminderDelayMs: 3_600_000,
  slackTimeoutMs: 2_000,
  stopGraceMs: 3_000,
};

/** The real app over real HTTP, against the in-repo Slack emulator, with a temporary SQLite file. */
export async function startHarness(env: Record<string, string> = {}, options: StartOptions = {}): Promise<Harness> {
  const emulator = await SlackEmulator.start();
  const bot = emulator.botUserId;
  for (const id of [REQUESTER, ...REVIEWERS]) emulator.addUser({ id, name: id.toLowerCase() });
  emulator.addChannel({ id: CHANNEL, name: "ml-decisions", members: [bot, REQUESTER, ...REVIEWERS] });
  emulator.addChannel({ id: "CNOBOT", name: "no-bot-yet", members: [REQUESTER, ...REVIEWERS] });
  emulator.addChannel({ id: PRIVATE_CHANNEL, name: "secret", isPrivate: true, members: [REQUESTER, ...REVIEWERS] });
  const dir = mkdtempSync(join(tmpdir(), "swf-it-"));
  const dbPath = join(dir, "app.db");
  const logLines: string[] = [];

  const boot = async (extra: Record<string, string>, extraOptions: StartOptions = {}) => {
    const loaded = loadConfig({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      PORT: "0",
      DATABASE_PATH: dbPath,
      LOG_LEVEL: "error",
      // Tests never reach the internet: the bundled catalog unless a test serves one on loopback.
      MODEL_SOURCES: "bundled",
      ...env,
      ...extra,
    });
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const logger = createLogger({
      level: loaded.config.logLevel,
      secrets: configSecrets(loaded.config),
      sink: {
        write: (line) => {
          logLines.push(line);
          if (process.env.TEST_LOGS) process.stdout.write(line);
        },
      },
    });
    // Watch passes run only when a test asks (checkModelsNow), so they never race a test's own steps.
    return startApp(loaded.config, {
      ...TEST_TIMING,
      today: () => "2026-11-24",
      modelCheckDelayMs: 3_600_000,
      logger,
      ...options,
      ...extraOptions,
    });
  };

  // An app a test stopped itself is not stopped twice.
  const stopped = new WeakSet<RunningApp>();
  const track = (app: RunningApp) => {
    const stop = app.stop;
    app.stop = async () => {
      stopped.add(app);
      await stop();
    };
  };
  const harness: Harness = {
    emulator,
    app: await boot({}),
    driver: undefined as unknown as SlackDriver,
    dbPath,
    restart: async (extra = {}, extraOptions = {}) => {
      if (!stopped.has(harness.app)) await harness.app.stop();
      harness.app = await boot(extra, extraOptions);
      track(harness.app);
      harness.driver = new SlackDriver({ emulator, appUrl: `http://127.0.0.1:${harness.app.port}`, signingSecret: SIGNING_SECRET });
    },
    stop: async () => {
      if (!stopped.has(harness.app)) await harness.app.stop();
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    logs: () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>),
    decisions: () => readDecisions(dbPath),
    decision: (id) => readDecision(dbPath, id),
    jobs: (decisionId) => readJobs(dbPath, decisionId),
    settled: () => harness.app.jobsSettled(),
    checkModels: async () => {
      await harness.app.checkModelsNow();
      await harness.app.jobsSettled();
    },
    remind: async () => {
      await harness.app.remindNow();
      await harness.app.jobsSettled();
    },
  };
  track(harness.app);
  harness.driver = new SlackDriver({ emulator, appUrl: `http://127.0.0.1:${harness.app.port}`, signingSecret: SIGNING_SECRET });
  return harness;
}

export interface ReviewStart {
  userId?: string;
  channelId?: string;
  text?: string;
}

/** Types the command and waits for the questionnaire to open; returns the opened view. */
export async function openQuestionnaire(h: Harness, start: ReviewStart = {}) {
  const before = h.emulator.callsTo("views.open").length;
  const res = await h.driver.sendSlashCommand({
    userId: start.userId ?? REQUESTER,
    channelId: start.channelId ?? CHANNEL,
    text: start.text ?? "",
  });
  if (res.status !== 200) throw new Error(`command answered ${res.status}`);
  await h.emulator.waitFor(() => h.emulator.callsTo("views.open").length > before, WAIT_MS, "views.open");
  const call = h.emulator.callsTo("views.open").at(-1)!;
  if (!(call.response as { ok: boolean }).ok) throw new Error(`views.open failed: ${JSON.stringify(call.response)}`);
  return h.emulator.lastView()!;
}

/** Fills in and submits every step of an open questionnaire; resolves with the last step's answer. */
export async function completeQuestionnaire(
  h: Harness,
  view: StoredView,
  answers: Answers,
  opts: { userId?: string; unknowns?: string[] } = {},
) {
  const walked = await walkQuestionnaire(h, view, answers, {
    userId: opts.userId ?? REQUESTER,
    ...(opts.unknowns ? { unknowns: opts.unknowns } : {}),
  });
  const res = walked.response!;
  if (res.status !== 200) throw new Error(`submission answered ${res.status}`);
  return { ...walked, response: res };
}

/** The whole path from the command through the three steps to the verdict and its thread reply being posted. */
export async function runReview(h: Harness, answers: Answers, start: ReviewStart & { unknowns?: string[] } = {}) {
  const view = await openQuestionnaire(h, start);
  const { response: res } = await completeQuestionnaire(h, view, answers, {
    ...(start.userId ? { userId: start.userId } : {}),
    ...(start.unknowns ? { unknowns: start.unknowns } : {}),
  });
  if ((res.json as { response_action?: string } | undefined)?.response_action !== "clear") {
    throw new Error(`the last step was not accepted: ${res.body.slice(0, 300)}`);
  }
  const decision = await h.emulator.waitFor(
    () => {
      const latest = h.decisions().at(-1);
      return latest?.replyTs ? latest : undefined;
    },
    WAIT_MS,
    "verdict and reasons posted",
  );
  return { view, response: res, decision };
}
