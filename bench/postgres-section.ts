// Our app on SQLite and on PostgreSQL (a throwaway local server, scripts/throwaway-postgres.ts), each its own process,
// side by side: view submissions (ack, and until the verdict is posted) and reactions (ack) at 10 / 50 / 200 in flight.
// Skipped, with a note, where PostgreSQL's server programs are not installed.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postgresBinDir, startThrowawayPostgres } from "../scripts/throwaway-postgres.js";
import { type Answers, parseAnswers } from "../src/engine/answers.js";
import { SLACK_TRIGGER_TTL_MS, SlackEmulator } from "../test/emulator/slack-emulator.js";
import { type AppProcess, buildOurApp, OUR_APP, ourBenchSettings, REPO_ROOT, startAppProcess } from "./app-process.js";
import { LEVELS } from "./http-report.js";
import { settle } from "./load.js";
import { commandBurst, type Run, reactionBurst, submissionBurst, type Workspace } from "./scenarios.js";
import type { BenchContext, Section, SectionReport } from "./section.js";
import { summarize } from "./stats.js";
import { formatNumber } from "./targets.js";

const SIGNING_SECRET = "bench-signing-secret";
const SQLITE = "SQLite";
const POSTGRES = "PostgreSQL";
const WATCH_PASS_LINE = /model watch: \d+ base models/;

function loadAnswers(): Answers {
  const parsed = parseAnswers(JSON.parse(readFileSync(join(REPO_ROOT, "test/fixtures/answers/ticket-triage.json"), "utf8")));
  if (!parsed.ok) throw new Error("ticket-triage.json is invalid");
  return parsed.answers;
}

interface Measured {
  submissions: Run[];
  reactions: Run[];
}

/** One round per app and level: commands open the questionnaires, they are submitted, then three reactions per verdict. */
async function round(ws: Workspace, app: AppProcess, level: number, count: number, answers: Answers, tag: string, m: Measured) {
  const opened = await commandBurst(ws, app, level, count);
  const submitted = await submissionBurst(ws, app, level, opened.viewIds, answers, tag);
  m.submissions.push({ ...submitted, app: app.name });
  m.reactions.push({ ...(await reactionBurst(ws, app, level, count, submitted.messages, tag)), app: app.name });
}

async function measure(ctx: BenchContext, dbDir: string): Promise<Measured> {
  const server = await startThrowawayPostgres();
  const emulator = await SlackEmulator.start({ triggerTtlMs: SLACK_TRIGGER_TTL_MS });
  const ws: Workspace = { emulator, signingSecret: SIGNING_SECRET, channelId: "CBENCH", requesterId: "UBENCHREQ" };
  emulator.addUser({ id: ws.requesterId, name: "bench-requester" });
  emulator.addChannel({ id: ws.channelId, name: "bench", members: [emulator.botUserId, ws.requesterId] });
  const apps: AppProcess[] = [];
  try {
    const url = await server.createDatabase("bench");
    const env = {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      PORT: "0",
      ...ourBenchSettings(),
    };
    const sqlite = await startAppProcess({
      name: SQLITE,
      script: OUR_APP,
      env: { ...env, DATABASE_URL: "", DATABASE_PATH: join(dbDir, "bench.db") },
    });
    apps.push(sqlite);
    const postgres = await startAppProcess({ name: POSTGRES, script: OUR_APP, env: { ...env, DATABASE_URL: url } });
    apps.push(postgres);
    const answers = loadAnswers();
    const warm: Measured = { submissions: [], reactions: [] };
    for (const app of apps) await round(ws, app, 10, ctx.quick ? 10 : 100, answers, `W${app.name}`, warm);
    ctx.progress("postgres: warm-up done; waiting for both apps' first model-watch pass (about 30 s after start)");
    await Promise.all(apps.map((app) => app.waitForLine(WATCH_PASS_LINE, 45_000)));
    await settle(emulator);

    const m: Measured = { submissions: [], reactions: [] };
    for (const [index, level] of LEVELS.entries()) {
      const count = ctx.quick ? level : Math.max(150, 3 * level);
      for (const app of index % 2 === 0 ? [sqlite, postgres] : [postgres, sqlite]) {
        await round(ws, app, level, count, answers, `${app.name}${level}`, m);
        ctx.progress(`postgres: ${app.name} at ${level} in flight done`);
      }
    }
    return m;
  } finally {
    for (const app of apps) await app.stop();
    await emulator.stop();
    await server.stop();
  }
}

const ms = (n: number) => (Number.isFinite(n) ? formatNumber(n) : "–");
const q = (samples: number[]) => {
  const s = summarize(samples);
  return [ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
};

function report(m: Measured): SectionReport {
  const row = (r: Run, effect: boolean) => [
    r.app,
    String(r.concurrency),
    String(r.count),
    formatNumber(r.count / (r.wallMs / 1000)),
    ...q(r.ackMs),
    ...(effect ? q(r.effectMs) : []),
    String(r.errors.length),
    r.appCpuMsPerRequest === undefined ? "–" : formatNumber(r.appCpuMsPerRequest),
  ];
  const head = ["database", "in flight", "requests", "req/s", "ack p50", "p95", "p99", "max"];
  const ratio = (runs: Run[], level: number, pick: (r: Run) => number[]) => {
    const pg = runs.find((r) => r.app === POSTGRES && r.concurrency === level);
    const lite = runs.find((r) => r.app === SQLITE && r.concurrency === level);
    return pg && lite ? `${(summarize(pick(pg)).p99 / summarize(pick(lite)).p99).toFixed(2)}×` : "–";
  };
  return {
    tables: [
      {
        title: "View submission: ack and submission → verdict posted (ms)",
        columns: [...head, "verdict p50", "p95", "p99", "max", "errors", "app CPU ms/req"],
        rows: m.submissions.map((r) => row(r, true)),
      },
      {
        title: "reaction_added: ack (ms)",
        columns: [...head, "errors", "app CPU ms/req"],
        rows: m.reactions.map((r) => row(r, false)),
      },
      {
        title: "p99, PostgreSQL / SQLite",
        columns: ["in flight", "submission ack", "verdict posted", "reaction ack"],
        rows: LEVELS.map((l) => [
          String(l),
          ratio(m.submissions, l, (r) => r.ackMs),
          ratio(m.submissions, l, (r) => r.effectMs),
          ratio(m.reactions, l, (r) => r.ackMs),
        ]),
      },
    ],
    targets: [],
    notes: [
      "PostgreSQL is a throwaway local server (fsync off) on the same machine, so its CPU competes with the apps'; a real server adds a network round trip per statement.",
      "Three reactions arrive at once per verdict message: on PostgreSQL they are SERIALIZABLE transactions on one decision, and the ones that lose the race run again.",
    ],
  };
}

export const postgresSection: Section = {
  name: "postgres",
  title: "Our app on SQLite and on PostgreSQL: submissions and reactions",
  async run(ctx): Promise<SectionReport> {
    if (!postgresBinDir()) {
      return { tables: [], targets: [], notes: ["Not measured: PostgreSQL's server programs (initdb, pg_ctl) are not installed here."] };
    }
    buildOurApp();
    const dbDir = mkdtempSync(join(tmpdir(), "swf-bench-pg-"));
    try {
      return report(await measure(ctx, dbDir));
    } finally {
      rmSync(dbDir, { recursive: true, force: true });
    }
  },
};
