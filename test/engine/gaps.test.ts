import { describe, expect, it } from "vitest";
import type { GapKind, Technique } from "../../src/engine/answers.js";
import { computeBreakEven } from "../../src/engine/break-even.js";
import { contextOf } from "../../src/engine/findings.js";
import { cheapestRung, type GapJudgement, judgeGaps } from "../../src/engine/gaps.js";
import { TECHNIQUE_NAME } from "../../src/engine/words.js";
import { type AnswersOverrides, makeAnswers } from "./answers-factory.js";

function judge(overrides: AnswersOverrides): GapJudgement[] {
  const answers = makeAnswers(overrides);
  return judgeGaps(contextOf(answers, computeBreakEven(answers)));
}

function only(overrides: AnswersOverrides): GapJudgement {
  const judgements = judge(overrides);
  expect(judgements).toHaveLength(1);
  return judgements[0]!;
}

const codesOf = (j: GapJudgement) => j.warnings.map((w) => w.code);

/** Costs whose break-even is 2.5 months at 250M tokens a month: $5,000 ÷ ($8/MTok × 250). */
const payingBack: AnswersOverrides = {
  volume: { requestsPerMonth: 250_000, tokensPerRequest: 1000 },
  costs: { trainingUsd: 5000, currentUsdPerMTok: 10, fineTunedUsdPerMTok: 2 },
};
/** The same costs at 10M tokens a month: $80 saved, 62.5 months. */
const slowPayBack: AnswersOverrides = { ...payingBack, volume: { requestsPerMonth: 10_000, tokensPerRequest: 1000 } };

describe("rule 3: gaps fine-tuning does not fix", () => {
  it.each<[string, AnswersOverrides, GapJudgement["rung"], string]>([
    ["knowledge, RAG untried → rag", { gaps: ["knowledge"] }, "rag", "knowledge-use-rag"],
    ["knowledge, RAG tried → better retrieval, never pretraining", { gaps: ["knowledge"], tried: ["rag"] }, "rag", "knowledge-use-rag"],
    ["hallucination, RAG untried → rag", { gaps: ["hallucination"], tried: [] }, "rag", "hallucination-not-fixed-by-finetune"],
    ["hallucination, RAG tried → tool use", { gaps: ["hallucination"], tried: ["rag"] }, "tool-use", "hallucination-not-fixed-by-finetune"],
    [
      "hallucination, both tried → tool use (validate)",
      { gaps: ["hallucination"], tried: ["rag", "tool-use"] },
      "tool-use",
      "hallucination-not-fixed-by-finetune",
    ],
    ["reasoning → prompting", { gaps: ["reasoning"] }, "prompting", "reasoning-not-fixed-by-finetune"],
    ["personality, prompt untried → prompting", { gaps: ["personality"], tried: [] }, "prompting", "personality-use-prompting"],
    [
      "personality, prompt tried → few-shot",
      { gaps: ["personality"], tried: ["prompt-engineering"] },
      "few-shot",
      "personality-use-prompting",
    ],
  ])("%s", (_, overrides, rung, code) => {
    const j = only(overrides);
    expect(j.verdict).toBe("no");
    expect(j.rung).toBe(rung);
    expect(codesOf(j)).toEqual([code]);
    expect(j.steps.length).toBeGreaterThan(0);
  });

  it("knowledge with RAG tried names continued pretraining on a very large corpus, almost never right for product teams", () => {
    const j = only({ gaps: ["knowledge"], tried: ["rag"] });
    expect(j.reasons.map((r) => r.text).join(" ")).toMatch(
      /continued pretraining on a very large domain corpus.*almost never right for a product team/,
    );
    expect(j.steps[0]).toMatch(/^Improve retrieval/);
  });

  it("reasoning suggests step-by-step reasoning and a stronger model until both are tried", () => {
    expect(only({ gaps: ["reasoning"], tried: [] }).steps.join(" ")).toMatch(/step-by-step reasoning.*stronger base model/);
    expect(only({ gaps: ["reasoning"], tried: ["chain-of-thought"] }).steps.join(" ")).not.toMatch(/step-by-step/);
  });
});

