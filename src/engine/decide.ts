import type { Answers } from "./answers.js";
import {
  BREAK_EVEN_LIMIT_MONTHS,
  computeBreakEven,
  formatCount,
  formatUsd,
  LOW_VOLUME_TOKENS_PER_MONTH,
  monthlyTokens,
} from "./break-even.js";
import { isCandidate, judgeGaps, techniqueStep } from "./gaps.js";
import { describeClosing, fineTuneFactFor } from "./provider-facts.js";
import { cheaperRung, type FineTune, type Method, type Reason, type Rung, sortWarnings, strongerCap, type Verdict } from "./verdict.js";
import { note, toWarnings, type WarningNote } from "./warnings.js";

/** Bumped whenever a rule changes; stored with every decision. */
export const ENGINE_VERSION = "1.1.0";

/** Seed 003: the fine-tuning pipeline that works, in order. */
export const PIPELINE_STEPS = [
  "Build a clean dataset of input/output pairs in the format the production system uses.",
  "Hold out a test set and never train on it.",
  "Score the prompted baseline on that test set: that is the number to beat.",
  "Fine-tune with LoRA (QLoRA for large models on limited hardware); full fine-tuning only if nothing else works.",
  "Evaluate the fine-tuned model on the test set and compare it with the baseline, across the whole task surface.",
  "Run it on production-distribution data, not just the curated test set.",
  "Plan re-tuning for when the base model gets a new version.",
] as const;

const STRONGER_MODEL_GAP_POINTS = 30;
const FORGETTING_MIN_B = 1;
const FORGETTING_MAX_B = 7;
/** Seed 001/000: QLoRA makes 65B+ models trainable on limited hardware. */
const QLORA_MIN_B = 30;
const OPEN_WEIGHT_HINT = /(^|[/-])(llama|mistral|mixtral|qwen|gemma|phi|deepseek|falcon|olmo|smollm|granite|gpt-oss)/i;

class Findings {
  cap: FineTune = "yes";
  readonly notes: WarningNote[] = [];
  readonly reasons: Reason[] = [];
  readonly firstSteps: string[] = [];
  readonly steps: string[] = [];
  readonly rungs: Rung[] = [];

  raise(...notes: WarningNote[]): void {
    this.notes.push(...notes);
  }
  because(rule: string, text: string): void {
    this.reasons.push({ rule, text });
  }
  limit(cap: FineTune): void {
    this.cap = strongerCap(this.cap, cap);
  }
  step(...steps: string[]): void {
    for (const s of steps) if (!this.steps.includes(s) && !this.firstSteps.includes(s)) this.steps.push(s);
  }
}

/** The decision engine: answers in, verdict out. Pure: no clock, no I/O. */
export function decide(answers: Answers): Verdict {
  const f = new Findings();
  const targetMet = checkTargetMet(answers, f);
  if (targetMet) return targetMet;

  checkEvals(answers, f);
  checkModelSelection(answers, f);
  const judgements = judgeGaps(answers);
  for (const j of judgements) {
    f.raise(...j.warnings);
    f.reasons.push(...j.reasons);
    f.step(...j.steps);
    if (j.verdict !== "yes") f.rungs.push(j.rung);
  }
  const breakEven = checkVolume(answers, f);
  checkData(answers, f);
  checkStability(answers, f);

  const anyCandidate = judgements.some((j) => j.verdict !== "no");
  const best = judgements.some((j) => j.verdict === "yes") ? "yes" : anyCandidate ? "not-yet" : "no";
  const fineTune = strongerCap(best, f.cap);
  if (!anyCandidate) f.because("combine", "No gap is one that fine-tuning fixes.");

  checkCompliance(answers, f);
  const method = fineTune === "no" ? null : chooseMethod(answers, f);
  if (fineTune === "yes") {
    f.raise(note("base-model-snapshot", `Recorded base model: ${answers.baseModel}.`));
    f.because("10 snapshot", "The fine-tune is a snapshot of its base model; the pipeline below plans its re-tuning.");
    f.step(...PIPELINE_STEPS);
  }
  if (method) checkProviderFacts(answers, method, f);

  const approach: Rung = fineTune === "yes" ? "fine-tune" : f.rungs.reduce<Rung>(cheaperRung, f.rungs[0] ?? "prompting");
  const warnings = sortWarnings(toWarnings(f.notes));
  return {
    fineTune,
    approach,
    headline: headline(fineTune, approach, answers, {
      blocker: warnings.find((w) => w.severity === "blocker")?.code,
      weekly: f.cap === "no",
      anyCandidate: judgements.some((j) => isCandidate(j.gap)),
    }),
    warnings,
    reasons: f.reasons,
    breakEven,
    method,
    nextSteps: [...f.firstSteps, ...f.steps],
    engineVersion: ENGINE_VERSION,
  };
}

