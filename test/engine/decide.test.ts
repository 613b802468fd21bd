import { describe, expect, it } from "vitest";
import { decide, ENGINE_VERSION, PIPELINE_STEPS } from "../../src/engine/decide.js";
import { type AnswersOverrides, makeAnswers } from "./answers-factory.js";
import { codes, containsRun, warningOf } from "./verdict-queries.js";

// One describe per rule of docs/decision-rules.md; each test breaks when its rule is broken.

const verdictFor = (overrides: AnswersOverrides = {}) => decide(makeAnswers(overrides));
const stepTexts = (overrides: AnswersOverrides = {}) => verdictFor(overrides).steps.map((s) => s.text);

/** Cheaper fixes tried for a latency and cost gap; $5,000 of training saving $2,000 a month pays back in 2.5 months. */
const latencyCase: AnswersOverrides = {
  gaps: ["latency-cost"],
  tried: ["prompt-engineering", "prompt-caching"],
  volume: { requestsPerMonth: 250_000, tokensPerRequest: 1000 },
  costs: { trainingUsd: 5000, currentUsdPerMTok: 10, fineTunedUsdPerMTok: 2 },
};

/** An OpenAI model fine-tuned through OpenAI's API by a team that runs no models. */
const throughOpenAi: AnswersOverrides = {
  baseModel: "gpt-4o-2024-08-06",
  candidateModel: undefined,
  candidateSizeB: undefined,
  mlopsCapacity: false,
};

describe("the baseline answers", () => {
  it("reach yes with nothing but the snapshot note, and every pipeline step", () => {
    const v = verdictFor();
    expect(v).toMatchObject({
      fineTune: "yes",
      approach: "fine-tune",
      method: { technique: "lora", hosting: "self-hosted" },
      breakEven: null,
    });
    expect(codes(v)).toEqual(["base-model-snapshot"]);
    expect(v.costInputsMissing).toEqual([]);
    expect(v.steps.map((s) => s.text)).toEqual([...PIPELINE_STEPS]);
  });

  it("carry engine version 2.0.0", () => {
    expect(ENGINE_VERSION).toBe("2.0.0");
    expect(verdictFor().engineVersion).toBe("2.0.0");
    expect(verdictFor({ evals: { baselineScore: 90 } }).engineVersion).toBe("2.0.0");
  });
});

