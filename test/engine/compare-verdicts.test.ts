import { describe, expect, it } from "vitest";
import { describeVerdictChanges, reassess, type StoredVerdict } from "../../src/engine/compare-verdicts.js";
import { decide } from "../../src/engine/decide.js";
import { validAnswers } from "../support/answers.js";

const assess = (overrides: Parameters<typeof validAnswers>[0] = {}) => {
  const answers = validAnswers(overrides);
  return { answers, verdict: decide(answers) };
};

describe("describeVerdictChanges", () => {
  it("names changed answers, the verdict, the next rung and warnings that came or went, by title", () => {
    const before = assess();
    const after = assess({ baseModel: "gpt-4o-2024-11-20", data: { labeledExamples: 300, quality: "curated", versioned: true } });
    const lines = describeVerdictChanges(before, after);
    expect(lines).toContain("baseModel: gpt-4o-2024-08-06 → gpt-4o-2024-11-20");
    expect(lines).toContain("data.labeledExamples: 2000 → 300");
    expect(lines).toContain("fine-tune: yes → not-yet");
    expect(lines.some((l) => l.startsWith("new warnings:") && l.includes("300 examples: 500+ recommended"))).toBe(true);
    expect(lines.some((l) => l.startsWith("warnings gone:") && l.includes("Plan re-tuning for new base versions"))).toBe(true);
  });

  it("names the rung to work on in words", () => {
    const lines = describeVerdictChanges(assess(), assess({ gaps: ["knowledge"] }));
    expect(lines).toContain("work on next: fine-tuning → retrieval (RAG)");
  });

  it("says so when nothing changed, ignoring the decision date", () => {
    expect(describeVerdictChanges(assess(), assess({ asOf: "2026-12-01" }))).toEqual(["nothing changed: same answers, same verdict"]);
  });

  it("shows a field that appeared or disappeared", () => {
    const lines = describeVerdictChanges(assess(), assess({ candidateModel: "meta-llama/Llama-3.1-8B-Instruct" }));
    expect(lines).toContain("candidateModel: (not given) → meta-llama/Llama-3.1-8B-Instruct");
  });
});

/** A verdict as engine 1.1.0 stored it: an OpenAI fine-tune said yes, with codes and no titles. */
const ENGINE_1: StoredVerdict = {
  fineTune: "yes",
  approach: "fine-tune",
  engineVersion: "1.1.0",
  warnings: [
    { code: "provider-finetune-closing", severity: "warning" },
    { code: "base-model-snapshot", severity: "info" },
  ],
};

describe("reassess: would today's engine decide a stored decision differently", () => {
  it("says nothing when today's engine decides the same", () => {
    const { answers, verdict } = assess();
    expect(reassess({ answers, verdict })).toBeNull();
    expect(reassess({ answers, verdict: ENGINE_1 }, "2026-11-24")).toBeNull();
  });

  it("describes a changed answer and the new blocker in plain words, as of the day given", () => {
    const change = reassess({ answers: validAnswers(), verdict: ENGINE_1 }, "2027-02-01");
    expect(change?.today.fineTune).toBe("not-yet");
    expect(change?.summary).toBe("not yet rather than yes; now blocking: OpenAI fine-tuning closed on 6 Jan 2027");
  });

  it("names warnings the stored verdict did not have, by their titles", () => {
    const answers = validAnswers({ data: { labeledExamples: 150, quality: "curated", versioned: true } });
    const change = reassess({ answers, verdict: ENGINE_1 });
    expect(change?.summary).toBe(
      "not yet rather than yes; new: Only 150 examples: too few to fine-tune and 150 examples: 500+ recommended",
    );
  });

  it("names a different rung to work on", () => {
    const answers = validAnswers({ tasksServed: 4 });
    expect(reassess({ answers, verdict: ENGINE_1 })?.summary).toMatch(
      /^not yet rather than yes; work on the prompt rather than fine-tuning; new: One model, 4 tasks/,
    );
  });

  it("gives up quietly on stored answers today's schema rejects", () => {
    expect(reassess({ answers: { title: "old shape" }, verdict: ENGINE_1 })).toBeNull();
  });

  it("is pure: the stored decision is left as it was", () => {
    const stored = { answers: validAnswers(), verdict: structuredClone(ENGINE_1) };
    const copy = structuredClone(stored);
    reassess(stored, "2027-02-01");
    expect(stored).toEqual(copy);
  });
});