/** Rule 1: a prompted baseline at or above the target ends the question. */
function checkTargetMet(answers: Answers, f: Findings): Verdict | null {
  const { baselineScore, targetScore } = answers.evals;
  if (baselineScore === undefined || targetScore === undefined || baselineScore < targetScore) return null;
  f.raise(note("target-met", `Baseline ${baselineScore} ≥ target ${targetScore}.`));
  f.because("1 target met", `The prompted baseline scores ${baselineScore}, at or above the target of ${targetScore}.`);
  return {
    fineTune: "no",
    approach: "prompting",
    headline: `Don't fine-tune "${answers.title}": prompting already meets the target (${baselineScore} ≥ ${targetScore}).`,
    warnings: toWarnings(f.notes),
    reasons: f.reasons,
    breakEven: computeBreakEven(answers),
    method: null,
    nextSteps: ["Ship the prompted system and keep its eval running so a regression shows up."],
    engineVersion: ENGINE_VERSION,
  };
}

/** Rule 2: evals first. */
function checkEvals(answers: Answers, f: Findings): void {
  const { hasEvalSet, hasHeldOutTestSet, hasPromptedBaseline, baselineScore, targetScore } = answers.evals;
  // Rule 3: a `none` or `not-measured` gap with no baseline and target score to show it is a baseline still to measure.
  const unmeasured =
    answers.gaps.some((g) => g === "none" || g === "not-measured") && (baselineScore === undefined || targetScore === undefined);
  if (!hasEvalSet) {
    f.raise(note("no-evals"));
    f.firstSteps.push("Build an eval set from real production inputs with expected outputs.");
  }
  if (!hasHeldOutTestSet) {
    f.raise(note("no-held-out-test-set"));
    f.firstSteps.push("Split off a held-out test set that is never trained on.");
  }
  if (!hasPromptedBaseline) {
    f.raise(note("no-prompted-baseline"));
    f.firstSteps.push("Score the prompted system on the eval set to get the baseline to beat.");
  } else if (unmeasured) {
    f.raise(note("no-prompted-baseline", "The shortfall is not measured: no baseline score and target score to compare."));
    f.firstSteps.push("Write down the target score and measure the prompted system against it on the eval set.");
  }
  if (f.firstSteps.length > 0) {
    f.limit("not-yet");
    f.rungs.push("prompting");
    f.because("2 evals first", "Without evals, a held-out split and a prompted baseline you cannot tell whether a fine-tune helped.");
  }
}

/** Seeds 002/001: model selection matters before fine-tuning matters. */
function checkModelSelection(answers: Answers, f: Findings): void {
  const { baselineScore, targetScore } = answers.evals;
  if (baselineScore === undefined || targetScore === undefined) return;
  if (targetScore - baselineScore < STRONGER_MODEL_GAP_POINTS || answers.tried.includes("stronger-model")) return;
  f.raise(note("try-stronger-model", `Baseline ${baselineScore}, target ${targetScore}.`));
  f.because(
    "model selection",
    `The baseline is ${targetScore - baselineScore} points below the target: a fine-tuned weaker model rarely closes that; try a stronger one first.`,
  );
  f.limit("not-yet");
  f.rungs.push("prompting");
  f.step(techniqueStep("stronger-model"));
}

/** Rule 5: volume and break-even warnings (the latency-cost gap itself is judged in gaps.ts). */
function checkVolume(answers: Answers, f: Findings) {
  const breakEven = computeBreakEven(answers);
  const tokens = monthlyTokens(answers);
  if (tokens !== null && tokens < LOW_VOLUME_TOKENS_PER_MONTH) {
    f.raise(note("low-volume", `About ${formatCount(tokens)} tokens a month.`));
  }
  if (breakEven && !breakEven.withinSixMonths) {
    f.raise(
      note(
        "break-even-over-6-months",
        breakEven.months === null
          ? `It saves ${formatUsd(breakEven.monthlySavingsUsd)} a month, so it never pays back.`
          : `Break-even after ${breakEven.months} months (limit ${BREAK_EVEN_LIMIT_MONTHS}).`,
      ),
    );
    f.because(
      "5 volume and cost",
      breakEven.months === null
        ? "The fine-tune costs more to run than it saves."
        : `Training at ${formatUsd(breakEven.trainingUsd)} pays back after ${breakEven.months} months.`,
    );
  } else if (breakEven) {
    f.because(
      "5 volume and cost",
      `Saving ${formatUsd(breakEven.monthlySavingsUsd)} a month, training at ${formatUsd(breakEven.trainingUsd)} pays back in ${breakEven.months} months.`,
    );
  }
  return breakEven;
}

/** Rule 6: data quantity, quality and versioning. */
function checkData(answers: Answers, f: Findings): void {
  const { labeledExamples, quality, versioned } = answers.data;
  if (labeledExamples < 200) {
    f.raise(note("too-few-examples", `You have ${labeledExamples}.`));
    f.because("6 data", `${labeledExamples} labelled examples are too few to fine-tune without overfitting.`);
    f.limit("not-yet");
    f.rungs.push("few-shot");
    f.step(techniqueStep("few-shot"), "Collect and curate more labelled examples (aim for about 1,000).");
  } else if (labeledExamples < 500) {
    f.raise(note("under-500-examples", `You have ${labeledExamples}.`));
    f.because("6 data", `${labeledExamples} labelled examples: few-shot or synthetic augmentation comes first.`);
    f.limit("not-yet");
    if (!answers.tried.includes("few-shot")) f.rungs.push("few-shot");
    f.step("Grow the dataset to 500+ curated examples, with synthetic augmentation if needed.");
  }
  if (quality === "noisy") {
    f.raise(note("noisy-data"));
    f.step("Clean the dataset: remove mislabelled and inconsistent examples before any training.");
  }
  if (!versioned) {
    f.raise(note("data-not-versioned"));
    f.step("Version the dataset and the training configuration.");
  }
}