describe("rule 1: target met", () => {
  it.each([
    [85, 85],
    [90, 85],
    [100, 0],
  ])("baseline %d against target %d: no, prompting, and nothing but target-met", (baselineScore, targetScore) => {
    const v = verdictFor({ evals: { baselineScore, targetScore } });
    expect(v).toMatchObject({ fineTune: "no", approach: "prompting", method: null });
    expect(codes(v)).toEqual(["target-met"]);
    expect(v.reasons.map((r) => r.rule)).toEqual(["rule-1-target-met"]);
    expect(v.nextSteps).toEqual(["Ship the prompted system and keep its eval running so a regression shows up."]);
    expect(v.headline).toMatch(/^Don't fine-tune: prompting already meets the target/);
  });

  it("stops the quality gaps before every other rule", () => {
    const v = verdictFor({
      evals: { hasEvalSet: false, baselineScore: 80, targetScore: 80 },
      data: { labeledExamples: 10, quality: "noisy", versioned: false },
      taskChangeFrequency: "weekly",
      gaps: ["knowledge", "format"],
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

  it("on a provider API model the data may not go to: not yet, and score an open-weight model first", () => {
    const v = verdictFor({ ...throughOpenAi, evals: { baselineScore: 93, targetScore: 90 }, compliance: "self-host-required" });
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "prompting", method: null });
    expect(warningOf(v, "compliance-self-host")).toMatchObject({ severity: "blocker", title: "Target met on a model you may not use" });
    expect(v.nextSteps[0]).toMatch(/^Score an open-weight model you can host yourself .* on the same eval set\.$/);
    expect(v.nextSteps.join(" ")).not.toMatch(/Ship the prompted system/);
  });

  it("on an open-weight model under the same compliance: still no, with the compliance note", () => {
    const v = verdictFor({ evals: { baselineScore: 93, targetScore: 90 }, compliance: "self-host-required" });
    expect(v.fineTune).toBe("no");
    expect(warningOf(v, "compliance-self-host").severity).toBe("info");
  });

  it("leaves a latency and cost gap to rule 5: distilling into a small model that pays back is yes", () => {
    const met = { evals: { baselineScore: 92, targetScore: 88 } };
    expect(verdictFor({ ...latencyCase, ...met }).fineTune).toBe("yes");
    expect(verdictFor({ ...latencyCase, ...met, costs: undefined, latencySensitive: true, candidateSizeB: 8 }).fineTune).toBe("yes");
    const slow = verdictFor({ ...latencyCase, ...met, costs: { ...latencyCase.costs, trainingUsd: 50_000 } });
    expect(slow.fineTune).toBe("no");
    expect(codes(slow)).toEqual(expect.arrayContaining(["target-met", "break-even-over-6-months"]));
  });

  it("closes a format gap beside the latency gap: only the latency gap is judged", () => {
    const v = verdictFor({
      ...latencyCase,
      gaps: ["format", "latency-cost"],
      tried: ["prompt-caching", "prompt-engineering"],
      evals: { baselineScore: 92, targetScore: 88 },
    });
    expect(v.fineTune).toBe("yes");
    expect(codes(v)).not.toContain("untried-prompting");
  });
});

describe("rule 2: evals first", () => {
  const STEPS = {
    hasEvalSet: "Build an eval set from real production inputs with the outputs you expect.",
    hasHeldOutTestSet: "Split off a held-out test set that is never trained on.",
    hasPromptedBaseline: "Score the prompted system on the eval set to get the number to beat.",
  };

  it.each([
    ["hasEvalSet", "no-evals"],
    ["hasHeldOutTestSet", "no-held-out-test-set"],
    ["hasPromptedBaseline", "no-prompted-baseline"],
  ] as const)("missing %s: %s as a blocker, not yet, and building it comes first", (field, code) => {
    const v = verdictFor({ evals: { [field]: false } });
    expect(warningOf(v, code).severity).toBe("blocker");
    expect(v.fineTune).toBe("not-yet");
    expect(v.approach).toBe("fine-tune");
    expect(v.nextSteps[0]).toBe(STEPS[field]);
    expect(v.reasons.map((r) => r.rule)).toContain("rule-2-evals-first");
    expect(codes(verdictFor())).not.toContain(code);
  });

  it("with nothing built, the three steps lead in order and the headline names the first two", () => {
    const v = verdictFor({ evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false } });
    expect(v.nextSteps.slice(0, 3)).toEqual([STEPS.hasEvalSet, STEPS.hasHeldOutTestSet, STEPS.hasPromptedBaseline]);
    expect(v.headline).toBe("Not yet: first build an eval set, hold out a test set and 1 more; then fine-tune.");
  });

  it("caps a gap that would otherwise be yes, and keeps its pipeline out", () => {
    const v = verdictFor({ ...latencyCase, evals: { hasHeldOutTestSet: false } });
    expect(v.fineTune).toBe("not-yet");
    expect(codes(v)).not.toContain("base-model-snapshot");
    expect(containsRun(v.nextSteps, PIPELINE_STEPS)).toBe(false);
  });

  it("an unnamed gap with no scores to compare counts as an unmeasured baseline", () => {
    const v = verdictFor({ gaps: ["not-measured", "format"], evals: { baselineScore: undefined } });
    expect(v.fineTune).toBe("not-yet");
    expect(warningOf(v, "no-prompted-baseline").title).toBe("Shortfall not measured");
    expect(verdictFor({ gaps: ["not-measured", "format"] }).fineTune).toBe("yes");
  });
});

describe("rule 3: gap kinds", () => {
  it.each([
    ["knowledge", "knowledge-use-rag", "rag"],
    ["hallucination", "hallucination-not-fixed-by-finetune", "rag"],
    ["reasoning", "reasoning-not-fixed-by-finetune", "prompting"],
    ["personality", "personality-use-prompting", "few-shot"],
  ] as const)("a %s gap alone is no, %s, work on %s", (gap, code, approach) => {
    const v = verdictFor({ gaps: [gap], tried: ["prompt-engineering"] });
    expect(v).toMatchObject({ fineTune: "no", approach, method: null });
    expect(warningOf(v, code).severity).toBe("warning");
    expect(v.headline).toContain(`does not fix ${gap} gaps`);
    expect(v.reasons.map((r) => r.rule)).toContain("how-the-rules-combine");
  });

  it.each(["knowledge", "hallucination", "reasoning", "personality"] as const)(
    "a %s gap never reaches yes, even with abundant data",
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

  it("a knowledge gap with RAG tried stays on retrieval and explains why pretraining is not next", () => {
    const v = verdictFor({ gaps: ["knowledge"], tried: ["rag"] });
    expect(v).toMatchObject({ fineTune: "no", approach: "rag" });
    expect(v.headline).toMatch(/improve retrieval instead\.$/);
    const reasons = v.reasons.map((r) => r.text).join(" ");
    expect(reasons).toMatch(/continued pretraining/);
    expect(reasons).toMatch(/almost never right for a product team/);
    expect(v.nextSteps[0]).toMatch(/^Improve retrieval/);
  });

  it("hallucination moves from RAG to tool use to validating answers", () => {
    expect(verdictFor({ gaps: ["hallucination"], tried: ["rag"] }).approach).toBe("tool-use");
    expect(verdictFor({ gaps: ["hallucination"], tried: ["rag", "tool-use"] }).nextSteps[0]).toMatch(/^Validate answers/);
  });

  it.each(["format", "style", "domain-behavior"] as const)("a %s gap with its cheaper fixes tried is yes", (gap) => {
    expect(verdictFor({ gaps: [gap], tried: ["prompt-engineering", "structured-output", "few-shot", "rag"] }).fineTune).toBe("yes");
  });

  it("a narrow classification task with abundant data and a measured shortfall can reach yes", () => {
    const v = verdictFor({ task: "classification", gaps: ["none"], tried: ["prompt-engineering", "few-shot"] });
    expect(v.fineTune).toBe("yes");
    expect(verdictFor({ task: "classification", gaps: ["none"], data: { labeledExamples: 999 } }).fineTune).toBe("not-yet");
    expect(verdictFor({ task: "generation", gaps: ["none"] }).fineTune).toBe("not-yet");
  });

  it("an unmeasured gap alone is not yet, and no reason says the answer is no", () => {
    const v = verdictFor({ gaps: ["not-measured"], evals: { baselineScore: undefined, targetScore: undefined } });
    expect(v.fineTune).toBe("not-yet");
    expect(v.reasons.map((r) => r.rule)).not.toContain("how-the-rules-combine");
  });

  it("none with a measured shortfall on a generation task: name the shortfall first", () => {
    const v = verdictFor({ gaps: ["none"] });
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "prompting" });
    expect(v.headline).toBe("Not yet: first name what falls short.");
  });
});

describe("rule 4: cheaper rungs first", () => {
  it.each<[string, AnswersOverrides, RegExp, string]>([
    ["format without structured output", { gaps: ["format"], tried: ["prompt-engineering", "few-shot"] }, /structured output/, "prompting"],
    [
      "format without examples",
      { gaps: ["format"], tried: ["prompt-engineering", "structured-output"] },
      /examples in the prompt/,
      "few-shot",
    ],
    ["style without prompt engineering", { gaps: ["style"], tried: ["few-shot"] }, /prompt engineering/, "prompting"],
    ["domain behaviour without RAG", { gaps: ["domain-behavior"], tried: ["prompt-engineering", "few-shot"] }, /retrieval \(RAG\)/, "rag"],
    ["latency without caching", { ...latencyCase, tried: ["prompt-engineering"] }, /prompt caching/, "prompting"],
  ])("%s: untried-prompting naming it, not yet, approach %s", (_, overrides, named, approach) => {
    const v = verdictFor(overrides);
    const w = warningOf(v, "untried-prompting");
    expect(w.severity).toBe("warning");
    expect(w.message).toMatch(named);
    expect(w.title).toMatch(named);
    expect(v).toMatchObject({ fineTune: "not-yet", approach });
    expect(v.headline).toMatch(/^Not yet: first try /);
  });

  it("counts many-shot as few-shot tried", () => {
    const v = verdictFor({ gaps: ["format"], tried: ["prompt-engineering", "structured-output", "many-shot"] });
    expect(v.fineTune).toBe("yes");
    expect(v.nextSteps.join(" ")).not.toMatch(/worked examples/);
  });

  it.each(["summarization", "translation"] as const)("makes many-shot a rung of its own for %s, named with prompt caching", (task) => {
    const v = verdictFor({ task, gaps: ["style"], tried: ["prompt-engineering", "few-shot"] });
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "few-shot" });
    expect(warningOf(v, "untried-prompting").message).toMatch(/hundreds of examples in the prompt and prompt caching/);
    const cached = verdictFor({ task, gaps: ["style"], tried: ["prompt-engineering", "few-shot", "prompt-caching"] });
    expect(warningOf(cached, "untried-prompting").message).not.toMatch(/prompt caching/);
    expect(verdictFor({ task, gaps: ["style"], tried: ["prompt-engineering", "many-shot"] }).fineTune).toBe("yes");
  });

  it("does not ask many-shot of other tasks", () => {
    expect(verdictFor({ task: "classification", gaps: ["style"], tried: ["prompt-engineering", "few-shot"] }).fineTune).toBe("yes");
  });
});

