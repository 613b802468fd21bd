import { describe, expect, it } from "vitest";
import { decide, ENGINE_VERSION, PIPELINE_STEPS } from "../../src/engine/decide.js";
import { type AnswersOverrides, makeAnswers } from "./answers-factory.js";
import { codes, containsRun, warningOf } from "./verdict-queries.js";

const verdictFor = (overrides: AnswersOverrides = {}) => decide(makeAnswers(overrides));

/** Cheaper techniques tried for a latency-cost gap, and costs paying back in 2.5 months at 250M tokens a month. */
const latencyCase: AnswersOverrides = {
  gaps: ["latency-cost"],
  tried: ["prompt-engineering", "prompt-caching"],
  volume: { requestsPerMonth: 250_000, tokensPerRequest: 1000 },
  costs: { trainingUsd: 5000, currentUsdPerMTok: 10, fineTunedUsdPerMTok: 2 },
};

/** An OpenAI model fine-tuned through OpenAI's API: no MLOps capacity and no open-weight candidate. */
const throughOpenAi: AnswersOverrides = {
  baseModel: "gpt-4o-2024-08-06",
  candidateModel: undefined,
  candidateSizeB: undefined,
  mlopsCapacity: false,
};

describe("the baseline answers", () => {
  it("reach yes with nothing but the snapshot note", () => {
    const v = verdictFor();
    expect(v).toMatchObject({
      fineTune: "yes",
      approach: "fine-tune",
      method: { technique: "lora", hosting: "self-hosted" },
      breakEven: null,
    });
    expect(codes(v)).toEqual(["base-model-snapshot"]);
  });

  it("carry the engine version", () => {
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(verdictFor().engineVersion).toBe(ENGINE_VERSION);
    expect(verdictFor({ evals: { baselineScore: 90 } }).engineVersion).toBe(ENGINE_VERSION);
  });

  it("do not change when decided", () => {
    const answers = makeAnswers(latencyCase);
    const copy = structuredClone(answers);
    decide(answers);
    expect(answers).toEqual(copy);
  });
});

describe("rule 1: target met", () => {
  it.each([
    [85, 85],
    [90, 85],
    [100, 0],
  ])("baseline %d against target %d stops with no, prompting, target-met", (baselineScore, targetScore) => {
    const v = verdictFor({ evals: { baselineScore, targetScore } });
    expect(v).toMatchObject({ fineTune: "no", approach: "prompting", method: null });
    expect(v.warnings).toEqual([
      { code: "target-met", severity: "info", message: expect.stringContaining(`${baselineScore} ≥ target ${targetScore}`) },
    ]);
    expect(v.reasons.map((r) => r.rule)).toEqual(["1 target met"]);
    expect(v.nextSteps).toEqual(["Ship the prompted system and keep its eval running so a regression shows up."]);
    expect(v.headline).toMatch(/^Don't fine-tune/);
  });

  it("stops before every other rule", () => {
    const v = verdictFor({
      evals: { hasEvalSet: false, baselineScore: 80, targetScore: 80 },
      data: { labeledExamples: 10, quality: "noisy", versioned: false },
      taskChangeFrequency: "weekly",
      compliance: "self-host-required",
      gaps: ["knowledge"],
    });
    expect(codes(v)).toEqual(["target-met"]);
  });

  it.each<[string, AnswersOverrides["evals"]]>([
    ["baseline just below target", { baselineScore: 84.9, targetScore: 85 }],
    ["no baseline score", { baselineScore: undefined, targetScore: 85 }],
    ["no target score", { baselineScore: 99, targetScore: undefined }],
  ])("does not fire with %s", (_, evals) => {
    expect(codes(verdictFor({ evals }))).not.toContain("target-met");
  });
});

describe("rule 2: evals first", () => {
  const STEPS = {
    hasEvalSet: "Build an eval set from real production inputs with expected outputs.",
    hasHeldOutTestSet: "Split off a held-out test set that is never trained on.",
    hasPromptedBaseline: "Score the prompted system on the eval set to get the baseline to beat.",
  };

  it.each([
    ["hasEvalSet", "no-evals"],
    ["hasHeldOutTestSet", "no-held-out-test-set"],
    ["hasPromptedBaseline", "no-prompted-baseline"],
  ] as const)("missing %s → %s (blocker), not-yet, and building it comes first", (field, code) => {
    const v = verdictFor({ evals: { [field]: false } });
    expect(warningOf(v, code).severity).toBe("blocker");
    expect(v.warnings[0]!.code).toBe(code);
    expect(v.fineTune).toBe("not-yet");
    expect(v.approach).toBe("prompting");
    expect(v.nextSteps[0]).toBe(STEPS[field]);
    expect(v.reasons[0]!.rule).toBe("2 evals first");
    expect(codes(verdictFor())).not.toContain(code);
  });

  it("with nothing built, the three steps lead in order", () => {
    const v = verdictFor({ evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false } });
    expect(v.nextSteps.slice(0, 3)).toEqual([STEPS.hasEvalSet, STEPS.hasHeldOutTestSet, STEPS.hasPromptedBaseline]);
    expect(codes(v).slice(0, 3)).toEqual(["no-evals", "no-held-out-test-set", "no-prompted-baseline"]);
  });

  it("caps even a gap that would otherwise be yes, and keeps its pipeline out", () => {
    const v = verdictFor({ ...latencyCase, evals: { hasHeldOutTestSet: false } });
    expect(v.fineTune).toBe("not-yet");
    expect(codes(v)).not.toContain("base-model-snapshot");
    expect(containsRun(v.nextSteps, PIPELINE_STEPS)).toBe(false);
  });
});

