import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Answers, parseAnswers } from "../../src/engine/answers.js";
import { decide, PIPELINE_STEPS } from "../../src/engine/decide.js";
import { LADDER } from "../../src/engine/verdict.js";
import { type AnswersOverrides, makeAnswers } from "./answers-factory.js";
import { codes, containsRun, warningOf } from "./verdict-queries.js";

function fixture(name: string): Answers {
  const parsed = parseAnswers(JSON.parse(readFileSync(new URL(`../fixtures/answers/${name}.json`, import.meta.url), "utf8")));
  if (!parsed.ok) throw new Error(`fixture ${name}: ${JSON.stringify(parsed.problems)}`);
  return parsed.answers;
}

describe("seed 001: the customer support chatbot cost comparison", () => {
  // GPT-4 at ~$0.03 an interaction of 1,500 tokens is $20 per million tokens; 10,000 interactions a month is $300.
  // A fine-tuned Llama 3 8B costs $2,000-4,000 of data work plus $100-300 of GPU time, then $200-500 a month of hosting.
  const chatbot = fixture("support-chatbot");

  it("prices the prompted system as the article does: 15M tokens, $300 a month", () => {
    expect(chatbot.volume.requestsPerMonth * chatbot.volume.tokensPerRequest!).toBe(15_000_000);
    expect((chatbot.costs!.currentUsdPerMTok! * 15_000_000) / 1e6).toBe(300);
  });

  it.each([
    [200, 100, 33],
    [350, -50, null],
    [500, -200, null],
  ])("at 10,000 interactions with $%d hosting it is not worth it", (hostingUsdPerMonth, savings, months) => {
    const v = decide({ ...chatbot, costs: { ...chatbot.costs, hostingUsdPerMonth } });
    expect(v.breakEven).toMatchObject({ monthlyTokens: 15_000_000, monthlySavingsUsd: savings, months, withinSixMonths: false });
    expect(v).toMatchObject({ fineTune: "no", approach: "prompting", method: null });
    expect(codes(v)).toContain("break-even-over-6-months");
    expect(v.headline).toMatch(/would not pay off/);
  });

  it("is still not worth it when prompt caching is untried: caching only makes the prompted side cheaper", () => {
    const v = decide({ ...chatbot, tried: ["prompt-engineering", "few-shot"] });
    expect(v.fineTune).toBe("no");
    expect(warningOf(v, "untried-prompting").message).toContain("prompt-caching");
  });

  it("at millions of interactions, $2,000 of self-hosting against $30,000 of API calls pays back within a month", () => {
    const v = decide({
      ...chatbot,
      volume: { requestsPerMonth: 1_000_000, tokensPerRequest: 1500 },
      costs: { ...chatbot.costs, hostingUsdPerMonth: 2000 },
      mlopsCapacity: true,
    });
    expect(v.breakEven).toEqual({
      monthlyTokens: 1_500_000_000,
      monthlySavingsUsd: 28_000,
      trainingUsd: 3300,
      months: 0.12,
      withinSixMonths: true,
    });
    expect(v).toMatchObject({ fineTune: "yes", approach: "fine-tune", method: { technique: "lora", hosting: "self-hosted" } });
    expect(containsRun(v.nextSteps, PIPELINE_STEPS)).toBe(true);
  });

  it.each<[string, AnswersOverrides, string]>([
    ["fewer than 100-200 examples", { data: { labeledExamples: 100 } }, "too-few-examples"],
    ["no held-out test set", { evals: { hasHeldOutTestSet: false } }, "no-held-out-test-set"],
    ["unversioned data and configs", { data: { versioned: false } }, "data-not-versioned"],
    ["one model for diverse tasks", { tasksServed: 4 }, "multiple-tasks"],
    ["a base model that cannot do the task", { evals: { baselineScore: 40, targetScore: 90 } }, "try-stronger-model"],
    ["a task that changes often", { taskChangeFrequency: "monthly" }, "task-changes-often"],
  ])("common mistake: %s → %s", (_, overrides, code) => {
    expect(codes(decide(makeAnswers(overrides)))).toContain(code);
  });
});