describe("rule 5: volume and cost", () => {
  it("a break-even under six months makes a latency and cost gap yes", () => {
    const v = verdictFor(latencyCase);
    expect(v).toMatchObject({ fineTune: "yes", approach: "fine-tune" });
    expect(v.breakEven).toEqual({
      monthlyTokens: 250_000_000,
      monthlySavingsUsd: 2000,
      trainingUsd: 5000,
      months: 2.5,
      withinSixMonths: true,
      requestsPerMonthFor6MonthPayback: 104_167,
    });
    expect(v.reasons.map((r) => r.text)).toContain(
      "Saving $2,000 a month, the $5,000 of training pays back in about 2.5 months. Below about 104,000 requests a month it would take longer than six months.",
    );
  });

  it.each<[string, number, number | null]>([
    ["exactly 6 months", 12_000, 6],
    ["12.5 months", 25_000, 12.5],
    ["never (hosting eats the savings)", 5000, null],
  ])("a break-even of %s: break-even-over-6-months and no for a latency and cost gap, with the flip point", (_, trainingUsd, months) => {
    const costs = months === null ? { trainingUsd, hostingUsdPerMonth: 2100 } : { trainingUsd };
    const v = verdictFor({ ...latencyCase, costs: { ...latencyCase.costs, ...costs } });
    expect(v.breakEven?.months).toBe(months);
    expect(warningOf(v, "break-even-over-6-months").severity).toBe("warning");
    expect(v).toMatchObject({ fineTune: "no", approach: "prompting", method: null });
    expect(v.headline).toMatch(/; it would pay back within six months above about [\d,]+ requests a month\.$/);
  });

  it("says money the way people do when the fine-tune costs more than it saves", () => {
    const v = verdictFor({ ...latencyCase, costs: { ...latencyCase.costs, hostingUsdPerMonth: 2210 } });
    expect(v.breakEven?.monthlySavingsUsd).toBe(-210);
    expect(warningOf(v, "break-even-over-6-months").message).toContain("costs $210 a month more than it saves, so it never pays back");
    expect(JSON.stringify(v.reasons)).not.toContain("-$");
  });

  it("is only a warning for a format gap", () => {
    const v = verdictFor({ volume: latencyCase.volume, costs: { ...latencyCase.costs, trainingUsd: 25_000 } });
    expect(codes(v)).toContain("break-even-over-6-months");
    expect(v.fineTune).toBe("yes");
    expect(v.headline).toBe("Fine-tune, but it takes about 12.5 months to pay back.");
  });

  it.each([
    [4_999_999, true],
    [5_000_000, false],
    [0, true],
  ])("%d tokens a month: low-volume %s", (tokens, fires) => {
    const v = verdictFor({ volume: { requestsPerMonth: tokens, tokensPerRequest: 1 } });
    expect(codes(v).includes("low-volume")).toBe(fires);
    expect(v.fineTune).toBe("yes");
  });

  it("names the cost inputs missing when only some are given, as paths and in words", () => {
    const v = verdictFor({ volume: { tokensPerRequest: 800 }, costs: { trainingUsd: 2000 } });
    expect(v.costInputsMissing).toEqual(["costs.currentUsdPerMTok", "costs.fineTunedUsdPerMTok", "costs.hostingUsdPerMonth"]);
    expect(v.reasons.map((r) => r.text)).toContain(
      "Some costs are given, but a break-even also needs today's price per million tokens and the fine-tuned model's price per million tokens.",
    );
    expect(verdictFor({ costs: { currentUsdPerMTok: 5, fineTunedUsdPerMTok: 1, trainingUsd: 100 } }).costInputsMissing).toEqual([
      "volume.tokensPerRequest",
      "costs.hostingUsdPerMonth",
    ]);
  });

  it("says a computed break-even assumes no hosting cost when hosting is left out", () => {
    const v = verdictFor(latencyCase);
    expect(v.costInputsMissing).toEqual(["costs.hostingUsdPerMonth"]);
    expect(v.reasons.map((r) => r.text).join(" ")).toMatch(/assumes the fine-tuned model adds no hosting cost/);
  });

  it("says nothing about costs nobody gave", () => {
    expect(verdictFor().costInputsMissing).toEqual([]);
  });

  it("a latency need met by a small candidate makes a latency and cost gap yes without a break-even", () => {
    const v = verdictFor({ ...latencyCase, costs: undefined, latencySensitive: true, candidateSizeB: 8 });
    expect(v.fineTune).toBe("yes");
    expect(v.costInputsMissing).toEqual([]);
  });

  it("without a break-even or a small fast candidate a latency and cost gap is not yet and asks for the numbers", () => {
    const v = verdictFor({ ...latencyCase, volume: { tokensPerRequest: undefined }, costs: undefined });
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "fine-tune" });
    expect(v.costInputsMissing).toEqual(COST_INPUTS_ALL);
    expect(v.nextSteps).toContain(
      "Fill in tokens per request, the training cost, today's price per million tokens and the fine-tuned model's price per million tokens to work out the break-even.",
    );
    expect(v.headline).toBe("Not yet: first work out the break-even; then fine-tune.");
  });
});