describe("rule 3: gap kinds", () => {
  it.each([
    ["knowledge", "knowledge-use-rag", "rag"],
    ["hallucination", "hallucination-not-fixed-by-finetune", "rag"],
    ["reasoning", "reasoning-not-fixed-by-finetune", "prompting"],
    ["personality", "personality-use-prompting", "few-shot"],
  ] as const)("a %s gap alone is no, %s, work on %s", (gap, code, approach) => {
    const v = verdictFor({ gaps: [gap] });
    expect(v).toMatchObject({ fineTune: "no", approach, method: null });
    expect(warningOf(v, code).severity).toBe("warning");
    expect(v.headline).toContain(`does not fix ${gap}`);
  });

  it.each(["knowledge", "hallucination", "reasoning", "personality"] as const)(
    "a %s gap never reaches yes, even on a closed-domain task with abundant data",
    (gap) => {
      const v = verdictFor({
        gaps: [gap],
        task: "classification",
        data: { labeledExamples: 5000 },
        tried: ["prompt-engineering", "few-shot", "rag", "tool-use", "chain-of-thought", "stronger-model"],
      });
      expect(v.fineTune).toBe("no");
    },
  );

  it("a knowledge gap with RAG tried points at continued pretraining", () => {
    const v = verdictFor({ gaps: ["knowledge"], tried: ["rag"] });
    expect(v).toMatchObject({ fineTune: "no", approach: "pretrain" });
    expect(v.reasons.map((r) => r.text).join(" ")).toMatch(/continued pretraining/);
  });

  it.each(["format", "style", "domain-behavior"] as const)("a %s gap with cheaper rungs tried is yes", (gap) => {
    expect(verdictFor({ gaps: [gap], tried: ["prompt-engineering", "structured-output", "few-shot", "rag"] }).fineTune).toBe("yes");
  });

  it.each(["none", "not-measured"] as const)("%s without scores: measure first, no-prompted-baseline, not-yet", (gap) => {
    const v = verdictFor({ gaps: [gap], evals: { baselineScore: undefined, targetScore: undefined } });
    expect(v.fineTune).toBe("not-yet");
    expect(warningOf(v, "no-prompted-baseline").severity).toBe("blocker");
    expect(v.nextSteps[0]).toMatch(/measure the prompted system/);
  });

  it("not-measured beside a ready format gap still caps the verdict at not-yet until scores exist", () => {
    const unmeasured = verdictFor({ gaps: ["not-measured", "format"], evals: { baselineScore: undefined } });
    expect(unmeasured.fineTune).toBe("not-yet");
    expect(codes(unmeasured)).toContain("no-prompted-baseline");
    expect(verdictFor({ gaps: ["not-measured", "format"] }).fineTune).toBe("yes");
  });

  it("a closed-domain classification task with a measured shortfall and abundant data can reach yes", () => {
    const v = verdictFor({ task: "classification", gaps: ["none"], tried: ["prompt-engineering", "few-shot"] });
    expect(v.fineTune).toBe("yes");
    expect(v.reasons.map((r) => r.rule)).toContain("3 gap: closed-domain-task");
  });
});

