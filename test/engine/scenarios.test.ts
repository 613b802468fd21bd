import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Answers, parseAnswers } from "../../src/engine/answers.js";
import { decide } from "../../src/engine/decide.js";
import type { CostInput, FineTune, Rung, Verdict, WarningCode } from "../../src/engine/verdict.js";
import { wordingProblems } from "./plain-words.js";
import { codes } from "./verdict-queries.js";

// Realistic teams written from the four articles and from the findings of issue 8, one answers file each in
// test/fixtures/scenarios/. The articles decide each expectation, not the engine's output.

interface Expectation {
  fineTune: FineTune;
  approach?: Rung;
  hosting?: "provider-api" | "self-hosted";
  technique?: "lora" | "qlora";
  /** Codes that must be raised. */
  warnings?: WarningCode[];
  /** Codes that must be raised as blockers. */
  blockers?: WarningCode[];
  /** Codes that must not be raised. */
  absent?: WarningCode[];
  /** The exact set of codes. */
  onlyWarnings?: WarningCode[];
  headline?: string;
  firstStep?: string;
  /** Patterns some reviewer-facing text must match, and ones none may. */
  mentions?: string[];
  absentMentions?: string[];
  snapshotNames?: string;
  breakEvenMonths?: number;
  requestsPerMonthFor6MonthPayback?: number;
  costInputsMissing?: CostInput[];
}

interface Scenario {
  source: string;
  story: string;
  answers: Answers;
  expect: Expectation;
}

const DIR = new URL("../fixtures/scenarios/", import.meta.url);

function load(file: string): [string, Scenario] {
  const raw = JSON.parse(readFileSync(new URL(file, DIR), "utf8")) as Scenario;
  const parsed = parseAnswers(raw.answers);
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  return [file.replace(/\.json$/, ""), { ...raw, answers: parsed.answers }];
}

const SCENARIOS = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map(load);

function allText(v: Verdict): string[] {
  return [v.headline, ...v.warnings.flatMap((w) => [w.title, w.message]), ...v.reasons.map((r) => r.text), ...v.steps.map((s) => s.text)];
}

describe("scenarios from the articles and the issue 8 findings", () => {
  it("are at least 30, each with a source and a story", () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
    for (const [, s] of SCENARIOS) {
      expect(s.source.length).toBeGreaterThan(5);
      expect(s.story.length).toBeGreaterThan(5);
    }
  });

  it.each(SCENARIOS)("%s", (_name, { answers, expect: e }) => {
    const v = decide(answers);
    const found = codes(v);
    expect(v.fineTune).toBe(e.fineTune);
    if (e.approach) expect(v.approach).toBe(e.approach);
    if (e.hosting) expect(v.method?.hosting).toBe(e.hosting);
    if (e.technique) expect(v.method?.technique).toBe(e.technique);
    for (const code of e.warnings ?? []) expect(found, `expected ${code}`).toContain(code);
    for (const code of e.blockers ?? [])
      expect(v.warnings.find((w) => w.code === code)?.severity, `expected ${code} as a blocker`).toBe("blocker");
    for (const code of e.absent ?? []) expect(found).not.toContain(code);
    if (e.onlyWarnings) expect([...found].sort()).toEqual([...e.onlyWarnings].sort());
    if (e.headline) expect(v.headline).toMatch(new RegExp(e.headline));
    if (e.firstStep) expect(v.nextSteps[0]).toMatch(new RegExp(e.firstStep));
    const text = allText(v);
    for (const pattern of e.mentions ?? [])
      expect(
        text.some((t) => new RegExp(pattern).test(t)),
        `expected a text matching ${pattern}`,
      ).toBe(true);
    for (const pattern of e.absentMentions ?? []) expect(text.filter((t) => new RegExp(pattern).test(t))).toEqual([]);
    if (e.snapshotNames) {
      const snapshot = v.warnings.find((w) => w.code === "base-model-snapshot");
      expect(snapshot?.message).toContain(e.snapshotNames);
      expect(snapshot?.message).not.toContain(answers.baseModel);
    }
    if (e.breakEvenMonths !== undefined) expect(v.breakEven?.months).toBe(e.breakEvenMonths);
    if (e.requestsPerMonthFor6MonthPayback !== undefined) {
      expect(v.breakEven?.requestsPerMonthFor6MonthPayback).toBe(e.requestsPerMonthFor6MonthPayback);
    }
    if (e.costInputsMissing) expect(v.costInputsMissing).toEqual(e.costInputsMissing);
    if (v.fineTune === "yes") expect(v.warnings.filter((w) => w.severity === "blocker")).toEqual([]);
    expect(wordingProblems(v, answers)).toEqual([]);
  });
});