const COST_INPUTS_ALL = [
  "volume.tokensPerRequest",
  "costs.trainingUsd",
  "costs.currentUsdPerMTok",
  "costs.fineTunedUsdPerMTok",
  "costs.hostingUsdPerMonth",
];

describe("rule 6: data", () => {
  it.each([
    [0, ["too-few-examples", "under-500-examples"]],
    [199, ["too-few-examples", "under-500-examples"]],
    [200, ["under-500-examples"]],
    [499, ["under-500-examples"]],
  ] as const)("%d examples: %j as blockers, not yet", (labeledExamples, expected) => {
    const v = verdictFor({ data: { labeledExamples } });
    for (const code of expected) expect(warningOf(v, code).severity).toBe("blocker");
    expect(codes(v).filter((c) => c === "too-few-examples" || c === "under-500-examples")).toEqual(expected);
    expect(v.fineTune).toBe("not-yet");
    expect(warningOf(v, "under-500-examples").title).toBe(`${labeledExamples} examples: 500+ recommended`);
  });

  it("fewer than 200 with examples in the prompt untried: approach few-shot and a step to collect more", () => {
    const v = verdictFor({ data: { labeledExamples: 150 }, tried: ["prompt-engineering", "structured-output"] });
    expect(v.approach).toBe("few-shot");
    expect(v.nextSteps).toContain("Collect and curate more labelled examples: aim for about 1,000.");
    expect(verdictFor({ data: { labeledExamples: 150 } }).approach).toBe("fine-tune");
  });

  it("fewer than 500: grow the dataset, synthetic data if needed", () => {
    expect(verdictFor({ data: { labeledExamples: 499 } }).nextSteps).toContain(
      "Grow the dataset to 500 or more curated examples, with synthetic data if needed.",
    );
  });

  it("500 examples clear both", () => {
    const v = verdictFor({ data: { labeledExamples: 500 } });
    expect(codes(v)).not.toContain("under-500-examples");
    expect(v.fineTune).toBe("yes");
  });

  it.each([
    ["noisy", true],
    ["mixed", false],
    ["curated", false],
  ] as const)("%s data: noisy-data %s, a blocker that caps at not yet", (quality, fires) => {
    const v = verdictFor({ data: { quality } });
    expect(codes(v).includes("noisy-data")).toBe(fires);
    expect(v.fineTune).toBe(fires ? "not-yet" : "yes");
    if (fires) {
      expect(warningOf(v, "noisy-data").severity).toBe("blocker");
      expect(v.nextSteps[0]).toMatch(/^Clean the dataset/);
    }
  });

  it("unversioned data: data-not-versioned, a warning with a step, no cap", () => {
    const v = verdictFor({ data: { versioned: false } });
    expect(warningOf(v, "data-not-versioned").severity).toBe("warning");
    expect(v.nextSteps).toContain("Version the dataset and the training settings.");
    expect(v.fineTune).toBe("yes");
  });
});