describe("rule 4: cheaper rungs first", () => {
  it.each<[string, AnswersOverrides, string, string]>([
    ["format without structured output", { gaps: ["format"], tried: ["prompt-engineering", "few-shot"] }, "structured-output", "prompting"],
    ["format without few-shot", { gaps: ["format"], tried: ["prompt-engineering", "structured-output"] }, "few-shot", "few-shot"],
    ["style without prompt engineering", { gaps: ["style"], tried: ["few-shot"] }, "prompt-engineering", "prompting"],
    ["domain behaviour without RAG", { gaps: ["domain-behavior"], tried: ["prompt-engineering", "few-shot"] }, "rag", "rag"],
    ["latency-cost without caching", { ...latencyCase, tried: ["prompt-engineering"] }, "prompt-caching", "prompting"],
  ])("%s → untried-prompting naming it, not-yet, approach %s", (_, overrides, technique, approach) => {
    const v = verdictFor(overrides);
    const w = warningOf(v, "untried-prompting");
    expect(w.severity).toBe("warning");
    expect(w.message).toContain(technique);
    expect(v).toMatchObject({ fineTune: "not-yet", approach });
    expect(v.nextSteps.length).toBeGreaterThan(0);
    expect(v.headline).toMatch(/^Not yet/);
  });

  it("does not fire when every technique for the gap was tried", () => {
    expect(codes(verdictFor())).not.toContain("untried-prompting");
  });
});

describe("rule 5: volume and cost", () => {
  it("a break-even under 6 months makes a latency-cost gap yes", () => {
    const v = verdictFor(latencyCase);
    expect(v).toMatchObject({ fineTune: "yes", approach: "fine-tune" });
    expect(v.breakEven).toEqual({
      monthlyTokens: 250_000_000,
      monthlySavingsUsd: 2000,
      trainingUsd: 5000,
      months: 2.5,
      withinSixMonths: true,
    });
    expect(codes(v)).not.toContain("break-even-over-6-months");
  });

  it.each<[string, number, number | null]>([
    ["exactly 6 months", 12_000, 6],
    ["12.5 months", 25_000, 12.5],
    ["never (hosting eats the savings)", 5000, null],
  ])("a break-even of %s → break-even-over-6-months and no for a latency-cost gap", (_, trainingUsd, months) => {
    const costs = months === null ? { trainingUsd, hostingUsdPerMonth: 2000 } : { trainingUsd };
    const v = verdictFor({ ...latencyCase, costs: { ...latencyCase.costs, ...costs } });
    expect(v.breakEven?.months).toBe(months);
    expect(warningOf(v, "break-even-over-6-months").severity).toBe("warning");
    expect(v).toMatchObject({ fineTune: "no", approach: "prompting", method: null });
    expect(v.headline).toMatch(/would not pay off/);
  });

  it("is only a warning for a format gap", () => {
    const v = verdictFor({ volume: latencyCase.volume, costs: { ...latencyCase.costs, trainingUsd: 25_000 } });
    expect(codes(v)).toContain("break-even-over-6-months");
    expect(v.fineTune).toBe("yes");
  });

  it.each([
    [4_999_999, true],
    [5_000_000, false],
    [0, true],
  ])("%d tokens a month: low-volume %s", (tokens, fires) => {
    const v = verdictFor({ volume: { requestsPerMonth: tokens, tokensPerRequest: 1 } });
    expect(codes(v).includes("low-volume")).toBe(fires);
    if (fires) expect(warningOf(v, "low-volume").severity).toBe("warning");
    expect(v.fineTune).toBe("yes");
  });

  it("no token count means no low-volume and no break-even", () => {
    const v = verdictFor({ costs: latencyCase.costs });
    expect(v.breakEven).toBeNull();
    expect(codes(v)).not.toContain("low-volume");
  });

  it("a latency need met by a small candidate makes a latency-cost gap yes without a break-even", () => {
    const v = verdictFor({ ...latencyCase, costs: undefined, latencySensitive: true, candidateSizeB: 8 });
    expect(v.fineTune).toBe("yes");
  });

  it("without a break-even or a small fast candidate a latency-cost gap is not-yet and asks for the numbers", () => {
    const v = verdictFor({ ...latencyCase, costs: undefined });
    expect(v.fineTune).toBe("not-yet");
    expect(v.nextSteps).toContain("Fill in tokens per request, training cost and per-token prices, and compute the break-even.");
  });
});