describe("seed 000: the five-step decision logic", () => {
  it("step 1: prompting reaches the target → stop here", () => {
    const v = decide(makeAnswers({ evals: { baselineScore: 92, targetScore: 90 } }));
    expect(v).toMatchObject({ fineTune: "no", approach: "prompting" });
    expect(codes(v)).toEqual(["target-met"]);
  });

  it("step 2: the failure is factual knowledge → add RAG before considering fine-tuning", () => {
    const v = decide(makeAnswers({ gaps: ["knowledge"], data: { labeledExamples: 10_000 } }));
    expect(v).toMatchObject({ fineTune: "no", approach: "rag" });
    expect(codes(v)).toContain("knowledge-use-rag");
  });

  it.each(["format", "style", "domain-behavior"] as const)(
    "step 3: a %s failure fits fine-tuning, but under 500 quality examples few-shot or synthetic data come first",
    (gap) => {
      const tried = ["prompt-engineering", "structured-output", "few-shot", "rag"] as const;
      const few = decide(makeAnswers({ gaps: [gap], tried: [...tried], data: { labeledExamples: 350 } }));
      expect(few.fineTune).toBe("not-yet");
      expect(codes(few)).toContain("under-500-examples");
      expect(decide(makeAnswers({ gaps: [gap], tried: [...tried], data: { labeledExamples: 1000 } })).fineTune).toBe("yes");
    },
  );

  describe("step 4: stable, high-volume, latency-sensitive → break-even = training ÷ (price difference × volume)", () => {
    const base: AnswersOverrides = {
      gaps: ["latency-cost"],
      tried: ["prompt-engineering", "prompt-caching"],
      latencySensitive: true,
      candidateSizeB: 70,
      costs: { trainingUsd: 5000, currentUsdPerMTok: 10, fineTunedUsdPerMTok: 2 },
    };

    it("$5,000 ÷ ($8 per million × 250M tokens) = 2.5 months: worth exploring", () => {
      const v = decide(makeAnswers({ ...base, volume: { requestsPerMonth: 250_000, tokensPerRequest: 1000 } }));
      expect(v.breakEven?.months).toBe(2.5);
      expect(v.fineTune).toBe("yes");
    });

    it("the same at 50M tokens is 12.5 months: not worth it", () => {
      const v = decide(makeAnswers({ ...base, volume: { requestsPerMonth: 50_000, tokensPerRequest: 1000 } }));
      expect(v.breakEven?.months).toBe(12.5);
      expect(v.fineTune).toBe("no");
    });

    it("an unstable task is not a case even with a fast break-even", () => {
      const v = decide(
        makeAnswers({ ...base, volume: { requestsPerMonth: 250_000, tokensPerRequest: 1000 }, taskChangeFrequency: "weekly" }),
      );
      expect(v.fineTune).toBe("no");
    });

    it("under 5 million tokens a month, training rarely pays back", () => {
      const v = decide(makeAnswers({ ...base, volume: { requestsPerMonth: 4000, tokensPerRequest: 1000 } }));
      expect(codes(v)).toEqual(expect.arrayContaining(["low-volume", "break-even-over-6-months"]));
      expect(v.fineTune).toBe("no");
    });
  });

  it("step 5: compliance that prohibits API use → self-hosting, whatever else is decided", () => {
    const yes = decide(makeAnswers({ compliance: "self-host-required" }));
    expect(yes.method?.hosting).toBe("self-hosted");
    const no = decide(makeAnswers({ compliance: "self-host-required", gaps: ["reasoning"] }));
    expect(no.fineTune).toBe("no");
    expect(codes(no)).toContain("compliance-self-host");
  });

  it("none of the conditions: fine-tuning an engineering problem that prompting would resolve → no", () => {
    expect(decide(makeAnswers({ gaps: ["reasoning"] })).fineTune).toBe("no");
  });

  it("1B-7B models are prone to catastrophic forgetting: evaluate the whole task surface", () => {
    const v = decide(makeAnswers({ candidateModel: "meta-llama/Llama-3.2-3B-Instruct", candidateSizeB: 3 }));
    expect(warningOf(v, "catastrophic-forgetting-risk").message).toMatch(/whole task surface/);
  });

  it("a fine-tune goes stale when the base model gets a new version", () => {
    expect(warningOf(decide(makeAnswers()), "base-model-snapshot").message).toMatch(/re-tuning/);
  });
});