describe("rule 7: stability and scope", () => {
  it("weekly change: task-changes-often as a blocker and no, even for a ready gap", () => {
    const v = verdictFor({ taskChangeFrequency: "weekly" });
    expect(warningOf(v, "task-changes-often").severity).toBe("blocker");
    expect(v).toMatchObject({ fineTune: "no", method: null, approach: "prompting" });
    expect(v.headline).toMatch(/changes every week/);
  });

  it("monthly change: the same warning and not yet, on the prompt", () => {
    const v = verdictFor({ taskChangeFrequency: "monthly" });
    expect(warningOf(v, "task-changes-often").title).toBe("Task changes every month");
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "prompting" });
  });

  it.each(["quarterly", "rarely"] as const)("%s change: no warning", (taskChangeFrequency) => {
    expect(codes(verdictFor({ taskChangeFrequency }))).not.toContain("task-changes-often");
  });

  it("one model serving several tasks: multiple-tasks as a blocker, not yet, approach prompting", () => {
    const v = verdictFor({ tasksServed: 10 });
    expect(warningOf(v, "multiple-tasks")).toMatchObject({ severity: "blocker", title: "One model, 10 tasks" });
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "prompting" });
    expect(v.nextSteps[0]).toMatch(/decide each task on its own/);
    expect(codes(verdictFor({ tasksServed: 1 }))).not.toContain("multiple-tasks");
  });
});