describe("rule 3: none and not-measured", () => {
  it.each<GapKind>(["none", "not-measured"])("%s without scores: not yet at best, left to rule 2 to ask for the measurement", (gap) => {
    const j = only({ gaps: [gap], evals: { baselineScore: undefined, targetScore: undefined } });
    expect(j).toMatchObject({ verdict: "not-yet", rung: "prompting", warnings: [], steps: [] });
  });

  it.each<GapKind>(["none", "not-measured"])("%s with a measured shortfall asks to name the gap, without a warning", (gap) => {
    const j = only({ gaps: [gap] });
    expect(j).toMatchObject({ verdict: "not-yet", rung: "prompting", warnings: [], todo: "name what falls short" });
  });

  it("is set aside beside a named gap once the shortfall is measured", () => {
    expect(judge({ gaps: ["none", "format"] }).map((j) => j.gap)).toEqual(["format"]);
  });
});

describe("rules 3 and 4: behaviour gaps are fine-tuning candidates once cheaper rungs are tried", () => {
  /** Rule 4's table: techniques that address each candidate gap (prompt engineering addresses any). */
  const ADDRESSES: Array<[GapKind, Technique[]]> = [
    ["format", ["prompt-engineering", "structured-output", "few-shot"]],
    ["style", ["prompt-engineering", "few-shot"]],
    ["domain-behavior", ["prompt-engineering", "few-shot", "rag"]],
  ];

  it.each(ADDRESSES)("%s with %j all tried is yes", (gap, techniques) => {
    expect(only({ gaps: [gap], tried: techniques })).toMatchObject({ gap, verdict: "yes", rung: "fine-tune", warnings: [], steps: [] });
  });

  it.each(ADDRESSES.flatMap(([gap, techniques]) => techniques.map((t) => [gap, t, techniques.filter((x) => x !== t)] as const)))(
    "%s with %s untried is not-yet, names it and works on its rung",
    (gap, untried, tried) => {
      const j = only({ gaps: [gap], tried: [...tried] });
      expect(j.verdict).toBe("not-yet");
      expect(j.rung).toBe(cheapestRung([untried]));
      expect(j.warnings).toEqual([
        expect.objectContaining({ code: "untried-prompting", detail: expect.stringContaining(TECHNIQUE_NAME[untried]) }),
      ]);
      expect(j.reasons.map((r) => r.rule)).toContain("rule-4-cheaper-rungs-first");
      expect(j.steps).toHaveLength(1);
    },
  );

  it("the approach is the first untried rung", () => {
    expect(only({ gaps: ["domain-behavior"], tried: [] }).rung).toBe("prompting");
    expect(only({ gaps: ["domain-behavior"], tried: ["prompt-engineering"] }).rung).toBe("few-shot");
    expect(only({ gaps: ["domain-behavior"], tried: ["prompt-engineering", "few-shot"] }).rung).toBe("rag");
  });

  it.each(["summarization", "translation"] as const)("for %s, hundreds of examples in the prompt come before fine-tuning", (task) => {
    const j = only({ task, gaps: ["format"] });
    expect(j).toMatchObject({ verdict: "not-yet", rung: "few-shot" });
    expect(j.warnings[0]?.detail).toBe("For the format gap, try hundreds of examples in the prompt and prompt caching first.");
    expect(j.reasons.map((r) => r.text).join(" ")).toMatch(/hundreds of examples in a long prompt have matched fine-tuned models/);
  });

  it("judges each gap once, even when listed twice", () => {
    expect(judge({ gaps: ["format", "format"] })).toHaveLength(1);
  });
});

