import fc from "fast-check";
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

// Arbitrary valid answers for the property tests: the decision rules and the plain-words test walk the same ones.

/** PROPERTY_RUNS=50000 for a longer hunt. */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);

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
    "gpt-4.1-nano",
    "gpt-5",
    "claude-3-haiku-20240307",
    "gemini-2.5-flash",
    "gemini-3-pro-preview",
    "command-r-08-2024",
    "amazon.nova-lite-v1:0",
    "microsoft/phi-4",
    "mistral-large-latest",
  ),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
);

/** Arbitrary valid Answers, built from the enums answers.ts exports. */
export const validAnswers: fc.Arbitrary<Answers> = fc.record(
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
export const parsedAnswers = validAnswers.map((raw) => {
  const parsed = parseAnswers(raw);
  if (!parsed.ok) throw new Error(`generator produced invalid answers: ${JSON.stringify(parsed.problems)}`);
  return parsed.answers;
});