describe("rule 8: compliance", () => {
  it("requires an open-weight model hosted in-house, whatever else is decided", () => {
    const yes = verdictFor({ compliance: "self-host-required" });
    expect(yes.method?.hosting).toBe("self-hosted");
    expect(warningOf(yes, "compliance-self-host").severity).toBe("info");
    const no = verdictFor({ compliance: "self-host-required", gaps: ["reasoning"] });
    expect(no.fineTune).toBe("no");
    expect(codes(no)).toContain("compliance-self-host");
  });

  it("a closed model to fine-tune cannot be hosted in-house: blocker, not yet, pick an open-weight model", () => {
    const v = verdictFor({ ...throughOpenAi, mlopsCapacity: true, compliance: "self-host-required" });
    expect(warningOf(v, "compliance-self-host")).toMatchObject({ severity: "blocker", title: "A closed model cannot be hosted in-house" });
    expect(v.fineTune).toBe("not-yet");
    expect(v.nextSteps[0]).toMatch(/^Pick an open-weight model to fine-tune and host yourself/);
  });

  it("a closed production model under compliance is flagged even when the answer is no", () => {
    const v = verdictFor({ ...throughOpenAi, gaps: ["knowledge"], compliance: "self-host-required" });
    expect(warningOf(v, "compliance-self-host").message).toMatch(/gpt-4o-2024-08-06 runs on OpenAI's servers/);
  });
});

describe("rule 9: method and risk", () => {
  it.each<[string, AnswersOverrides, "provider-api" | "self-hosted"]>([
    ["a closed model with a size typed", { candidateModel: "gpt-4.1-nano", candidateSizeB: 8 }, "provider-api"],
    ["a closed model without MLOps", { ...throughOpenAi }, "provider-api"],
    ["an open-weight model with MLOps", {}, "self-hosted"],
    ["an open-weight model without MLOps that a service fine-tunes", { mlopsCapacity: false }, "provider-api"],
    [
      "an open-weight model without MLOps that no service fine-tunes",
      { mlopsCapacity: false, candidateModel: "microsoft/phi-4" },
      "self-hosted",
    ],
    ["an unknown model with MLOps", { candidateModel: "acme/house-model-9b", candidateSizeB: 9 }, "self-hosted"],
  ])("hosting follows what the model is: %s → %s", (_, overrides, hosting) => {
    expect(verdictFor(overrides).method?.hosting).toBe(hosting);
  });

  it("LoRA by default and QLoRA for a large model hosted in-house", () => {
    expect(verdictFor().method?.technique).toBe("lora");
    expect(verdictFor({ candidateModel: "meta-llama/Llama-3.1-70B-Instruct", candidateSizeB: 70 }).method?.technique).toBe("qlora");
  });

  it.each([
    [0.5, false],
    [1, true],
    [7, true],
    [8, false],
  ])("a %dB candidate: catastrophic-forgetting-risk %s", (candidateSizeB, fires) => {
    expect(codes(verdictFor({ candidateSizeB })).includes("catastrophic-forgetting-risk")).toBe(fires);
  });

  it("no MLOps capacity: a warning that names the service doing the work", () => {
    const v = verdictFor({ mlopsCapacity: false });
    expect(warningOf(v, "no-mlops-capacity")).toMatchObject({ severity: "warning", message: expect.stringMatching(/Together AI/) });
    expect(v.fineTune).toBe("yes");
  });

  it("self-hosting required and no MLOps capacity: no route is left, a blocker", () => {
    const v = verdictFor({ compliance: "self-host-required", mlopsCapacity: false });
    expect(warningOf(v, "no-mlops-capacity").severity).toBe("blocker");
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "fine-tune" });
    expect(v.headline).toBe("Not yet: first build the capacity to run models yourself; then fine-tune.");
  });

  it.each([
    ["claude-sonnet-4-5", "Anthropic"],
    ["gpt-5", "OpenAI"],
    ["gemini-3-pro-preview", "Google"],
    ["amazon.nova-premier-v1:0", "Amazon"],
  ])("%s, which %s does not let customers fine-tune: candidate-not-tunable, a blocker", (candidateModel, provider) => {
    const v = verdictFor({ candidateModel, candidateSizeB: undefined });
    expect(warningOf(v, "candidate-not-tunable")).toMatchObject({ severity: "blocker", title: `${provider} doesn't fine-tune this model` });
    expect(v.fineTune).toBe("not-yet");
    expect(v.nextSteps[0]).toMatch(/^Pick an open-weight model to fine-tune \(Llama, Qwen, Mistral\), or one of the models/);
  });

  it.each(["gpt-4.1-mini", "gpt-4o-mini-2024-07-18", "claude-3-haiku-20240307", "gemini-2.5-flash", "amazon.nova-lite-v1:0"])(
    "%s can be fine-tuned by customers",
    (candidateModel) => {
      expect(codes(verdictFor({ candidateModel, candidateSizeB: undefined, asOf: "2026-06-01" }))).not.toContain("candidate-not-tunable");
    },
  );

  it("says a provider ended customer fine-tuning only from the day it did", () => {
    const before = verdictFor({ candidateModel: "command-a-03-2025", candidateSizeB: undefined, asOf: "2025-06-01" });
    expect(warningOf(before, "candidate-not-tunable").message).toMatch(/Cohere lets customers fine-tune only some of its models/);
    const after = verdictFor({ candidateModel: "command-a-03-2025", candidateSizeB: undefined, asOf: "2025-10-01" });
    expect(warningOf(after, "candidate-not-tunable").message).toMatch(/Cohere ended customer fine-tuning on 15 Sep 2025/);
    expect(after.reasons.map((r) => r.text)).toContain(
      "No method applies to command-a-03-2025 until a model that can be fine-tuned is chosen.",
    );
  });

  it("names the production model when no candidate was named", () => {
    const v = verdictFor({ baseModel: "claude-sonnet-4-5", candidateModel: undefined, candidateSizeB: undefined });
    expect(warningOf(v, "candidate-not-tunable").message).toMatch(
      /No model to fine-tune was named, so this is the production model, claude-sonnet-4-5/,
    );
  });
});

