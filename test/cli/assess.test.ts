import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAnswers } from "../../src/engine/answers.js";
import { decide } from "../../src/engine/decide.js";
import { makeAnswers } from "../engine/answers-factory.js";
import { runCli, todayUtc } from "./run-cli.js";

// The command line end to end (arguments, files, standard input and output, exit codes), in-process; argument edge
// cases live in commands.test.ts, the real process in cli-process.test.ts.

function decideText(text: string, asOf?: string) {
  const parsed = parseAnswers(JSON.parse(text));
  if (!parsed.ok) throw new Error("invalid answers");
  return decide(asOf && !parsed.answers.asOf ? { ...parsed.answers, asOf } : parsed.answers);
}

describe("cli assess", () => {
  it("prints the answer first, blockers as short titles, then reasons and next steps, and exits 0", async () => {
    const run = await runCli(["assess", "test/fixtures/answers/no-evals.json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const text = readFileSync(new URL("../fixtures/answers/no-evals.json", import.meta.url), "utf8");
    expect(run.stdout.split("\n")[0]).toBe(decideText(text).headline);
    expect(run.stdout.split("\n")[0]).toMatch(/^Not yet: first build an eval set/);
    expect(run.stdout).toContain("Fine-tune:      not yet");
    expect(run.stdout).toContain("Work on next:   the prompt");
    expect(run.stdout).toMatch(/^Blockers:\n {2}- No eval set\n {2}- No held-out test set\n/m);
    expect(run.stdout).toMatch(/^Why:\n {2}- Evals come first/m);
    expect(run.stdout.indexOf("Blockers:")).toBeLessThan(run.stdout.indexOf("Why:"));
    expect(run.stdout).toMatch(/^Next steps:\n {2}\[ \] Build an eval set/m);
    expect(run.stdout).not.toMatch(/no-evals|\(2 evals first\)|\[blocker\]/);
    expect(run.stdout).toMatch(/\nengine 2\.0\.0\n$/);
  });

  it("--json on standard input prints only the verdict, equal to decide() as of today", async () => {
    const text = JSON.stringify(
      makeAnswers({ baseModel: "gpt-4o-2024-08-06", candidateModel: undefined, candidateSizeB: undefined, mlopsCapacity: false }),
    );
    const before = todayUtc();
    const run = await runCli(["assess", "--json", "-"], text);
    const after = todayUtc();
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const verdict = JSON.parse(run.stdout) as { warnings: Array<{ code: string; message: string }> };
    expect([decideText(text, before), decideText(text, after)]).toContainEqual(verdict);
    // The CLI supplies the day, so the dated provider facts speak of it.
    expect(verdict.warnings.find((w) => w.code === "provider-finetune-closing")?.message).toMatch(/\d{1,2} [A-Z][a-z]{2} 20\d\d/);
  });

  it("rejects invalid answers with exit 2 and one stderr line per problem, naming each field", async () => {
    const answers = JSON.parse(readFileSync(new URL("../fixtures/answers/ticket-triage.json", import.meta.url), "utf8")) as Record<
      string,
      unknown
    >;
    const run = await runCli(
      ["assess", "-"],
      JSON.stringify({
        ...answers,
        task: "poetry",
        colour: "blue",
        data: { ...(answers.data as object), labeledExamples: -5 },
        evals: { ...(answers.evals as object), baselineScore: 140 },
      }),
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.map((l) => l.slice(0, l.indexOf(":"))).sort()).toEqual(["colour", "data.labeledExamples", "evals.baselineScore", "task"]);
    expect(lines).toContain("colour: is not a known field");
  });

  it("reports an unreadable file with exit 2 and one clear line", async () => {
    const run = await runCli(["assess", "test/fixtures/answers/does-not-exist.json"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "assess: cannot read test/fixtures/answers/does-not-exist.json: ENOENT\n" });
  });

  it("reports bad JSON with exit 2 and one clear line", async () => {
    const run = await runCli(["assess", "-"], '{"title": "Triage",');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^assess: standard input is not valid JSON: [^\n]+\n$/);
  });
});
