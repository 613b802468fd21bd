// Deterministic, varied questionnaire answers for the engine benchmark: same seed, same answers, on every machine.
import {
  type Answers,
  CHANGE_FREQUENCIES,
  COMPLIANCE_KINDS,
  DATA_QUALITIES,
  GAP_KINDS,
  parseAnswers,
  TASK_KINDS,
  TECHNIQUES,
} from "../src/engine/answers.js";

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const BASE_MODELS = [
  "gpt-4o-2024-08-06",
  "gpt-4o-mini-2024-07-18",
  "claude-sonnet-4-5",
  "gemini-2.5-flash",
  "meta-llama/Llama-3.1-70B-Instruct",
  "mistralai/Mistral-7B-Instruct-v0.3",
];
const CANDIDATES: Array<[string, number]> = [
  ["meta-llama/Llama-3.1-8B-Instruct", 8],
  ["Qwen/Qwen2.5-3B-Instruct", 3],
  ["google/gemma-2-2b-it", 2],
  ["meta-llama/Llama-3.1-70B-Instruct", 70],
  ["gpt-4o-mini-2024-07-18", 8],
];
/** Gaps fine-tuning can close (docs/decision-rules.md#rule-3-gap-kinds). */
const FINE_TUNABLE_GAPS = ["format", "style", "domain-behavior", "latency-cost"] as const;
const AS_OF = ["2026-01-15", "2026-06-01", "2026-11-24", "2027-03-01"];

/** `count` answers, each checked with `parseAnswers` (a generator bug throws here, never inside a timed loop). */
export function generateAnswers(count: number, seed = 20261124): Answers[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  /** Log-uniform integer in [lo, hi]: spreads example counts and volumes across orders of magnitude. */
  const logInt = (lo: number, hi: number) => Math.round(Math.exp(Math.log(lo) + rnd() * (Math.log(hi) - Math.log(lo))));
  const subset = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => chance(p));

  const out: Answers[] = [];
  for (let i = 0; i < count; i += 1) {
    // About a third are teams that did their homework (evals, data, tried the cheaper rungs), so every verdict
    // (yes / not yet / no) and most rules show up; the rest are uniformly random.
    const prepared = chance(0.35);
    const gaps = prepared ? [pick(FINE_TUNABLE_GAPS), ...subset(FINE_TUNABLE_GAPS, 0.15)] : subset(GAP_KINDS, 0.2);
    const baselineScore = prepared || chance(0.8) ? int(20, 85) : undefined;
    const targetScore = prepared || chance(0.8) ? int(prepared ? 86 : 50, 99) : undefined;
    const candidate = chance(0.6) ? pick(CANDIDATES) : undefined;
    const raw = {
      title: `Generated decision ${i}`,
      task: pick(TASK_KINDS),
      gaps: [...new Set(gaps.length > 0 ? gaps : [pick(GAP_KINDS)])],
      tried: subset(TECHNIQUES, prepared ? 0.85 : 0.5),
      evals: {
        hasEvalSet: prepared || chance(0.8),
        hasHeldOutTestSet: prepared || chance(0.7),
        hasPromptedBaseline: prepared || chance(0.7),
        ...(baselineScore !== undefined ? { baselineScore } : {}),
        ...(targetScore !== undefined ? { targetScore } : {}),
      },
      data: {
        labeledExamples: prepared ? logInt(500, 200_000) : chance(0.1) ? 0 : logInt(10, 200_000),
        quality: prepared ? "curated" : pick(DATA_QUALITIES),
        versioned: prepared || chance(0.6),
      },
      volume: {
        requestsPerMonth: prepared ? logInt(100_000, 50_000_000) : logInt(100, 50_000_000),
        ...(prepared || chance(0.7) ? { tokensPerRequest: logInt(50, 8000) } : {}),
      },
      latencySensitive: chance(0.4),
      compliance: prepared ? "none" : pick(COMPLIANCE_KINDS),
      taskChangeFrequency: prepared ? pick(["quarterly", "rarely"] as const) : pick(CHANGE_FREQUENCIES),
      tasksServed: prepared || chance(0.7) ? 1 : int(2, 6),
      baseModel: pick(BASE_MODELS),
      ...(candidate ? { candidateModel: candidate[0], ...(chance(0.8) ? { candidateSizeB: candidate[1] } : {}) } : {}),
      mlopsCapacity: prepared || chance(0.6),
      ...(chance(0.5)
        ? {
            costs: {
              trainingUsd: logInt(100, 200_000),
              currentUsdPerMTok: int(1, 30),
              fineTunedUsdPerMTok: int(0, 10) / 2,
              ...(chance(0.5) ? { hostingUsdPerMonth: logInt(100, 20_000) } : {}),
            },
          }
        : {}),
      ...(chance(0.8) ? { asOf: pick(AS_OF) } : {}),
    };
    const parsed = parseAnswers(raw);
    if (!parsed.ok) {
      throw new Error(`generated answers #${i} are invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    }
    out.push(parsed.answers);
  }
  return out;
}
