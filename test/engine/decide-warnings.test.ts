import { describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { type Severity, type Verdict, WARNING_CODES, type WarningCode } from "../../src/engine/verdict.js";
import { type AnswersOverrides, makeAnswers } from "./answers-factory.js";
import { codes, warningOf } from "./verdict-queries.js";

interface CodeCase {
  severity: Severity;
  /** Answers that raise the code. */
  fires: AnswersOverrides;
  /** The nearest answers that do not. */
  quiet: AnswersOverrides;
  /** What the code does to the verdict when it fires. */
  effect: (v: Verdict) => void;
}

const openAi: AnswersOverrides = {
  baseModel: "gpt-4.1-mini",
  candidateModel: undefined,
  candidateSizeB: undefined,
  mlopsCapacity: false,
  asOf: "2026-06-01",
};
const tokens = (n: number): AnswersOverrides => ({ volume: { requestsPerMonth: n, tokensPerRequest: 1 } });
const latency = (trainingUsd: number): AnswersOverrides => ({
  gaps: ["latency-cost"],
  tried: ["prompt-engineering", "prompt-caching"],
  ...tokens(250_000_000),
  costs: { trainingUsd, currentUsdPerMTok: 10, fineTunedUsdPerMTok: 2 },
});

const staysYes = (v: Verdict) => expect(v.fineTune).toBe("yes");
const notYet = (approach?: Verdict["approach"]) => (v: Verdict) => {
  expect(v.fineTune).toBe("not-yet");
  if (approach) expect(v.approach).toBe(approach);
};
const no = (approach?: Verdict["approach"]) => (v: Verdict) => {
  expect(v.fineTune).toBe("no");
  expect(v.method).toBeNull();
  if (approach) expect(v.approach).toBe(approach);
};
const withStep = (pattern: RegExp, effect: (v: Verdict) => void) => (v: Verdict) => {
  effect(v);
  expect(v.nextSteps.join("\n")).toMatch(pattern);
};

const CASES: Record<WarningCode, CodeCase> = {
  "target-met": {
    severity: "info",
    fires: { evals: { baselineScore: 85, targetScore: 85 } },
    quiet: { evals: { baselineScore: 84, targetScore: 85 } },
    effect: withStep(/^Ship the prompted system/, no("prompting")),
  },
  "no-evals": {
    severity: "blocker",
    fires: { evals: { hasEvalSet: false } },
    quiet: {},
    effect: withStep(/^Build an eval set/, notYet("fine-tune")),
  },
  "no-held-out-test-set": {
    severity: "blocker",
    fires: { evals: { hasHeldOutTestSet: false } },
    quiet: {},
    effect: withStep(/^Split off a held-out test set/, notYet("fine-tune")),
  },
  "no-prompted-baseline": {
    severity: "blocker",
    fires: { evals: { hasPromptedBaseline: false } },
    quiet: {},
    effect: withStep(/^Score the prompted system/, notYet("fine-tune")),
  },
  "too-few-examples": {
    severity: "blocker",
    fires: { data: { labeledExamples: 199 }, tried: ["prompt-engineering", "structured-output"] },
    quiet: { data: { labeledExamples: 200 } },
    effect: withStep(/worked examples to the prompt/, notYet("few-shot")),
  },
  "under-500-examples": {
    severity: "blocker",
    fires: { data: { labeledExamples: 499 } },
    quiet: { data: { labeledExamples: 500 } },
    effect: withStep(/synthetic data/, notYet()),
  },
  "noisy-data": {
    severity: "blocker",
    fires: { data: { quality: "noisy" } },
    quiet: { data: { quality: "mixed" } },
    effect: withStep(/^Clean the dataset/, notYet("fine-tune")),
  },
  "untried-prompting": {
    severity: "warning",
    fires: { tried: ["prompt-engineering", "few-shot"] },
    quiet: {},
    effect: withStep(/structured output/, notYet("prompting")),
  },
  "knowledge-use-rag": {
    severity: "warning",
    fires: { gaps: ["knowledge"] },
    quiet: { gaps: ["format"] },
    effect: withStep(/retrieval layer \(RAG\)/, no("rag")),
  },
  "hallucination-not-fixed-by-finetune": {
    severity: "warning",
    fires: { gaps: ["hallucination"], tried: ["rag"] },
    quiet: {},
    effect: withStep(/Give the model tools/, no("tool-use")),
  },
  "reasoning-not-fixed-by-finetune": {
    severity: "warning",
    fires: { gaps: ["reasoning"] },
    quiet: {},
    effect: withStep(/step-by-step reasoning/, no("prompting")),
  },
  "personality-use-prompting": {
    severity: "warning",
    fires: { gaps: ["personality"], tried: [] },
    quiet: { gaps: ["style"] },
    effect: withStep(/Iterate on the prompt/, no("prompting")),
  },
  "task-changes-often": {
    severity: "blocker",
    fires: { taskChangeFrequency: "weekly" },
    quiet: { taskChangeFrequency: "quarterly" },
    effect: no(),
  },
  "multiple-tasks": {
    severity: "blocker",
    fires: { tasksServed: 2 },
    quiet: { tasksServed: 1 },
    effect: withStep(/prompt on one strong model/, notYet("prompting")),
  },
  "catastrophic-forgetting-risk": {
    severity: "warning",
    fires: { candidateSizeB: 7 },
    quiet: { candidateSizeB: 8 },
    effect: (v) => {
      staysYes(v);
      expect(v.method?.technique).toBe("lora");
    },
  },
  "low-volume": {
    severity: "warning",
    fires: tokens(4_999_999),
    quiet: tokens(5_000_000),
    effect: staysYes,
  },
  "break-even-over-6-months": {
    severity: "warning",
    fires: latency(12_000),
    quiet: latency(11_999),
    effect: no("prompting"),
  },
  "no-mlops-capacity": {
    severity: "warning",
    fires: { mlopsCapacity: false },
    quiet: {},
    effect: (v) => {
      staysYes(v);
      expect(v.method?.hosting).toBe("provider-api");
    },
  },
  "data-not-versioned": {
    severity: "warning",
    fires: { data: { versioned: false } },
    quiet: {},
    effect: withStep(/^Version the dataset/, staysYes),
  },
  "base-model-snapshot": {
    severity: "info",
    fires: {},
    quiet: { data: { labeledExamples: 300 } },
    effect: withStep(/Plan re-tuning/, staysYes),
  },
  "compliance-self-host": {
    severity: "info",
    fires: { compliance: "self-host-required" },
    quiet: {},
    effect: (v) => {
      staysYes(v);
      expect(v.method?.hosting).toBe("self-hosted");
    },
  },
  "try-stronger-model": {
    severity: "blocker",
    fires: { evals: { baselineScore: 55, targetScore: 85 } },
    quiet: { evals: { baselineScore: 56, targetScore: 85 } },
    effect: withStep(/stronger base model/, notYet("prompting")),
  },
  "provider-finetune-closing": {
    severity: "warning",
    fires: openAi,
    quiet: { ...openAi, compliance: "self-host-required" },
    effect: withStep(/open-weight route/, staysYes),
  },
  "candidate-not-tunable": {
    severity: "blocker",
    fires: { candidateModel: "claude-sonnet-4-5", candidateSizeB: undefined },
    quiet: { candidateModel: "claude-3-haiku-20240307", candidateSizeB: undefined },
    effect: withStep(/^Pick an open-weight model to fine-tune/, notYet("fine-tune")),
  },
};

describe("every warning code of the contract", () => {
  it("has a case here", () => {
    expect(Object.keys(CASES).sort()).toEqual([...WARNING_CODES].sort());
  });

  it.each(WARNING_CODES.map((code) => [code, CASES[code]] as const))(
    "%s fires with its severity and effect, and stays quiet otherwise",
    (code, c) => {
      const fired = decide(makeAnswers(c.fires));
      expect(warningOf(fired, code).severity).toBe(c.severity);
      expect(warningOf(fired, code).title.length).toBeGreaterThan(0);
      c.effect(fired);
      expect(codes(decide(makeAnswers(c.quiet)))).not.toContain(code);
    },
  );

  it("a blocker never comes with yes", () => {
    for (const c of Object.values(CASES)) {
      const v = decide(makeAnswers(c.fires));
      if (v.warnings.some((w) => w.severity === "blocker")) expect(v.fineTune).not.toBe("yes");
    }
  });
});