describe("seed 003: evals first, the ladder, the pipeline", () => {
  it("fine-tuning before evals exist is not-yet, and the eval set is the first step", () => {
    const v = decide(fixture("no-evals"));
    expect(v.fineTune).toBe("not-yet");
    expect(v.warnings[0]).toMatchObject({ code: "no-evals", severity: "blocker" });
    expect(v.nextSteps[0]).toMatch(/^Build an eval set/);
  });

  it("the ladder runs prompting → few-shot → RAG → tool use → fine-tuning → pretraining", () => {
    expect(LADDER).toEqual(["prompting", "few-shot", "rag", "tool-use", "fine-tune", "pretrain"]);
  });

  it("moves down one rung at a time for a domain-behaviour gap", () => {
    const rungs = [[], ["prompt-engineering"], ["prompt-engineering", "few-shot"], ["prompt-engineering", "few-shot", "rag"]].map(
      (tried) => decide(makeAnswers({ gaps: ["domain-behavior"], tried: tried as Answers["tried"] })).approach,
    );
    expect(rungs).toEqual(["prompting", "few-shot", "rag", "fine-tune"]);
  });

  it.each([
    ["adding knowledge", "knowledge", "knowledge-use-rag"],
    ["better reasoning", "reasoning", "reasoning-not-fixed-by-finetune"],
    ["customising the personality", "personality", "personality-use-prompting"],
    ["fixing hallucinations", "hallucination", "hallucination-not-fixed-by-finetune"],
  ] as const)("fine-tuning is the wrong answer for %s", (_, gap, code) => {
    const v = decide(makeAnswers({ gaps: [gap] }));
    expect(v.fineTune).toBe("no");
    expect(codes(v)).toContain(code);
  });

  it("when the answer is yes, the next steps carry the seven-step pipeline in order", () => {
    const v = decide(fixture("ticket-triage"));
    expect(v.fineTune).toBe("yes");
    expect(v.nextSteps.slice(-7)).toEqual([...PIPELINE_STEPS]);
  });

  it("closed-domain classification with abundant labelled data is a fine-tuning case", () => {
    const v = decide(
      makeAnswers({ task: "classification", gaps: ["none"], tried: ["prompt-engineering", "few-shot"], data: { labeledExamples: 5000 } }),
    );
    expect(v.fineTune).toBe("yes");
  });

  it("data quality dominates: noisy data is flagged with a curation step", () => {
    const v = decide(makeAnswers({ data: { quality: "noisy", labeledExamples: 10_000 } }));
    expect(codes(v)).toContain("noisy-data");
    expect(warningOf(v, "noisy-data").message).toMatch(/1,000-example clean dataset typically beats a 10,000-example noisy one/);
  });

  it("without GPU operations capability, the closed-model fine-tuning API is the path of least resistance", () => {
    const v = decide(makeAnswers({ mlopsCapacity: false }));
    expect(v.method?.hosting).toBe("provider-api");
    expect(codes(v)).toContain("no-mlops-capacity");
  });
});

describe("seed 002: knowledge or behaviour", () => {
  it("a knowledge gap goes to RAG, not fine-tuning", () => {
    const v = decide(fixture("knowledge-gap"));
    expect(v).toMatchObject({ fineTune: "no", approach: "rag" });
    expect(codes(v)).toEqual(expect.arrayContaining(["knowledge-use-rag", "hallucination-not-fixed-by-finetune", "compliance-self-host"]));
  });

  it.each(["format", "style", "domain-behavior"] as const)("a %s (behaviour) gap is a fine-tuning candidate", (gap) => {
    const tried = decide(makeAnswers({ gaps: [gap], tried: ["prompt-engineering", "structured-output", "few-shot", "rag"] }));
    expect(tried.fineTune).toBe("yes");
    const untried = decide(makeAnswers({ gaps: [gap], tried: [] }));
    expect(untried.fineTune).toBe("not-yet");
    expect(codes(untried)).toContain("untried-prompting");
  });

  it("knowledge beside a format gap does not stop the format gap, and RAG stays on the list", () => {
    const v = decide(makeAnswers({ gaps: ["format", "knowledge"] }));
    expect(v.fineTune).toBe("yes");
    expect(v.nextSteps).toContain("Build a retrieval layer (RAG) over the documents the model needs, and measure again.");
  });

  it("a fine-tuned 8B model can replace a larger general one on a narrow, latency-bound task", () => {
    const v = decide(
      makeAnswers({ gaps: ["latency-cost"], tried: ["prompt-engineering", "prompt-caching"], latencySensitive: true, candidateSizeB: 8 }),
    );
    expect(v.fineTune).toBe("yes");
  });

  it("model selection matters before fine-tuning matters", () => {
    const v = decide(makeAnswers({ evals: { baselineScore: 35, targetScore: 80 } }));
    expect(v.fineTune).toBe("not-yet");
    expect(codes(v)[0]).toBe("try-stronger-model");
  });

  it("evaluation must be built before training: a held-out test set", () => {
    expect(decide(makeAnswers({ evals: { hasHeldOutTestSet: false } })).fineTune).toBe("not-yet");
  });
});

describe("the fixtures", () => {
  it.each([
    ["ticket-triage", "yes", "fine-tune"],
    ["knowledge-gap", "no", "rag"],
    ["no-evals", "not-yet", "prompting"],
    ["support-chatbot", "no", "prompting"],
    ["openai-extraction", "yes", "fine-tune"],
  ] as const)("%s → %s, %s", (name, fineTune, approach) => {
    expect(decide(fixture(name))).toMatchObject({ fineTune, approach });
  });
});