describe("rule 6: data", () => {
  it.each([
    [0, "too-few-examples"],
    [199, "too-few-examples"],
    [200, "under-500-examples"],
    [499, "under-500-examples"],
  ] as const)("%d examples → %s (blocker), not-yet", (labeledExamples, code) => {
    const v = verdictFor({ data: { labeledExamples } });
    expect(warningOf(v, code).severity).toBe("blocker");
    expect(v.fineTune).toBe("not-yet");
    const other = code === "too-few-examples" ? "under-500-examples" : "too-few-examples";
    expect(codes(v)).not.toContain(other);
    expect(warningOf(v, code).message).toContain(`You have ${labeledExamples}.`);
  });

  it("fewer than 200 examples → approach few-shot and a step to collect more", () => {
    const v = verdictFor({ data: { labeledExamples: 199 } });
    expect(v.approach).toBe("few-shot");
    expect(v.nextSteps).toContain("Collect and curate more labelled examples (aim for about 1,000).");
  });

  it("fewer than 500 → grow the dataset, synthetic augmentation if needed", () => {
    expect(verdictFor({ data: { labeledExamples: 499 } }).nextSteps).toContain(
      "Grow the dataset to 500+ curated examples, with synthetic augmentation if needed.",
    );
  });

  it("500 examples clear both", () => {
    const v = verdictFor({ data: { labeledExamples: 500 } });
    expect(codes(v)).not.toContain("too-few-examples");
    expect(codes(v)).not.toContain("under-500-examples");
    expect(v.fineTune).toBe("yes");
  });

  it.each([
    ["noisy", true],
    ["mixed", false],
    ["curated", false],
  ] as const)("%s data: noisy-data %s, a warning that does not cap", (quality, fires) => {
    const v = verdictFor({ data: { quality } });
    expect(codes(v).includes("noisy-data")).toBe(fires);
    expect(v.fineTune).toBe("yes");
    if (fires) {
      expect(warningOf(v, "noisy-data").severity).toBe("warning");
      expect(v.nextSteps[0]).toMatch(/^Clean the dataset/);
    }
  });

  it("unversioned data → data-not-versioned, a warning with a step, no cap", () => {
    const v = verdictFor({ data: { versioned: false } });
    expect(warningOf(v, "data-not-versioned").severity).toBe("warning");
    expect(v.nextSteps).toContain("Version the dataset and the training configuration.");
    expect(v.fineTune).toBe("yes");
    expect(codes(verdictFor())).not.toContain("data-not-versioned");
  });
});

describe("rule 7: stability and scope", () => {
  it("weekly change → task-changes-often (blocker) and no, even for a ready gap", () => {
    const v = verdictFor({ taskChangeFrequency: "weekly" });
    expect(warningOf(v, "task-changes-often").severity).toBe("blocker");
    expect(v).toMatchObject({ fineTune: "no", method: null });
    expect(v.headline).toMatch(/changes weekly/);
  });

  it("monthly change → the same warning and not-yet", () => {
    const v = verdictFor({ taskChangeFrequency: "monthly" });
    expect(warningOf(v, "task-changes-often").message).toMatch(/monthly/);
    expect(v.fineTune).toBe("not-yet");
  });

  it.each(["quarterly", "rarely"] as const)("%s change → no warning, yes", (taskChangeFrequency) => {
    const v = verdictFor({ taskChangeFrequency });
    expect(codes(v)).not.toContain("task-changes-often");
    expect(v.fineTune).toBe("yes");
  });

  it.each([
    [1, false],
    [2, true],
    [10, true],
  ])("%d tasks served → multiple-tasks %s, a warning only", (tasksServed, fires) => {
    const v = verdictFor({ tasksServed });
    expect(codes(v).includes("multiple-tasks")).toBe(fires);
    if (fires) expect(warningOf(v, "multiple-tasks").severity).toBe("warning");
    expect(v.fineTune).toBe("yes");
  });
});