describe("rule 10: snapshot", () => {
  it("whenever yes: base-model-snapshot naming the model that would be fine-tuned, and the pipeline", () => {
    const v = verdictFor({ baseModel: "gpt-4o-2024-08-06" });
    const w = warningOf(v, "base-model-snapshot");
    expect(w.message).toContain("meta-llama/Llama-3.1-8B-Instruct");
    expect(w.message).not.toContain("gpt-4o-2024-08-06");
    expect(v.steps.map((s) => s.text).slice(-7)).toEqual([...PIPELINE_STEPS]);
  });

  it("names the production model when it is the one fine-tuned", () => {
    expect(warningOf(verdictFor({ candidateModel: undefined }), "base-model-snapshot").message).toContain(
      "meta-llama/Llama-3.1-70B-Instruct",
    );
  });

  it("marks the steps the answers show as done, and keeps them out of nextSteps", () => {
    const v = verdictFor();
    expect(v.steps.filter((s) => s.done).map((s) => s.text)).toEqual(PIPELINE_STEPS.slice(0, 3));
    expect(v.nextSteps).toEqual(PIPELINE_STEPS.slice(3));
    const mixed = verdictFor({ data: { quality: "mixed" } });
    expect(mixed.steps.find((s) => s.text === PIPELINE_STEPS[0])?.done).toBe(false);
  });

  it.each<[string, AnswersOverrides]>([
    ["not-yet", { data: { labeledExamples: 300 } }],
    ["no", { taskChangeFrequency: "weekly" }],
  ])("%s: no snapshot note and no pipeline", (_, overrides) => {
    expect(codes(verdictFor(overrides))).not.toContain("base-model-snapshot");
    expect(stepTexts(overrides).some((s) => (PIPELINE_STEPS as readonly string[]).includes(s))).toBe(false);
  });
});

describe("rule 11: provider facts, dated", () => {
  it.each<[string, string[], string[]]>([
    ["2026-03-01", [], ["7 May 2026", "2 Jul 2026", "6 Jan 2027"]],
    ["2026-06-01", ["7 May 2026"], ["2 Jul 2026", "6 Jan 2027"]],
    ["2026-09-15", ["7 May 2026", "2 Jul 2026"], ["6 Jan 2027"]],
  ])("before the last date, as of %s: a warning with the dates, named in the headline", (asOf, past, coming) => {
    const v = verdictFor({ ...throughOpenAi, asOf });
    const w = warningOf(v, "provider-finetune-closing");
    expect(w).toMatchObject({ severity: "warning", title: "OpenAI fine-tuning closes on 6 Jan 2027" });
    for (const day of past) expect(w.message).toMatch(new RegExp(`stopped new self-serve fine-tuning jobs .*on ${day}`));
    for (const day of coming) expect(w.message).toContain(`on ${day}`);
    expect(w.message).toContain("until its base model retires");
    expect(v.fineTune).toBe("yes");
    expect(v.headline).toBe("Fine-tune, but not through OpenAI after 6 Jan 2027.");
    expect(v.nextSteps.join(" ")).toMatch(/Plan an open-weight route before 6 Jan 2027/);
  });

  it.each(["2027-01-06", "2028-03-01"])(
    "on or after the last date (%s): a blocker, not yet, and the next steps lead with an open-weight route",
    (asOf) => {
      const v = verdictFor({ ...throughOpenAi, asOf });
      expect(warningOf(v, "provider-finetune-closing")).toMatchObject({
        severity: "blocker",
        title: "OpenAI fine-tuning closed on 6 Jan 2027",
      });
      expect(v.fineTune).toBe("not-yet");
      expect(v.nextSteps[0]).toMatch(/^Take an open-weight route/);
      expect(v.headline).toMatch(/open-weight route/);
    },
  );

  it("a day before the last date is still only a warning", () => {
    expect(warningOf(verdictFor({ ...throughOpenAi, asOf: "2027-01-05" }), "provider-finetune-closing").severity).toBe("warning");
  });

  it("also fires for a not-yet verdict that would fine-tune through OpenAI, and the headline names it", () => {
    const v = verdictFor({ ...throughOpenAi, data: { labeledExamples: 300 }, asOf: "2026-06-01" });
    expect(v.fineTune).toBe("not-yet");
    expect(codes(v)).toContain("provider-finetune-closing");
    expect(v.headline).toBe(
      "Not yet: first grow the data to 500+ examples (300 now); then fine-tune, but not through OpenAI after 6 Jan 2027.",
    );
    const prompt = verdictFor({ ...throughOpenAi, tried: ["prompt-engineering"], asOf: "2026-06-01" });
    expect(prompt.headline).toBe(
      "Not yet: first try structured output and examples in the prompt. Fine-tuning through OpenAI closes on 6 Jan 2027.",
    );
  });

  it.each<[string, AnswersOverrides]>([
    ["an open-weight candidate", { mlopsCapacity: false }],
    ["gpt-oss, which is open-weight", { ...throughOpenAi, candidateModel: "openai/gpt-oss-20b" }],
    ["self-hosting required", { ...throughOpenAi, compliance: "self-host-required" }],
    ["a no verdict", { ...throughOpenAi, taskChangeFrequency: "weekly" }],
    ["a Claude model", { ...throughOpenAi, baseModel: "claude-3-haiku-20240307" }],
    ["an OpenAI model OpenAI never fine-tuned", { ...throughOpenAi, baseModel: "gpt-5" }],
  ])("does not fire for %s", (_, overrides) => {
    expect(codes(verdictFor({ ...overrides, asOf: "2026-06-01" }))).not.toContain("provider-finetune-closing");
  });

  it("fires for an OpenAI candidate even with MLOps capacity and a size typed: a closed model is tuned through its API", () => {
    const v = verdictFor({ candidateModel: "gpt-4.1-nano", candidateSizeB: 8, asOf: "2026-06-01" });
    expect(v.method?.hosting).toBe("provider-api");
    expect(codes(v)).toContain("provider-finetune-closing");
  });
});

