import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHECK_MODELS_HELP, runCheckModels } from "../../src/cli/check-models.js";
import type { CliIo } from "../../src/cli/io.js";
import { openDb } from "../../src/store/open-db.js";
import { SlackEmulator } from "../emulator/slack-emulator.js";
import { seedDecision } from "../support/seed.js";
import { runCli } from "./run-cli.js";

let dir: string;
let dbPath: string;
let emulator: SlackEmulator;

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => "" };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "swf-check-"));
  dbPath = join(dir, "app.db");
  emulator = await SlackEmulator.start();
  emulator.addChannel({ id: "C1", name: "ml", members: [emulator.botUserId] });
  const db = await openDb(dbPath);
  const thread = emulator.addMessage({ channel: "C1", user: emulator.botUserId, text: "verdict" });
  for (const baseModel of ["gpt-4o-2024-05-13", "gpt-4o-2024-11-20"]) {
    await seedDecision(db, { baseModel, threadTs: thread.ts, decidedOn: "2024-06-01" });
  }
  await db.close();
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_PATH: dbPath,
  MODEL_SOURCES: "bundled",
  MODEL_MIN_AGE_DAYS: "3",
  ...extra,
});

describe("cli check-models", () => {
  it("--dry-run prints what it would post and posts nothing", async () => {
    const io = capture();
    expect(await runCheckModels(["--dry-run"], io, env())).toBe(0);
    expect(io.out[0]).toMatch(
      /^would post: decision #1 \(gpt-4o-2024-05-13\): newer gpt-4o-2024-08-06 \(2024-08-06\), gpt-4o-2024-11-20 \(2024-11-20\)/,
    );
    expect(io.out.at(-1)).toContain("2 decisions, 2 models");
    expect(emulator.calls).toEqual([]);
  });

  it("posts one reply per decision, and nothing on the next run", async () => {
    const io = capture();
    const slack = { SLACK_BOT_TOKEN: emulator.botToken, SLACK_API_URL: emulator.apiUrl };
    expect(await runCheckModels([], io, env(slack))).toBe(0);
    expect(io.out.filter((l) => l.startsWith("posted:"))).toHaveLength(1);
    expect(emulator.callsTo("chat.postMessage")).toHaveLength(1);
    const again = capture();
    expect(await runCheckModels([], again, env(slack))).toBe(0);
    expect(again.out.at(-1)).toContain("0 notices posted");
    expect(emulator.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it.each([
    [["--bogus"], env(), /unknown option/i],
    [[], env(), /SLACK_BOT_TOKEN: is required/],
    [["--dry-run"], env({ MODEL_SOURCES: "bundled,nope" }), /MODEL_SOURCES: unknown source nope/],
    [["--dry-run"], env({ MODEL_MIN_AGE_DAYS: "-1" }), /MODEL_MIN_AGE_DAYS/],
    [["--dry-run"], env({ MODEL_WATCH_POLICY: "loose" }), /MODEL_WATCH_POLICY: unknown loose/],
  ])("rejects bad input %j with exit 2, one line per problem", async (args, environment, message) => {
    const io = capture();
    expect(await runCheckModels(args, io, environment)).toBe(2);
    expect(io.err.join("\n")).toMatch(message);
  });

  it("follows MODEL_WATCH_POLICY", async () => {
    const io = capture();
    expect(await runCheckModels(["--dry-run"], io, env({ MODEL_WATCH_POLICY: "product-line" }))).toBe(0);
    expect(io.out.join("\n")).toMatch(/decision #2 \(gpt-4o-2024-11-20\): newer .*gpt-4\.1/);
  });

  it("is a command of the command line", async () => {
    const run = await runCli(["check-models", "--help"]);
    expect(run).toEqual({ code: 0, stdout: `${CHECK_MODELS_HELP}\n`, stderr: "" });
  });
});
