import type { Answers } from "./answers.js";
import { anyCostGiven, computeBreakEven, missingCostInputs } from "./break-even.js";
import { type Context, contextOf, Findings } from "./findings.js";
import { type GapJudgement, isCandidate, judgeGaps } from "./gaps.js";
import { buildHeadline } from "./headline.js";
import { type ClosingFact, checkCompliance, checkProviderFacts, chooseMethod } from "./method.js";
import { describeModel, type ModelInfo } from "./models.js";
import { checkData, checkEvals, checkModelSelection, checkStability, checkVolume } from "./prerequisites.js";
import {
  type CostInput,
  cheaperRung,
  type FineTune,
  type Method,
  type Rung,
  type Step,
  sortWarnings,
  strongerCap,
  type Verdict,
} from "./verdict.js";
import { note, toWarnings } from "./warnings.js";
import { formatScore, GAP_NAME, listOf } from "./words.js";

/** Bumped whenever a rule changes; stored with every decision. */
export const ENGINE_VERSION = "2.0.0";

/** The fine-tuning pipeline that works, in order (docs/decision-rules.md#rule-10-snapshot). */
export const PIPELINE_STEPS = [
  "Build a clean dataset of input and output pairs in the format the production system uses.",
  "Hold out a test set and never train on it.",
  "Score the prompted baseline on that test set: that is the number to beat.",
  "Fine-tune with LoRA (QLoRA for large models on limited hardware); full fine-tuning only if nothing else works.",
  "Evaluate the fine-tuned model on the test set and compare it with the baseline, across the whole task surface.",
  "Run it on production-distribution data, not just the curated test set.",
  "Plan re-tuning for when the base model gets a new version.",
] as const;

const FALLBACK_STEP = "Keep the prompted system's eval running so a regression shows up.";

/** The decision engine: answers in, verdict out. Pure: no clock, no I/O. See docs/decision-rules.md. */
export function decide(answers: Answers): Verdict {
  const ctx = contextOf(answers, computeBreakEven(answers));
  const f = new Findings();
  const tunedId = answers.candidateModel ?? answers.baseModel;
  const tuned = describeModel(tunedId, answers.asOf);
  const production = tunedId === answers.baseModel ? tuned : describeModel(answers.baseModel, answers.asOf);

  if (ctx.targetMet) checkTargetMet(ctx, f);
  const judgements = judgeGaps(ctx);
  if (ctx.targetMet && judgements.length === 0) {
    checkCompliance(ctx, f, production);
    if (f.cap === "yes") f.step("Ship the prompted system and keep its eval running so a regression shows up.");
    // Rule 1: the answer is no, or not yet when the target was met on a model the team may not use.
    return finish(ctx, f, { judgements, fineTune: f.cap === "yes" ? "no" : f.cap, method: null, closing: null, tuned });
  }

  checkEvals(ctx, f);
  checkModelSelection(ctx, f);
  for (const j of judgements) {
    f.raise(...j.warnings);
    for (const r of j.reasons) f.because(r.rule, r.text);
    f.step(...j.steps);
    if (j.verdict !== "yes") f.rungs.push(j.rung);
  }
  checkVolume(ctx, f);
  checkData(ctx, f);
  checkStability(ctx, f);
  checkCompliance(ctx, f, production);

  const anyCandidate = judgements.some((j) => j.verdict !== "no");
  const best: FineTune = judgements.some((j) => j.verdict === "yes") ? "yes" : anyCandidate ? "not-yet" : "no";
  if (!anyCandidate && !judgements.some((j) => isCandidate(j.gap))) {
    const gaps = [...new Set(judgements.map((j) => GAP_NAME[j.gap]))];
    f.because("how-the-rules-combine", `None of the gaps (${listOf(gaps)}) is one fine-tuning fixes, so the answer is no.`);
  }
  if (anyCandidate) {
    f.rungs.push(...f.capRungs);
  }
  let method: Method | null = null;
  let closing: ClosingFact | null = null;
  if (anyCandidate && f.cap !== "no") {
    method = chooseMethod(ctx, f, tuned);
    closing = checkProviderFacts(ctx, f, tuned, method);
  }
  const fineTune = strongerCap(best, f.cap);
  if (fineTune === "no") method = null;
  return finish(ctx, f, { judgements, fineTune, method, closing, tuned });
}

/** Rule 1: a prompted system at or above the target closes the quality gaps. */
function checkTargetMet(ctx: Context, f: Findings): void {
  const baseline = formatScore(ctx.answers.evals.baselineScore!);
  const target = formatScore(ctx.answers.evals.targetScore!);
  f.raise(
    note("target-met", {
      title: `Prompting meets the target (${baseline} against ${target})`,
      detail: `The prompted system scores ${baseline} against a target of ${target}.`,
    }),
  );
  f.because(
    "rule-1-target-met",
    `The prompted system scores ${baseline}, at or above the target of ${target}, so the quality gaps are closed.`,
  );
}

interface Outcome {
  judgements: readonly GapJudgement[];
  fineTune: FineTune;
  method: Method | null;
  closing: ClosingFact | null;
  tuned: ModelInfo;
}

function finish(ctx: Context, f: Findings, o: Outcome): Verdict {
  const { fineTune, method, tuned } = o;
  const steps: Step[] = f.orderedSteps().map((text) => ({ text, done: false }));
  if (fineTune === "yes") {
    f.raise(note("base-model-snapshot", { detail: `This fine-tune would freeze ${tuned.id}.` }));
    f.because("rule-10-snapshot", `The fine-tune freezes a snapshot of ${tuned.id}; the steps end with planning its re-tuning.`);
    steps.push(...pipeline(ctx));
  }
  if (!steps.some((s) => !s.done)) steps.push({ text: FALLBACK_STEP, done: false });
  const pending = f.rungs.filter((r) => r !== "fine-tune");
  const approach: Rung =
    fineTune === "no" || pending.length > 0 ? pending.reduce<Rung>(cheaperRung, pending[0] ?? "prompting") : "fine-tune";
  const warnings = sortWarnings(toWarnings(f.notes));
  return {
    fineTune,
    approach,
    headline: buildHeadline({
      fineTune,
      approach,
      ctx,
      findings: f,
      judgements: o.judgements,
      warnings,
      closing: o.closing,
      tuned,
    }),
    warnings,
    reasons: f.reasons,
    breakEven: ctx.breakEven,
    costInputsMissing: costInputsMissing(ctx, o.judgements),
    method,
    nextSteps: steps.filter((s) => !s.done).map((s) => s.text),
    steps,
    engineVersion: ENGINE_VERSION,
  };
}

/** The pipeline, with the steps the answers show as done marked done (docs/decision-rules.md#rule-10-snapshot). */
function pipeline(ctx: Context): Step[] {
  const { data, evals } = ctx.answers;
  const done = [data.quality === "curated", evals.hasHeldOutTestSet, evals.hasPromptedBaseline && evals.baselineScore !== undefined];
  return PIPELINE_STEPS.map((text, i) => ({ text, done: done[i] ?? false }));
}

/** Rule 5: the inputs a break-even still needs, when some costs were given or the latency and cost gap needs them. */
function costInputsMissing(ctx: Context, judgements: readonly GapJudgement[]): CostInput[] {
  const latencyNeedsIt = judgements.some((j) => j.gap === "latency-cost" && j.verdict !== "yes" && !ctx.breakEven);
  return anyCostGiven(ctx.answers) || latencyNeedsIt ? missingCostInputs(ctx.answers) : [];
}