describe("rule 8: compliance", () => {
  it("self-host-required → compliance-self-host and a self-hosted method, even without MLOps capacity", () => {
    const v = verdictFor({ compliance: "self-host-required", mlopsCapacity: false });
    expect(warningOf(v, "compliance-self-host").severity).toBe("info");
    expect(v.method?.hosting).toBe("self-hosted");
    expect(warningOf(v, "no-mlops-capacity").message).toMatch(/Compliance still requires self-hosting/);
  });

  it("holds regardless of the verdict", () => {
    const v = verdictFor({ compliance: "self-host-required", gaps: ["knowledge"] });
    expect(v.fineTune).toBe("no");
    expect(codes(v)).toContain("compliance-self-host");
  });

  it("names an open-weight route when the model to tune is a closed one", () => {
    const v = verdictFor({ ...throughOpenAi, mlopsCapacity: true, compliance: "self-host-required" });
    expect(v.method?.hosting).toBe("self-hosted");
    expect(v.nextSteps.join(" ")).toMatch(/open-weight model/);
    expect(warningOf(v, "compliance-self-host").message).toContain("gpt-4o-2024-08-06 is not a known open-weight model");
    expect(codes(v)).not.toContain("provider-finetune-closing");
  });

  it("does not fire without the requirement", () => {
    expect(codes(verdictFor())).not.toContain("compliance-self-host");
  });
});

describe("rule 9: method and risk", () => {
  it.each([
    [undefined, "lora"],
    [8, "lora"],
    [29, "lora"],
    [30, "qlora"],
    [70, "qlora"],
  ] as const)("a %sB candidate is tuned with %s", (candidateSizeB, technique) => {
    expect(verdictFor({ candidateSizeB }).method?.technique).toBe(technique);
  });

  it.each([
    [0.5, false],
    [1, true],
    [3, true],
    [7, true],
    [7.5, false],
    [8, false],
    [undefined, false],
  ] as const)("a %sB candidate: catastrophic-forgetting-risk %s", (candidateSizeB, fires) => {
    const v = verdictFor({ candidateSizeB });
    expect(codes(v).includes("catastrophic-forgetting-risk")).toBe(fires);
    if (fires) {
      expect(warningOf(v, "catastrophic-forgetting-risk").severity).toBe("warning");
      expect(v.method?.technique).toBe("lora");
    }
    expect(v.fineTune).toBe("yes");
  });

  it("no MLOps capacity → no-mlops-capacity and a provider API", () => {
    const v = verdictFor({ mlopsCapacity: false });
    expect(warningOf(v, "no-mlops-capacity").severity).toBe("warning");
    expect(v.method?.hosting).toBe("provider-api");
    expect(v.fineTune).toBe("yes");
    expect(codes(verdictFor())).not.toContain("no-mlops-capacity");
  });

  it("no method, and no method warnings, when the answer is no", () => {
    const v = verdictFor({ mlopsCapacity: false, candidateSizeB: 3, taskChangeFrequency: "weekly" });
    expect(v.method).toBeNull();
    expect(codes(v)).not.toContain("no-mlops-capacity");
    expect(codes(v)).not.toContain("catastrophic-forgetting-risk");
  });
});

describe("rule 10: snapshot and pipeline", () => {
  it("yes → base-model-snapshot naming the base model, and the seed-003 pipeline in order", () => {
    const v = verdictFor();
    expect(warningOf(v, "base-model-snapshot")).toMatchObject({
      severity: "info",
      message: expect.stringContaining("meta-llama/Llama-3.1-70B-Instruct"),
    });
    expect(containsRun(v.nextSteps, PIPELINE_STEPS)).toBe(true);
    expect(v.reasons.map((r) => r.rule)).toContain("10 snapshot");
  });

  it("the pipeline is seed 003's seven steps", () => {
    const patterns = [
      /clean dataset/,
      /Hold out a test set/,
      /prompted baseline/,
      /LoRA/,
      /compare it with the baseline/,
      /production-distribution/,
      /re-tuning/,
    ];
    expect(PIPELINE_STEPS).toHaveLength(7);
    PIPELINE_STEPS.forEach((step, i) => expect(step).toMatch(patterns[i]!));
  });

  it.each<[string, AnswersOverrides]>([
    ["not-yet", { data: { labeledExamples: 300 } }],
    ["no", { taskChangeFrequency: "weekly" }],
  ])("%s → no snapshot note and no pipeline", (_, overrides) => {
    const v = verdictFor(overrides);
    expect(codes(v)).not.toContain("base-model-snapshot");
    expect(v.nextSteps.some((s) => (PIPELINE_STEPS as readonly string[]).includes(s))).toBe(false);
  });
});

