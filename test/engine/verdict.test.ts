import { describe, expect, it } from "vitest";
import { cheaperRung, LADDER, type Rung, sortWarnings, strongerCap, strongerSeverity, type Warning } from "../../src/engine/verdict.js";

describe("the ladder", () => {
  it("runs cheapest first, from prompting to pretraining", () => {
    expect(LADDER).toEqual(["prompting", "few-shot", "rag", "tool-use", "fine-tune", "pretrain"]);
  });

  it.each<[Rung, Rung, Rung]>([
    ["prompting", "few-shot", "prompting"],
    ["rag", "few-shot", "few-shot"],
    ["tool-use", "rag", "rag"],
    ["pretrain", "fine-tune", "fine-tune"],
    ["rag", "rag", "rag"],
  ])("cheaperRung(%s, %s) is %s", (a, b, expected) => {
    expect(cheaperRung(a, b)).toBe(expected);
    expect(cheaperRung(b, a)).toBe(expected);
  });
});

describe("strongerCap: no beats not-yet beats yes", () => {
  it.each([
    ["yes", "yes", "yes"],
    ["yes", "not-yet", "not-yet"],
    ["not-yet", "no", "no"],
    ["yes", "no", "no"],
    ["not-yet", "not-yet", "not-yet"],
  ] as const)("strongerCap(%s, %s) is %s", (a, b, expected) => {
    expect(strongerCap(a, b)).toBe(expected);
    expect(strongerCap(b, a)).toBe(expected);
  });
});

describe("strongerSeverity: blocker beats warning beats info", () => {
  it.each([
    ["info", "warning", "warning"],
    ["blocker", "warning", "blocker"],
    ["info", "info", "info"],
  ] as const)("strongerSeverity(%s, %s) is %s", (a, b, expected) => {
    expect(strongerSeverity(a, b)).toBe(expected);
    expect(strongerSeverity(b, a)).toBe(expected);
  });
});

describe("sortWarnings", () => {
  const w = (code: Warning["code"], severity: Warning["severity"]): Warning => ({ code, severity, title: code, message: code });

  it("puts blockers first, then warnings, then info, stable within a severity", () => {
    const sorted = sortWarnings([
      w("base-model-snapshot", "info"),
      w("noisy-data", "warning"),
      w("no-evals", "blocker"),
      w("multiple-tasks", "warning"),
      w("too-few-examples", "blocker"),
      w("compliance-self-host", "info"),
    ]);
    expect(sorted.map((x) => x.code)).toEqual([
      "no-evals",
      "too-few-examples",
      "noisy-data",
      "multiple-tasks",
      "base-model-snapshot",
      "compliance-self-host",
    ]);
  });

  it("does not reorder its input", () => {
    const input = [w("noisy-data", "warning"), w("no-evals", "blocker")];
    sortWarnings(input);
    expect(input.map((x) => x.code)).toEqual(["noisy-data", "no-evals"]);
  });
});
