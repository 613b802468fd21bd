import type { Answers, Costs, Evals, TrainingData, Volume } from "../../src/engine/answers.js";

/**
 * Overrides for `makeAnswers`: top-level fields replace, nested objects (`evals`, `data`, `volume`, `costs`) merge
 * into the baseline's, and a field set to `undefined` is removed (so optional fields can be dropped).
 */
export type AnswersOverrides = Partial<Omit<Answers, "evals" | "data" | "volume" | "costs">> & {
  evals?: Partial<Evals>;
  data?: Partial<TrainingData>;
  volume?: Partial<Volume>;
  costs?: Partial<Costs> | undefined;
};

/**
 * A valid baseline that reaches `fineTune: yes` with only `base-model-snapshot`: a format gap whose cheaper techniques
 * were all tried, complete evals (baseline 70, target 85), 1,000 curated versioned examples, a stable single task,
 * an 8B open-weight candidate (outside the 1-7B forgetting band) and MLOps capacity. No token count or costs, so no
 * break-even and no low-volume warning unless a test adds them.
 */
export function baseAnswers(): Answers {
  return {
    title: "Invoice field extractor",
    task: "generation",
    gaps: ["format"],
    tried: ["prompt-engineering", "structured-output", "few-shot"],
    evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 70, targetScore: 85 },
    data: { labeledExamples: 1000, quality: "curated", versioned: true },
    volume: { requestsPerMonth: 100_000 },
    latencySensitive: false,
    compliance: "none",
    taskChangeFrequency: "quarterly",
    tasksServed: 1,
    baseModel: "meta-llama/Llama-3.1-70B-Instruct",
    candidateModel: "meta-llama/Llama-3.1-8B-Instruct",
    candidateSizeB: 8,
    mlopsCapacity: true,
  };
}

export function makeAnswers(overrides: AnswersOverrides = {}): Answers {
  const base = baseAnswers();
  const { evals, data, volume, costs, ...top } = overrides;
  const merged: Record<string, unknown> = {
    ...base,
    ...top,
    evals: { ...base.evals, ...evals },
    data: { ...base.data, ...data },
    volume: { ...base.volume, ...volume },
  };
  if ("costs" in overrides) merged.costs = costs === undefined ? undefined : { ...base.costs, ...costs };
  return withoutUndefined(merged) as Answers;
}

/** Costs for a break-even: `(current − fineTuned) × tokens / 1e6 − hosting` a month against `trainingUsd`. */
export function withBreakEven(
  tokensPerMonth: number,
  costs: Required<Pick<Costs, "trainingUsd" | "currentUsdPerMTok" | "fineTunedUsdPerMTok">> & Pick<Costs, "hostingUsdPerMonth">,
): AnswersOverrides {
  return { volume: { requestsPerMonth: tokensPerMonth / 1000, tokensPerRequest: 1000 }, costs };
}

/** The answers as plain JSON, for schema tests that break them on purpose. */
export function rawAnswers(overrides: AnswersOverrides = {}): Record<string, unknown> {
  return JSON.parse(JSON.stringify(makeAnswers(overrides))) as Record<string, unknown>;
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[key] = v !== null && typeof v === "object" && !Array.isArray(v) ? withoutUndefined(v as Record<string, unknown>) : v;
  }
  return out;
}