describe("rule 11: provider facts, dated", () => {
  it.each<[string, string[], string[]]>([
    ["2026-03-01", [], ["on 2026-05-07", "on 2026-07-02", "on 2027-01-06"]],
    ["2026-06-01", ["since 2026-05-07"], ["on 2026-07-02", "on 2027-01-06"]],
    ["2026-09-15", ["since 2026-05-07", "since 2026-07-02"], ["on 2027-01-06"]],
    ["2027-02-01", ["since 2026-05-07", "since 2026-07-02", "since 2027-01-06"], []],
  ])("as of %s an OpenAI fine-tune → provider-finetune-closing with the dates and an open-weight route", (asOf, past, coming) => {
    const v = verdictFor({ ...throughOpenAi, asOf });
    const w = warningOf(v, "provider-finetune-closing");
    expect(w.severity).toBe("warning");
    for (const text of [...past, ...coming]) expect(w.message).toContain(text);
    expect(w.message).toContain("base model retires");
    expect(v.nextSteps.join(" ")).toMatch(/open-weight route/);
    expect(v.reasons.map((r) => r.rule)).toContain("11 provider facts");
  });

  it("without asOf lists every date as coming", () => {
    const w = warningOf(verdictFor(throughOpenAi), "provider-finetune-closing");
    expect(w.message).toMatch(/stops new self-serve fine-tuning jobs for .* on 2026-05-07, .* on 2026-07-02, .* on 2027-01-06/);
  });

  it("also fires for a not-yet verdict that would fine-tune through OpenAI", () => {
    const v = verdictFor({ ...throughOpenAi, data: { labeledExamples: 300 } });
    expect(v.fineTune).toBe("not-yet");
    expect(codes(v)).toContain("provider-finetune-closing");
  });

  it.each<[string, AnswersOverrides]>([
    ["an open-weight candidate", { mlopsCapacity: false }],
    ["gpt-oss, which is open-weight", { ...throughOpenAi, candidateModel: "openai/gpt-oss-20b" }],
    ["self-hosting required", { ...throughOpenAi, compliance: "self-host-required" }],
    ["a no verdict", { ...throughOpenAi, taskChangeFrequency: "weekly" }],
    ["a Claude model", { ...throughOpenAi, baseModel: "claude-3-5-sonnet-20241022" }],
  ])("does not fire for %s", (_, overrides) => {
    expect(codes(verdictFor({ ...overrides, asOf: "2026-06-01" }))).not.toContain("provider-finetune-closing");
  });

  it("fires for an OpenAI candidate even when the team has MLOps capacity (a closed model is tuned through its API)", () => {
    const v = verdictFor({ ...throughOpenAi, mlopsCapacity: true });
    expect(v.method?.hosting).toBe("provider-api");
    expect(codes(v)).toContain("provider-finetune-closing");
  });
});

describe("model selection (try-stronger-model, seeds 002 and 001)", () => {
  it("a baseline 30 points below target with no stronger model tried → blocker, not-yet, model selection step", () => {
    const v = verdictFor({ evals: { baselineScore: 50, targetScore: 80 } });
    expect(warningOf(v, "try-stronger-model").severity).toBe("blocker");
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "prompting" });
    expect(v.nextSteps).toContain("Evaluate a stronger base model on the same eval set before training a weaker one.");
  });

  it.each<[string, AnswersOverrides]>([
    ["29.5 points below", { evals: { baselineScore: 50.5, targetScore: 80 } }],
    [
      "a stronger model tried",
      { evals: { baselineScore: 20, targetScore: 80 }, tried: ["prompt-engineering", "structured-output", "few-shot", "stronger-model"] },
    ],
    ["no baseline score", { evals: { baselineScore: undefined, targetScore: 80 } }],
  ])("does not fire with %s", (_, overrides) => {
    const v = verdictFor(overrides);
    expect(codes(v)).not.toContain("try-stronger-model");
    expect(v.fineTune).toBe("yes");
  });
});