describe("model selection (try-stronger-model)", () => {
  it("a baseline 30 points below target with no stronger model tried: blocker, not yet, model selection first", () => {
    const v = verdictFor({ evals: { baselineScore: 50, targetScore: 80 } });
    expect(warningOf(v, "try-stronger-model").severity).toBe("blocker");
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "prompting", headline: "Not yet: first try a stronger model." });
    expect(v.nextSteps).toContain("Score a stronger base model on the same eval set before training a weaker one.");
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
  it("a knowledge gap beside a format gap does not stop the format gap; retrieval is the cheaper rung still to do", () => {
    const v = verdictFor({ gaps: ["knowledge", "format"] });
    expect(v).toMatchObject({ fineTune: "yes", approach: "rag" });
    expect(codes(v)).toContain("knowledge-use-rag");
    expect(v.nextSteps[0]).toBe("Build a retrieval layer (RAG) over the documents the model needs, and measure again.");
    expect(v.headline).toBe("Fine-tune, but add retrieval (RAG) for the knowledge gap too.");
  });

  it("a failing break-even does not stop a format gap beside a latency and cost gap", () => {
    const v = verdictFor({
      ...latencyCase,
      gaps: ["latency-cost", "format"],
      tried: ["prompt-engineering", "prompt-caching", "structured-output", "few-shot"],
      costs: { ...latencyCase.costs, trainingUsd: 50_000 },
    });
    expect(v.fineTune).toBe("yes");
    expect(codes(v)).toContain("break-even-over-6-months");
  });

  it("no beats not yet: weekly change with too few examples is no", () => {
    expect(verdictFor({ taskChangeFrequency: "weekly", data: { labeledExamples: 50 } }).fineTune).toBe("no");
  });

  it("not yet beats yes: a ready gap under a monthly-change cap is not yet", () => {
    expect(verdictFor({ taskChangeFrequency: "monthly" }).fineTune).toBe("not-yet");
  });

  it("the approach is the cheapest rung still to do for any gap", () => {
    expect(verdictFor({ gaps: ["hallucination", "personality"], tried: ["prompt-engineering"] }).approach).toBe("few-shot");
    expect(verdictFor({ gaps: ["hallucination", "reasoning"] }).approach).toBe("prompting");
    expect(verdictFor({ gaps: ["knowledge", "format"], tried: ["prompt-engineering", "structured-output"] }).approach).toBe("few-shot");
    expect(verdictFor({ gaps: ["knowledge", "hallucination"], tried: ["rag"] }).approach).toBe("rag");
  });

  it("the approach is fine-tune when only prerequisites hold the verdict back, and the headline names them", () => {
    const v = verdictFor({ evals: { hasEvalSet: false }, data: { labeledExamples: 350 } });
    expect(v).toMatchObject({ fineTune: "not-yet", approach: "fine-tune" });
    expect(v.headline).toBe("Not yet: first build an eval set and grow the data to 500+ examples (350 now); then fine-tune.");
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

  it("gives each reason once", () => {
    const v = verdictFor({ gaps: ["format", "style"], tried: ["prompt-engineering"] });
    const texts = v.reasons.map((r) => r.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
