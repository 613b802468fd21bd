import { execFile } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../cli/run-cli.js";
import { SlackDriver } from "../emulator/slack-driver.js";
import { SlackEmulator } from "../emulator/slack-emulator.js";
import { POSTGRES_SUITE_RUNS, startThrowawayPostgres } from "../postgres/postgres-suite.js";
import { type AppProcess, startAppProcess } from "../support/app-process.js";
import { CHANNEL, REQUESTER, SIGNING_SECRET } from "../support/harness.js";

// The steps the Dockerfile runs (scripts/production-build.sh: compile, copy, `npm ci --omit=dev`), run into a temporary
// directory, and the result started as the image starts it (`node dist/main.js`, V8 flags from the Dockerfile), against
// the Slack emulator. Minutes of work (better-sqlite3 is compiled), so `npm test` skips it unless asked; CI asks.

const RUN = process.env.SWF_PRODUCTION_STEPS === "1";
const run = promisify(execFile);

if (!RUN) {
  describe("the production steps (Dockerfile)", () => {
    it.skip("skipped: set SWF_PRODUCTION_STEPS=1 to run the production build and start its output (takes minutes)", () => {});
  });
  console.log("production-steps.test.ts skipped: set SWF_PRODUCTION_STEPS=1 to run the production build (minutes); CI runs it.");
}

/** `NODE_OPTIONS` as the Dockerfile sets it. */
function dockerNodeOptions(): string {
  const dockerfile = readFileSync(join(REPO_ROOT, "Dockerfile"), "utf8");
  return /NODE_OPTIONS=(\S+)/.exec(dockerfile)?.[1] ?? "";
}

describe.runIf(RUN)("the production steps (scripts/production-build.sh, as the Dockerfile runs them)", () => {
  let out: string;
  let emulator: SlackEmulator;
  const running: AppProcess[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "swf-production-"));
    await run(join(REPO_ROOT, "scripts/production-build.sh"), [out], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
    emulator = await SlackEmulator.start();
    emulator.addUser({ id: REQUESTER, name: "requester" });
    emulator.addChannel({ id: CHANNEL, name: "ml-decisions", members: [emulator.botUserId, REQUESTER] });
  }, 20 * 60_000);
  afterAll(async () => {
    for (const app of running) await app.kill("SIGKILL");
    await emulator?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const env = (name: string) => ({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    PORT: "0",
    DATABASE_PATH: join(out, "data", `${name}.db`),
    MODEL_SOURCES: "bundled",
    NODE_OPTIONS: dockerNodeOptions(),
  });

  it("holds compiled code, migrations and production dependencies only", () => {
    expect(existsSync(join(out, "dist", "main.js"))).toBe(true);
    expect(existsSync(join(out, "dist", "watcher", "catalog", "models-dev-api.json"))).toBe(true);
    expect(existsSync(join(out, "db", "migrations", "meta", "_journal.json"))).toBe(true);
    expect(existsSync(join(out, "db", "migrations-pg", "meta", "_journal.json"))).toBe(true);
    expect(existsSync(join(out, "src"))).toBe(false);
    for (const dev of ["tsx", "typescript", "vitest", "drizzle-kit", "@biomejs/biome", "@electric-sql/pglite"]) {
      expect(existsSync(join(out, "node_modules", dev)), dev).toBe(false);
    }
  });

  it("dist/main.js migrates a new database, answers a signed command, serves health and metrics, and stops on SIGTERM", async () => {
    const app = await startAppProcess(env("main"), 60_000, { command: process.execPath, args: ["dist/main.js"], cwd: out });
    running.push(app);
    const driver = new SlackDriver({ emulator, appUrl: `http://127.0.0.1:${app.port}`, signingSecret: SIGNING_SECRET });
    const command = await driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
    expect(command.status).toBe(200);
    const opened = await emulator.waitForCall("views.open", (c) => c.args.trigger_id === command.triggerId, 30_000);
    expect(opened.response.ok).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${app.port}/healthz`)).text()).toBe("ok");
    expect((await fetch(`http://127.0.0.1:${app.port}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text();
    expect(metrics).toContain('swf_slack_api_call_duration_seconds_count{method="views.open",outcome="ok"} 1');
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m);
    const exit = once(app.child, "exit");
    app.child.kill("SIGTERM");
    expect((await exit)[0]).toBe(0);
  });

  it.runIf(POSTGRES_SUITE_RUNS)("dist/main.js migrates a new PostgreSQL database and answers a signed command", async () => {
    const server = await startThrowawayPostgres();
    try {
      const databaseUrl = await server.createDatabase("production");
      const launch = { command: process.execPath, args: ["dist/main.js"], cwd: out };
      const app = await startAppProcess({ ...env("unused"), DATABASE_URL: databaseUrl }, 60_000, launch);
      running.push(app);
      expect(app.output()).toContain("PostgreSQL; posting to Slack");
      const driver = new SlackDriver({ emulator, appUrl: `http://127.0.0.1:${app.port}`, signingSecret: SIGNING_SECRET });
      const command = await driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
      expect(command.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${app.port}/readyz`)).status).toBe(200);
      await app.kill("SIGTERM");
    } finally {
      await server.stop();
    }
  });

  it("dist/cli.js reads the bundled catalog from dist/", async () => {
    const { stdout } = await run(process.execPath, ["dist/cli.js", "models", "newer", "gpt-4o-2024-05-13", "--json"], { cwd: out });
    expect(JSON.parse(stdout).newer.length).toBeGreaterThan(0);
  });

  it("npm start hands SIGTERM to node: it stops, and no process is left behind", async () => {
    const app = await startAppProcess(env("npm"), 60_000, { command: "npm", args: ["start"], cwd: out });
    running.push(app);
    const pid = Number((await app.waitForOutput(/"pid":(\d+)/))[1]);
    expect(pid).not.toBe(app.child.pid);
    const exit = once(app.child, "exit");
    app.child.kill("SIGTERM");
    await exit;
    await app.waitForOutput(/"msg":"stopped"/);
    expect(alive(pid)).toBe(false);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