describe("how the rules combine", () => {
  it("a knowledge gap beside a format gap does not stop the format gap", () => {
    const v = verdictFor({ gaps: ["knowledge", "format"] });
    expect(v).toMatchObject({ fineTune: "yes", approach: "fine-tune" });
    expect(codes(v)).toContain("knowledge-use-rag");
    expect(v.nextSteps[0]).toBe("Build a retrieval layer (RAG) over the documents the model needs, and measure again.");
  });

  it("a failing break-even does not stop a format gap beside a latency-cost gap", () => {
    const v = verdictFor({
      ...latencyCase,
      gaps: ["latency-cost", "format"],
      tried: ["prompt-engineering", "prompt-caching", "structured-output", "few-shot"],
      costs: { ...latencyCase.costs, trainingUsd: 50_000 },
    });
    expect(v.fineTune).toBe("yes");
    expect(codes(v)).toContain("break-even-over-6-months");
  });

  it("no beats not-yet: weekly change with too few examples is no", () => {
    expect(verdictFor({ taskChangeFrequency: "weekly", data: { labeledExamples: 50 } }).fineTune).toBe("no");
  });

  it("not-yet beats yes: a ready gap under a monthly-change cap is not-yet", () => {
    expect(verdictFor({ taskChangeFrequency: "monthly" }).fineTune).toBe("not-yet");
  });

  it("no candidate gap → no, whatever else is in place", () => {
    const v = verdictFor({ gaps: ["reasoning", "hallucination"] });
    expect(v.fineTune).toBe("no");
    expect(v.reasons.map((r) => r.rule)).toContain("combine");
  });

  it("the approach is the cheapest rung still to do for any gap", () => {
    expect(verdictFor({ gaps: ["hallucination", "personality"], tried: ["prompt-engineering"] }).approach).toBe("few-shot");
    expect(verdictFor({ gaps: ["hallucination", "reasoning"] }).approach).toBe("prompting");
    expect(verdictFor({ gaps: ["knowledge", "format"], tried: ["prompt-engineering", "structured-output"] }).approach).toBe("few-shot");
    expect(verdictFor({ gaps: ["knowledge", "hallucination"], tried: ["rag"] }).approach).toBe("tool-use");
  });

  it("the approach is fine-tune exactly when the verdict is yes", () => {
    expect(verdictFor().approach).toBe("fine-tune");
    expect(verdictFor({ taskChangeFrequency: "monthly" }).approach).not.toBe("fine-tune");
  });

  it("lists warnings blockers first and each code once", () => {
    const v = verdictFor({
      gaps: ["format", "style"],
      tried: [],
      evals: { hasEvalSet: false },
      data: { labeledExamples: 100, quality: "noisy", versioned: false },
      tasksServed: 3,
      taskChangeFrequency: "monthly",
    });
    const order = { blocker: 0, warning: 1, info: 2 };
    const ranks = v.warnings.map((w) => order[w.severity]);
    expect(ranks).toEqual([...ranks].sort());
    expect(new Set(codes(v)).size).toBe(v.warnings.length);
    expect(warningOf(v, "untried-prompting").message).toMatch(/format gap.*style gap/);
  });

  it.each<[string, AnswersOverrides, RegExp]>([
    ["yes", {}, /^Fine-tune "Invoice field extractor"/],
    [
      "not-yet",
      { evals: { hasEvalSet: false } },
      /^Not yet for "Invoice field extractor": resolve no-evals and work on prompting first\.$/,
    ],
    ["no", { gaps: ["knowledge"] }, /^Don't fine-tune "Invoice field extractor": .*work on rag\.$/],
  ])("the headline of a %s verdict names the title and the answer", (_, overrides, headline) => {
    expect(verdictFor(overrides).headline).toMatch(headline);
  });
});