describe("rule 3: closed-domain classification and extraction with abundant data", () => {
  const closed: AnswersOverrides = { task: "classification", gaps: ["none"], tried: ["prompt-engineering", "few-shot"] };

  it.each(["classification", "extraction"] as const)("a measured shortfall on %s with 1,000 examples is a candidate", (task) => {
    const j = judge({ ...closed, task }).find((x) => x.gap === "closed-domain-task");
    expect(j).toMatchObject({ verdict: "yes", rung: "fine-tune" });
  });

  it.each<[string, AnswersOverrides]>([
    ["999 examples", { data: { labeledExamples: 999 } }],
    ["a generation task", { task: "generation" }],
    ["no target score", { evals: { targetScore: undefined } }],
    ["a named candidate gap beside it", { gaps: ["format"] }],
    ["a knowledge gap", { gaps: ["knowledge"] }],
    ["a hallucination gap", { gaps: ["hallucination"] }],
    ["a reasoning gap", { gaps: ["reasoning"] }],
    ["a personality gap", { gaps: ["personality", "none"] }],
  ])("is not added with %s", (_, overrides) => {
    expect(judge({ ...closed, ...overrides }).map((j) => j.gap)).not.toContain("closed-domain-task");
  });
});

describe("rule 5: a latency-cost gap is a candidate only through break-even or a small fast model", () => {
  const tried: Technique[] = ["prompt-engineering", "prompt-caching"];

  it.each<[string, AnswersOverrides, GapJudgement["verdict"], GapJudgement["rung"]]>([
    ["break-even under 6 months → yes", { ...payingBack, tried }, "yes", "fine-tune"],
    ["break-even under 6 months, caching untried → not-yet", { ...payingBack, tried: ["prompt-engineering"] }, "not-yet", "prompting"],
    ["break-even of 62.5 months → no", { ...slowPayBack, tried }, "no", "prompting"],
    ["break-even of 62.5 months, caching untried → still no", { ...slowPayBack, tried: ["prompt-engineering"] }, "no", "prompting"],
    ["never pays back → no", { ...payingBack, tried, costs: { ...payingBack.costs, hostingUsdPerMonth: 5000 } }, "no", "prompting"],
    [
      "latency-sensitive with an 8B candidate and no break-even → yes",
      { tried, latencySensitive: true, candidateSizeB: 8 },
      "yes",
      "fine-tune",
    ],
    [
      "latency-sensitive with a 13B candidate, never paying back → yes",
      { ...slowPayBack, tried, latencySensitive: true, candidateSizeB: 13 },
      "yes",
      "fine-tune",
    ],
    [
      "latency-sensitive with a 14B candidate and no break-even → not-yet, the break-even to work out",
      { tried, latencySensitive: true, candidateSizeB: 14 },
      "not-yet",
      "fine-tune",
    ],
    [
      "a small candidate without a latency need and no break-even → not-yet",
      { tried, latencySensitive: false, candidateSizeB: 8 },
      "not-yet",
      "fine-tune",
    ],
  ])("%s", (_, overrides, verdict, rung) => {
    const j = only({ gaps: ["latency-cost"], ...overrides });
    expect(j.verdict).toBe(verdict);
    expect(j.rung).toBe(rung);
    if (verdict !== "yes")
      expect(j.reasons.map((r) => r.rule)).toContain(j.warnings.length > 0 ? "rule-4-cheaper-rungs-first" : "rule-5-volume-and-cost");
  });

  it("asks for the missing numbers when break-even cannot be computed", () => {
    const j = only({ gaps: ["latency-cost"], tried });
    expect(j.steps).toEqual([
      "Fill in tokens per request, the training cost, today's price per million tokens and the fine-tuned model's price per million tokens to work out the break-even.",
    ]);
    expect(j.todo).toBe("work out the break-even");
  });

  it("a failing break-even says why for the headline and when to look again", () => {
    const j = only({ gaps: ["latency-cost"], ...slowPayBack, tried });
    expect(j.why).toBe("it would take about 5.2 years to pay back its training");
    expect(j.steps.at(-1)).toBe(
      "Stay with the prompted system, and work out the break-even again if volume nears about 104,000 requests a month.",
    );
  });

  it("names prompt caching when it is untried", () => {
    const j = only({ gaps: ["latency-cost"], ...slowPayBack, tried: ["prompt-engineering"] });
    expect(j.warnings).toEqual([expect.objectContaining({ code: "untried-prompting", detail: expect.stringContaining("prompt caching") })]);
    expect(j.steps.join(" ")).toMatch(/Cache the stable part of the prompt/);
  });
});
