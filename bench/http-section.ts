// Our real app and a bare Bolt app, each in its own process, against the Slack emulator in this process: slash
// commands on both, view submissions and reactions on ours, at 10 / 50 / 200 in flight; plus our app's memory.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Answers, parseAnswers } from "../src/engine/answers.js";
import { SLACK_TRIGGER_TTL_MS, SlackEmulator } from "../test/emulator/slack-emulator.js";
import { type AppProcess, buildOurApp, OUR_APP, ourBenchSettings, REPO_ROOT, startAppProcess } from "./app-process.js";
import { BARE, LEVELS, type Measurements, notes, OURS, tables, targets } from "./http-report.js";
import { settle, sleep } from "./load.js";
import { startCpuAccounting } from "./machine-load.js";
import { type CommandRun, commandBurst, mergeRuns, type Run, reactionBurst, submissionBurst, type Workspace } from "./scenarios.js";
import type { BenchContext, Section, SectionReport } from "./section.js";

const SIGNING_SECRET = "bench-signing-secret";
const WATCH_PASS_LINE = /model watch: \d+ base models/;
const WATCH_PASS_WAIT_MS = 45_000;

/** Requests per burst: 3× the concurrency, at least 300 (fewer with --quick) so p99 rests on a few samples. */
const burstSize = (concurrency: number, quick: boolean) => (quick ? concurrency : Math.max(300, 3 * concurrency));
/** Slash-command bursts per app and level, alternating apps. */
const commandRounds = (quick: boolean) => (quick ? 1 : 3);

function loadAnswers(): Answers {
  const raw: unknown = JSON.parse(readFileSync(join(REPO_ROOT, "test/fixtures/answers/ticket-triage.json"), "utf8"));
  const parsed = parseAnswers(raw);
  if (!parsed.ok) throw new Error(`ticket-triage.json is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.answers;
}

async function measure(ctx: BenchContext, dbDir: string): Promise<Measurements> {
  const emulator = await SlackEmulator.start({ triggerTtlMs: SLACK_TRIGGER_TTL_MS });
  const ws: Workspace = { emulator, signingSecret: SIGNING_SECRET, channelId: "CBENCH", requesterId: "UBENCHREQ" };
  emulator.addUser({ id: ws.requesterId, name: "bench-requester" });
  emulator.addChannel({ id: ws.channelId, name: "bench", members: [emulator.botUserId, ws.requesterId] });
  const common = { SLACK_BOT_TOKEN: emulator.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emulator.apiUrl, PORT: "0" };
  const apps: AppProcess[] = [];
  try {
    const ours = await startAppProcess({
      name: OURS,
      script: OUR_APP,
      // The watch runs once, before the load (see below).
      env: { ...common, ...ourBenchSettings(), DATABASE_PATH: join(dbDir, "bench.db") },
    });
    apps.push(ours);
    const bare = await startAppProcess({ name: BARE, script: "bench/bare-app.ts", env: common });
    apps.push(bare);
    ctx.progress(`http: ${OURS} pid ${ours.pid} on :${ours.port}, ${BARE} pid ${bare.pid} on :${bare.port}`);
    await sleep(1000);
    const memory: Measurements["memory"] = { [OURS]: { idle: ours.memory() }, [BARE]: { idle: bare.memory() } };

    // Warm-up (not measured): lets V8 optimise the hot paths of both apps and of this process.
    const answers = loadAnswers();
    const warm = { count: ctx.quick ? 50 : 500, concurrency: ctx.quick ? 10 : 50 };
    const warmRuns: Run[] = [await commandBurst(ws, bare, warm.concurrency, warm.count)];
    const warmCommands = await commandBurst(ws, ours, warm.concurrency, warm.count);
    const warmSubmissions = await submissionBurst(ws, ours, warm.concurrency, warmCommands.viewIds, answers, "W");
    warmRuns.push(warmCommands, warmSubmissions);
    warmRuns.push(await reactionBurst(ws, ours, warm.concurrency, warm.count, warmSubmissions.messages, "W"));
    // Our app runs its first base-model watch pass ~30 s after start; wait for it so it does not land inside a burst.
    ctx.progress("http: warm-up done; waiting for our app's first model-watch pass (about 30 s after start)");
    const watchLine = await ours.waitForLine(WATCH_PASS_LINE, WATCH_PASS_WAIT_MS);
    await settle(emulator);

    const m: Measurements = {
      commands: [],
      submissions: [],
      reactions: [],
      memory,
      problems: {},
      warmUp: { count: warmRuns.reduce((n, r) => n + r.count, 0), errors: warmRuns.flatMap((r) => r.errors) },
      watchPass: watchLine,
      watchWaitMs: WATCH_PASS_WAIT_MS,
      cpu: undefined,
    };
    const problemsBefore = new Map(apps.map((a) => [a.name, a.problems().length]));
    const cpuShares = startCpuAccounting([ours, bare]);
    for (const [index, level] of LEVELS.entries()) {
      const count = burstSize(level, ctx.quick);
      const perApp = new Map<AppProcess, CommandRun[]>([
        [ours, []],
        [bare, []],
      ]);
      for (let round = 0; round < commandRounds(ctx.quick); round += 1) {
        // Short alternating rounds, so a noisy neighbour or drift hits both apps alike.
        for (const app of (index + round) % 2 === 0 ? [ours, bare] : [bare, ours]) {
          perApp.get(app)!.push(await commandBurst(ws, app, level, count));
        }
      }
      for (const [app, runs] of perApp) {
        const run = mergeRuns(runs);
        m.commands.push(run);
        ctx.progress(`http: ${app.name} commands ×${run.count} at ${level}: ${run.errors.length} errors`);
      }
      const ourViews = perApp
        .get(ours)!
        .flatMap((r) => r.viewIds)
        .slice(0, count);
      const submitted = await submissionBurst(ws, ours, level, ourViews, answers, String(level));
      m.submissions.push(submitted);
      ctx.progress(`http: submissions ×${submitted.count} at ${level}: ${submitted.errors.length} errors`);
      const reacted = await reactionBurst(ws, ours, level, count, submitted.messages, String(level));
      m.reactions.push(reacted);
      ctx.progress(`http: reactions ×${count} at ${level}: ${reacted.errors.length} errors`);
    }
    m.cpu = cpuShares();
    memory[OURS]!.end = ours.memory();
    memory[BARE]!.end = bare.memory();
    for (const app of apps) {
      m.problems[app.name] = { before: problemsBefore.get(app.name) ?? 0, during: app.problems().slice(problemsBefore.get(app.name) ?? 0) };
    }
    return m;
  } finally {
    for (const app of apps) await app.stop();
    await emulator.stop();
  }
}

export const httpSection: Section = {
  name: "http",
  title: "HTTP load: our app vs a bare Bolt app, and our memory",
  async run(ctx): Promise<SectionReport> {
    buildOurApp();
    const dbDir = mkdtempSync(join(tmpdir(), "swf-bench-"));
    try {
      const m = await measure(ctx, dbDir);
      return { tables: tables(m), targets: targets(m), notes: notes(m) };
    } finally {
      rmSync(dbDir, { recursive: true, force: true });
    }
  },
};
