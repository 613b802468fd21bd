import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DECISIONS_EXPORT_HELP, runDecisionsExport } from "../../src/cli/decisions-export.js";
import type { CliIo } from "../../src/cli/io.js";
import { decide } from "../../src/engine/decide.js";
import { insertDecision } from "../../src/store/decisions.js";
import { openDb } from "../../src/store/open-db.js";
import { validAnswers } from "../support/answers.js";
import { seedDecision } from "../support/seed.js";
import { runCli } from "./run-cli.js";

let dir: string;
let dbPath: string;

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => "" };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "swf-export-"));
  dbPath = join(dir, "app.db");
  const db = await openDb(dbPath);
  await seedDecision(db, { threadTs: "1.000100", requesterId: "UPRIYA" });
  await seedDecision(db, { threadTs: "2.000100" });
  await db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("cli decisions export", () => {
  it("prints the decision as an ADR in Markdown", async () => {
    const io = capture();
    expect(await runDecisionsExport(["12"], io, { DATABASE_PATH: dbPath })).toBe(1);
    expect(io.err.join("\n")).toBe("decisions export: there is no decision #12");

    const ok = capture();
    expect(await runDecisionsExport(["#1"], ok, { DATABASE_PATH: dbPath })).toBe(0);
    const md = ok.out.join("\n");
    expect(md).toMatch(/^# 1\. Ticket triage classifier\n/);
    expect(md).toContain("- Status: Proposed: in review, 0 of 2 approvals");
    expect(md).toContain("- Requested by: UPRIYA");
    expect(md).toContain("## Context");
    expect(md).toContain("## Decision");
    expect(md).toContain("## Consequences");
  });

  it("asks which workspace when a number exists in several, and takes --team", async () => {
    const db = await openDb(dbPath);
    await insertDecision(db, {
      teamId: "T2",
      channelId: "C9",
      requesterId: "UOTHER",
      answers: validAnswers({ title: "Other workspace" }),
      verdict: decide(validAnswers()),
      decidedOn: "2026-11-24",
      submissionKey: "t2",
    });
    await db.close();
    const both = capture();
    expect(await runDecisionsExport(["1"], both, { DATABASE_PATH: dbPath })).toBe(2);
    expect(both.err.join("\n")).toContain("#1 exists in several workspaces (T1, T2): pick one with --team");
    const picked = capture();
    expect(await runDecisionsExport(["1", "--team", "T2"], picked, { DATABASE_PATH: dbPath })).toBe(0);
    expect(picked.out.join("\n")).toMatch(/^# 1\. Other workspace/);
  });

  it("refuses bad arguments with one line, and explains itself", async () => {
    for (const args of [[], ["abc"], ["1", "2"], ["0"], ["99999999999999999999"], ["1", "--nope"]]) {
      const io = capture();
      expect(await runDecisionsExport(args, io, { DATABASE_PATH: dbPath })).toBe(2);
      expect(io.err).toHaveLength(1);
    }
    const help = capture();
    expect(await runDecisionsExport(["--help"], help, {})).toBe(0);
    expect(help.out.join("")).toBe(DECISIONS_EXPORT_HELP);
  });

  it("is reached from the command line as `decisions export`", async () => {
    const run = await runCli(["decisions", "nope"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown decisions command: nope (try "decisions export --help")');
    expect((await runCli(["--help"])).stdout).toContain("decisions export NUMBER");
  });
});
