import { describe, expect, it } from "vitest";
import { describeVerdictChanges } from "../../src/engine/compare-verdicts.js";
import { decide } from "../../src/engine/decide.js";
import { validAnswers } from "../support/answers.js";

const assess = (overrides: Parameters<typeof validAnswers>[0] = {}) => {
  const answers = validAnswers(overrides);
  return { answers, verdict: decide(answers) };
};

describe("describeVerdictChanges", () => {
  it("names changed answers, the verdict, the next rung and warnings that came or went", () => {
    const before = assess();
    const after = assess({ baseModel: "gpt-4o-2024-11-20", data: { labeledExamples: 300, quality: "curated", versioned: true } });
    const lines = describeVerdictChanges(before, after);
    expect(lines).toContain("baseModel: gpt-4o-2024-08-06 → gpt-4o-2024-11-20");
    expect(lines).toContain("data.labeledExamples: 2000 → 300");
    expect(lines).toContain("fine-tune: yes → not-yet");
    expect(lines.some((l) => l.startsWith("new warnings:") && l.includes("under-500-examples"))).toBe(true);
    expect(lines.some((l) => l.startsWith("warnings gone:") && l.includes("base-model-snapshot"))).toBe(true);
  });

  it("says so when nothing changed, ignoring the decision date", () => {
    expect(describeVerdictChanges(assess(), assess({ asOf: "2027-02-01" }))).toEqual(["nothing changed: same answers, same verdict"]);
  });

  it("shows a field that appeared or disappeared", () => {
    const lines = describeVerdictChanges(assess(), assess({ candidateModel: "meta-llama/Llama-3.1-8B-Instruct" }));
    expect(lines).toContain("candidateModel: (not given) → meta-llama/Llama-3.1-8B-Instruct");
  });
});
