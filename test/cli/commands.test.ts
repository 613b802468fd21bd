import { describe, expect, it } from "vitest";
import { ASSESS_HELP, runAssess } from "../../src/cli/assess.js";
import { formatVerdict } from "../../src/cli/format-verdict.js";
import type { CliIo } from "../../src/cli/io.js";
import { SCHEMA_HELP } from "../../src/cli/schema.js";
import { CLI_HELP, runCli } from "../../src/cli.js";
import { decide } from "../../src/engine/decide.js";
import { makeAnswers } from "../engine/answers-factory.js";

// In-process: the same command functions the child-process tests run, for the cases not worth a spawn each.

function collector(stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin };
  return { io, out, err };
}

describe("runCli", () => {
  it.each([
    [["assess", "--help"], ASSESS_HELP],
    [["assess", "-h", "whatever.json"], ASSESS_HELP],
    [["schema", "--help"], SCHEMA_HELP],
    [["help"], CLI_HELP],
  ])("%j prints its help and exits 0", async (argv, help) => {
    const { io, out, err } = collector();
    expect(await runCli(argv, io)).toBe(0);
    expect(out).toEqual([help]);
    expect(err).toEqual([]);
  });

  it("the helps say what each command does", () => {
    expect(ASSESS_HELP).toMatch(/^Usage: cli assess \[--json\] FILE/);
    expect(ASSESS_HELP).toMatch(/standard input when FILE is "-"/);
    expect(ASSESS_HELP).toMatch(/Exit codes: 0 .*; 2 /);
    expect(SCHEMA_HELP).toMatch(/^Usage: cli schema\n\nPrints the JSON Schema/);
  });

  it.each<[string[], string[]]>([
    [[], []],
    [["asses"], ["unknown command: asses (try --help)"]],
    [["schema", "extra"], ["schema: unexpected argument extra"]],
    [["assess"], ["assess: give exactly one FILE (or - for standard input)"]],
    [["assess", "--json"], ["assess: give exactly one FILE (or - for standard input)"]],
    [["assess", "a.json", "b.json"], ["assess: give exactly one FILE (or - for standard input)"]],
    [["assess", "--yaml", "a.json"], ["assess: unknown option --yaml"]],
  ])("%j exits 2 with %j", async (argv, stderr) => {
    const { io, out, err } = collector();
    expect(await runCli(argv, io)).toBe(2);
    expect(err).toEqual(stderr);
    expect(out).toEqual(argv.length === 0 ? [CLI_HELP] : []);
  });
});

describe("runAssess", () => {
  it("names the whole answers when the JSON is not an object", async () => {
    const { io, err } = collector("[]");
    expect(await runAssess(["-"], io, "2026-06-01")).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^\(answers\): /)]);
  });

  it("adds the given day only when the answers name none", async () => {
    const answers = makeAnswers({
      baseModel: "gpt-4o-2024-08-06",
      candidateModel: undefined,
      candidateSizeB: undefined,
      mlopsCapacity: false,
    });
    for (const [asOf, today, expected] of [
      [undefined, "2026-06-01", "2026-06-01"],
      ["2027-02-01", "2026-06-01", "2027-02-01"],
    ] as const) {
      const { io, out } = collector(JSON.stringify({ ...answers, asOf }));
      expect(await runAssess(["--json", "-"], io, today)).toBe(0);
      expect(JSON.parse(out[0]!)).toEqual(decide({ ...answers, asOf: expected }));
    }
  });
});

describe("formatVerdict", () => {
  it("shows method, break-even with its flip point, and next steps as a checklist with done steps ticked", () => {
    const v = decide(
      makeAnswers({
        volume: { requestsPerMonth: 250_000, tokensPerRequest: 1000 },
        costs: { trainingUsd: 5000, currentUsdPerMTok: 10, fineTunedUsdPerMTok: 2 },
      }),
    );
    const text = formatVerdict(v);
    expect(text.split("\n")[0]).toBe(v.headline);
    expect(text).toContain("Fine-tune:      yes");
    expect(text).toContain("Work on next:   fine-tuning");
    expect(text).toContain("Method:         LoRA, on your own infrastructure");
    expect(text).toContain(
      "Break-even:     pays back in about 2.5 months: $5,000 of training, saving $2,000 a month at 250,000,000 tokens a month; pays back within six months above about 104,000 requests a month",
    );
    expect(text).toContain("  [x] Hold out a test set and never train on it.");
    expect(text).toContain(`  [ ] ${v.nextSteps.at(-1)}`);
    expect(text).not.toContain("Blockers:");
  });

  it("says never, and how much more it costs than it saves, without a minus sign", () => {
    const v = decide(
      makeAnswers({
        volume: { requestsPerMonth: 1000, tokensPerRequest: 1000 },
        costs: { trainingUsd: 5000, currentUsdPerMTok: 2, fineTunedUsdPerMTok: 1, hostingUsdPerMonth: 2 },
      }),
    );
    const text = formatVerdict(v);
    expect(text).toContain(
      "Break-even:     never at 1,000,000 tokens a month: it costs $1 a month more than it saves; pays back within six months above about 835,000 requests a month",
    );
    expect(text).not.toContain("-$");
  });

  it("lists blockers by title before the reasons, and every warning in full after them", () => {
    const v = decide(makeAnswers({ evals: { hasEvalSet: false }, data: { labeledExamples: 350 } }));
    const text = formatVerdict(v);
    expect(text).toMatch(/^Blockers:\n {2}- No eval set\n {2}- 350 examples: 500\+ recommended\n\nWhy:/m);
    expect(text).toMatch(/^Blockers in full:\n {2}- No eval set\. There is no eval set yet\./m);
  });
});
