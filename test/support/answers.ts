import type { Answers } from "../../src/engine/answers.js";

/** A complete, valid set of answers that reaches `yes`; override what a test is about. */
export function validAnswers(overrides: Partial<Answers> = {}): Answers {
  return {
    title: "Ticket triage classifier",
    task: "classification",
    gaps: ["format"],
    tried: ["prompt-engineering", "structured-output", "few-shot"],
    evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 80, targetScore: 90 },
    data: { labeledExamples: 2000, quality: "curated", versioned: true },
    volume: { requestsPerMonth: 1_000_000, tokensPerRequest: 800 },
    latencySensitive: false,
    compliance: "none",
    taskChangeFrequency: "quarterly",
    tasksServed: 1,
    baseModel: "gpt-4o-2024-08-06",
    mlopsCapacity: true,
    asOf: "2026-11-24",
    ...overrides,
  };
}
