import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Answers,
  CHANGE_FREQUENCIES,
  COMPLIANCE_KINDS,
  DATA_QUALITIES,
  GAP_KINDS,
  parseAnswers,
  TASK_KINDS,
  TECHNIQUES,
} from "../../src/engine/answers.js";
import { decide, PIPELINE_STEPS } from "../../src/engine/decide.js";
import { LADDER, WARNING_CODES } from "../../src/engine/verdict.js";
import { WARNING_SEVERITY, WARNING_TEXT } from "../../src/engine/warnings.js";
import { containsRun } from "./verdict-queries.js";

/** PROPERTY_RUNS=50000 for a longer hunt. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);

/** Mostly true: most generated teams have their prerequisites, so `yes` verdicts come up often enough to check. */
const mostly = fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.boolean(), weight: 1 });
/** Numbers that lean on the contract's boundaries, so edges come up often. */
const score = fc.oneof(
  fc.constantFrom(0, 50, 55, 70, 85, 100),
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
);
const examples = fc.oneof(
  fc.constantFrom(0, 199, 200, 499, 500, 999, 1000),
  fc.nat({ max: 50_000 }),
  fc.integer({ min: 500, max: 50_000 }),
);
const usd = fc.oneof(fc.constantFrom(0, 100, 5000), fc.double({ min: 0, max: 100_000, noNaN: true, noDefaultInfinity: true }));
const sizeB = fc.oneof(
  fc.constantFrom(0.5, 1, 7, 8, 13, 14, 30, 70),
  fc.double({ min: 0.01, max: 500, noNaN: true, noDefaultInfinity: true }),
);
const day = fc
  .date({ min: new Date("2025-01-01"), max: new Date("2028-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const modelId = fc.oneof(
  fc.constantFrom(
    "gpt-4o-2024-08-06",
    "gpt-4.1-mini",
    "o3-mini",
    "meta-llama/Llama-3.1-8B-Instruct",
    "Qwen/Qwen2.5-7B",
    "claude-3-5-sonnet",
    "openai/gpt-oss-20b",
  ),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
);

/** Arbitrary valid Answers, built from the enums answers.ts exports. */
const validAnswers: fc.Arbitrary<Answers> = fc.record(
  {
    title: fc.string({ minLength: 1, maxLength: 150 }).filter((s) => s.trim().length > 0),
    task: fc.constantFrom(...TASK_KINDS),
    gaps: fc.array(fc.constantFrom(...GAP_KINDS), { minLength: 1, maxLength: 4 }),
    tried: fc.oneof(fc.subarray([...TECHNIQUES]), fc.subarray([...TECHNIQUES], { minLength: TECHNIQUES.length - 2 })),
    evals: fc.record(
      {
        hasEvalSet: mostly,
        hasHeldOutTestSet: mostly,
        hasPromptedBaseline: mostly,
        baselineScore: score,
        targetScore: fc.oneof(score, fc.integer({ min: 80, max: 100 })),
      },
      { requiredKeys: ["hasEvalSet", "hasHeldOutTestSet", "hasPromptedBaseline"] },
    ),
    data: fc.record({ labeledExamples: examples, quality: fc.constantFrom(...DATA_QUALITIES), versioned: fc.boolean() }),
    volume: fc.record(
      {
        requestsPerMonth: fc.oneof(fc.constantFrom(0, 10_000, 1_000_000), fc.nat({ max: 10_000_000 })),
        tokensPerRequest: fc.oneof(fc.constantFrom(0, 1, 500, 1500), fc.nat({ max: 20_000 })),
      },
      { requiredKeys: ["requestsPerMonth"] },
    ),
    latencySensitive: fc.boolean(),
    compliance: fc.constantFrom(...COMPLIANCE_KINDS),
    taskChangeFrequency: fc.oneof(fc.constantFrom(...CHANGE_FREQUENCIES), fc.constantFrom("quarterly", "rarely")),
    tasksServed: fc.integer({ min: 1, max: 12 }),
    baseModel: modelId,
    candidateModel: modelId,
    candidateSizeB: sizeB,
    mlopsCapacity: fc.boolean(),
    costs: fc.record({ trainingUsd: usd, currentUsdPerMTok: usd, fineTunedUsdPerMTok: usd, hostingUsdPerMonth: usd }, { requiredKeys: [] }),
    asOf: day,
  },
  {
    requiredKeys: [
      "title",
      "task",
      "gaps",
      "tried",
      "evals",
      "data",
      "volume",
      "latencySensitive",
      "compliance",
      "taskChangeFrequency",
      "tasksServed",
      "baseModel",
      "mlopsCapacity",
    ],
  },
);

/** Generated answers as the engine receives them: through the parser (which trims strings). */
const parsedAnswers = validAnswers.map((raw) => {
  const parsed = parseAnswers(raw);
  if (!parsed.ok) throw new Error(`generator produced invalid answers: ${JSON.stringify(parsed.problems)}`);
  return parsed.answers;
});

const SEVERITY_RANK = { blocker: 0, warning: 1, info: 2 } as const;
const NOT_FINE_TUNING_GAPS = new Set<string>(["knowledge", "hallucination", "reasoning", "personality"]);

describe("decide on arbitrary valid answers", () => {
  it("every generated input is valid and round-trips through parseAnswers and JSON", () => {
    fc.assert(
      fc.property(validAnswers, (raw) => {
        const first = parseAnswers(raw);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(parseAnswers(first.answers)).toEqual(first);
        expect(parseAnswers(JSON.parse(JSON.stringify(first.answers)))).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });

  it("returns a well-formed verdict: known codes with their severity, a ladder rung, blockers first, no duplicates", () => {
    fc.assert(
      fc.property(parsedAnswers, (answers) => {
        const v = decide(answers);
        expect(LADDER).toContain(v.approach);
        const codes = v.warnings.map((w) => w.code);
        expect(new Set(codes).size).toBe(codes.length);
        for (const w of v.warnings) {
          expect(WARNING_CODES).toContain(w.code);
          expect(w.severity).toBe(WARNING_SEVERITY[w.code]);
          expect(w.message.startsWith(WARNING_TEXT[w.code])).toBe(true);
        }
        const ranks = v.warnings.map((w) => SEVERITY_RANK[w.severity]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(new Set(v.nextSteps).size).toBe(v.nextSteps.length);
        expect(v.headline).toContain(answers.title);
        expect(v.reasons.length).toBeGreaterThan(0);
        expect(v.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps the combination rules: yes without blockers, approach fine-tune exactly for yes, caps respected", () => {
    fc.assert(
      fc.property(parsedAnswers, (answers) => {
        const v = decide(answers);
        const codes = v.warnings.map((w) => w.code);
        const { evals, data } = answers;
        const targetMet = evals.baselineScore !== undefined && evals.targetScore !== undefined && evals.baselineScore >= evals.targetScore;

        if (v.fineTune === "yes") {
          expect(v.warnings.filter((w) => w.severity === "blocker")).toEqual([]);
          expect(codes).toContain("base-model-snapshot");
          expect(containsRun(v.nextSteps, PIPELINE_STEPS)).toBe(true);
        } else {
          expect(codes).not.toContain("base-model-snapshot");
        }
        expect(v.approach === "fine-tune").toBe(v.fineTune === "yes");
        expect(v.method === null).toBe(v.fineTune === "no");

        if (targetMet) {
          expect(v.fineTune).toBe("no");
          expect(codes).toEqual(["target-met"]);
          return;
        }
        if (!evals.hasEvalSet || !evals.hasHeldOutTestSet || !evals.hasPromptedBaseline || data.labeledExamples < 500) {
          expect(v.fineTune).not.toBe("yes");
        }
        if (answers.taskChangeFrequency === "weekly") expect(v.fineTune).toBe("no");
        if (answers.taskChangeFrequency === "monthly") expect(v.fineTune).not.toBe("yes");
        if (answers.gaps.every((g) => NOT_FINE_TUNING_GAPS.has(g))) expect(v.fineTune).toBe("no");
        if (answers.compliance === "self-host-required") {
          expect(codes).toContain("compliance-self-host");
          if (v.method) expect(v.method.hosting).toBe("self-hosted");
        }
        if (data.labeledExamples < 200) expect(codes).toContain("too-few-examples");
      }),
      { numRuns: RUNS },
    );
  });

  it("is deterministic and leaves its input alone", () => {
    fc.assert(
      fc.property(parsedAnswers, (answers) => {
        const before = structuredClone(answers);
        const first = decide(answers);
        expect(answers).toEqual(before);
        expect(decide(structuredClone(answers))).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });
});