/** Rule 7: stability and scope. */
function checkStability(answers: Answers, f: Findings): void {
  if (answers.taskChangeFrequency === "weekly") {
    f.raise(note("task-changes-often", "It changes weekly: fine-tuning is the wrong tool."));
    f.because("7 stability", "A task that changes weekly would need retraining every week.");
    f.limit("no");
  } else if (answers.taskChangeFrequency === "monthly") {
    f.raise(note("task-changes-often", "It changes monthly: expect a retraining run every month."));
    f.because("7 stability", "A task that changes monthly makes every fine-tune a recurring retraining burden.");
    f.limit("not-yet");
  }
  if (answers.tasksServed > 1) {
    f.raise(note("multiple-tasks", `This model serves ${answers.tasksServed} tasks.`));
  }
}

/** Rule 8. */
function checkCompliance(answers: Answers, f: Findings): void {
  if (answers.compliance !== "self-host-required") return;
  f.raise(note("compliance-self-host"));
  f.because(
    "8 compliance",
    "Compliance keeps the data on your own infrastructure, so any model (prompted or tuned) must be open-weight and self-hosted.",
  );
}

/** Rule 9: method and risk. */
function chooseMethod(answers: Answers, f: Findings): Method {
  const size = answers.candidateSizeB;
  const technique = size !== undefined && size >= QLORA_MIN_B ? "qlora" : "lora";
  if (size !== undefined && size >= FORGETTING_MIN_B && size <= FORGETTING_MAX_B) {
    f.raise(note("catastrophic-forgetting-risk", `The candidate has ${size}B parameters.`));
  }
  const tuned = answers.candidateModel ?? answers.baseModel;
  let hosting: Method["hosting"];
  if (answers.compliance === "self-host-required") {
    hosting = "self-hosted";
  } else if (!answers.mlopsCapacity) {
    hosting = "provider-api";
  } else {
    hosting = OPEN_WEIGHT_HINT.test(tuned) || size !== undefined ? "self-hosted" : "provider-api";
  }
  if (answers.compliance === "self-host-required" && !OPEN_WEIGHT_HINT.test(tuned)) {
    f.raise(note("compliance-self-host", `${tuned} is not a known open-weight model, so it cannot be the one you self-host.`));
    f.step("Pick an open-weight model (Llama, Qwen, Mistral) to fine-tune and self-host, and score it prompted on the eval set first.");
  }
  if (!answers.mlopsCapacity) {
    f.raise(
      note(
        "no-mlops-capacity",
        hosting === "self-hosted"
          ? "Compliance still requires self-hosting: build that capacity or stay with a self-hosted prompted model."
          : undefined,
      ),
    );
  }
  f.because(
    "9 method",
    `${technique === "qlora" ? "QLoRA, because the candidate is large" : "LoRA by default"}, ${hosting === "self-hosted" ? "self-hosted" : "through a provider's fine-tuning API"}.`,
  );
  return { technique, hosting };
}

/** Rule 11: dated provider facts. */
function checkProviderFacts(answers: Answers, method: Method, f: Findings): void {
  if (method.hosting !== "provider-api") return;
  const tuned = answers.candidateModel ?? answers.baseModel;
  const fact = fineTuneFactFor(tuned);
  if (!fact) return;
  const closing = describeClosing(fact, answers.asOf);
  f.raise(note("provider-finetune-closing", `${closing}.`));
  f.because("11 provider facts", `${tuned} would be fine-tuned through ${fact.provider}: ${closing}.`);
  f.step("Plan an open-weight route: LoRA on an open model (Llama, Qwen, Mistral) through a hosted fine-tuning service or your own GPUs.");
}

interface HeadlineFacts {
  blocker: string | undefined;
  weekly: boolean;
  anyCandidate: boolean;
}

function headline(fineTune: FineTune, approach: Rung, answers: Answers, facts: HeadlineFacts): string {
  const title = `"${answers.title}"`;
  if (fineTune === "yes") {
    return `Fine-tune ${title}: the gap is one training fixes, cheaper rungs were tried and the prerequisites are in place.`;
  }
  if (fineTune === "not-yet") {
    return `Not yet for ${title}: ${facts.blocker ? `resolve ${facts.blocker} and ` : ""}work on ${approach} first.`;
  }
  const why = facts.weekly
    ? "the task changes weekly"
    : facts.anyCandidate
      ? "it would not pay off"
      : `fine-tuning does not fix ${answers.gaps.join(" or ")} gaps`;
  return `Don't fine-tune ${title}: ${why}; work on ${approach}.`;
}
