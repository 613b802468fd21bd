import { anyCostGiven, COST_INPUT_NAME, LOW_VOLUME_TOKENS_PER_MONTH, missingCostInputs, monthlyTokens } from "./break-even.js";
import type { Context, Findings } from "./findings.js";
import { techniqueStep } from "./gaps.js";
import { note } from "./warnings.js";
import {
  formatApprox,
  formatCount,
  formatDuration,
  formatMoney,
  formatPayback,
  formatRequestsPerMonth,
  formatScore,
  listOf,
} from "./words.js";

// The rules that cap the whole verdict because something is missing or unstable, and rule 5's volume warnings:
// docs/decision-rules.md#rule-2-evals-first, #model-selection, #rule-5-volume-and-cost, #rule-6-data and
// #rule-7-stability-and-scope.

const STRONGER_MODEL_GAP_POINTS = 30;
const TOO_FEW_EXAMPLES = 200;
const RECOMMENDED_EXAMPLES = 500;

/** Rule 2: evals first. */
export function checkEvals(ctx: Context, f: Findings): void {
  const { hasEvalSet, hasHeldOutTestSet, hasPromptedBaseline, baselineScore, targetScore } = ctx.answers.evals;
  const unmeasured =
    ctx.answers.gaps.some((g) => g === "none" || g === "not-measured") && (baselineScore === undefined || targetScore === undefined);
  const before = f.evalSteps.length;
  if (!hasEvalSet) {
    f.raise(note("no-evals"));
    f.evalSteps.push("Build an eval set from real production inputs with the outputs you expect.");
    f.todo("build an eval set", true);
  }
  if (!hasHeldOutTestSet) {
    f.raise(note("no-held-out-test-set"));
    f.evalSteps.push("Split off a held-out test set that is never trained on.");
    f.todo("hold out a test set", true);
  }
  if (!hasPromptedBaseline) {
    f.raise(note("no-prompted-baseline"));
    f.evalSteps.push("Score the prompted system on the eval set to get the number to beat.");
    f.todo("score the prompted system", true);
  } else if (unmeasured) {
    f.raise(
      note("no-prompted-baseline", {
        title: "Shortfall not measured",
        detail: "There is no baseline score and target score to compare, so the shortfall is not measured.",
      }),
    );
    f.evalSteps.push("Write down the target score and measure the prompted system against it on the eval set.");
    f.todo("measure the prompted system against a target", true);
  }
  if (f.evalSteps.length > before) {
    f.limit("not-yet");
    f.because(
      "rule-2-evals-first",
      "Evals come first: without an eval set, a held-out split and a scored prompted system nobody can tell whether a fine-tune helped.",
    );
  }
}

/** A baseline far below the target on a model nobody compared with a stronger one: choose the model first. */
export function checkModelSelection(ctx: Context, f: Findings): void {
  const { baselineScore, targetScore } = ctx.answers.evals;
  if (ctx.targetMet || baselineScore === undefined || targetScore === undefined) return;
  const behind = targetScore - baselineScore;
  if (behind < STRONGER_MODEL_GAP_POINTS || ctx.tried.has("stronger-model")) return;
  f.raise(
    note("try-stronger-model", {
      detail: `The prompted system scores ${formatScore(baselineScore)} against a target of ${formatScore(targetScore)}.`,
    }),
  );
  f.because(
    "model-selection",
    `The prompted system is ${formatScore(behind)} points below the target: a fine-tuned weaker model rarely closes that, so try a stronger one first.`,
  );
  f.limit("not-yet");
  f.capRungs.push("prompting");
  f.step(techniqueStep("stronger-model"));
  f.todo("try a stronger model", true, "prompting");
}

/** Rule 5's warnings and the break-even in words (the latency and cost gap itself is judged in gaps.ts). */
export function checkVolume(ctx: Context, f: Findings): void {
  const tokens = monthlyTokens(ctx.answers);
  if (tokens !== null && tokens < LOW_VOLUME_TOKENS_PER_MONTH) {
    f.raise(
      note("low-volume", {
        title: `Low volume: ${formatApprox(tokens)} tokens a month`,
        detail: `This system uses about ${formatCount(tokens)} tokens a month.`,
      }),
    );
  }
  const b = ctx.breakEven;
  if (b) {
    const text = breakEvenText(b);
    if (!b.withinSixMonths) {
      f.raise(
        note("break-even-over-6-months", {
          title: b.months === null ? "Never pays back" : `Pays back in ${formatDuration(b.months)}`,
          detail: text,
        }),
      );
    }
    f.because("rule-5-volume-and-cost", text);
  }
  if (!anyCostGiven(ctx.answers)) return;
  const missing = missingCostInputs(ctx.answers);
  if (missing.length === 0) return;
  if (b) {
    f.because(
      "rule-5-volume-and-cost",
      "The break-even assumes the fine-tuned model adds no hosting cost: give the monthly hosting cost if it needs servers of its own.",
    );
    return;
  }
  const names = listOf(missing.filter((m) => m !== "costs.hostingUsdPerMonth").map((m) => COST_INPUT_NAME[m]));
  f.because("rule-5-volume-and-cost", `Some costs are given, but a break-even also needs ${names}.`);
  f.step(`Fill in ${names} to work out the break-even.`);
}

/** The break-even as a reviewer says it: money without signs, and where the answer flips. */
export function breakEvenText(b: NonNullable<Context["breakEven"]>): string {
  const flip = b.requestsPerMonthFor6MonthPayback === null ? null : formatRequestsPerMonth(b.requestsPerMonthFor6MonthPayback);
  const saving = b.monthlySavingsUsd;
  if (b.months !== null) {
    const training = `the ${formatMoney(b.trainingUsd)} of training`;
    if (b.withinSixMonths) {
      const below = flip === null ? "" : ` Below ${flip} it would take longer than six months.`;
      return `Saving ${formatMoney(saving)} a month, ${training} pays back ${formatPayback(b.months)}.${below}`;
    }
    const above = flip === null ? "" : ` It pays back within six months above ${flip}.`;
    return `Saving ${formatMoney(saving)} a month, ${training} takes ${formatDuration(b.months)} to pay back.${above}`;
  }
  const never =
    saving < 0
      ? `The fine-tuned model costs ${formatMoney(saving)} a month more than it saves, so it never pays back at this volume.`
      : "It saves nothing a month, so it never pays back at this volume.";
  if (flip !== null) return `${never} Above ${flip} it would pay back within six months.`;
  if (b.requestsPerMonthFor6MonthPayback !== null) return `${never} No realistic volume would pay it back within six months.`;
  return `${never} It costs as much per token as today's model or more, or uses no tokens, so no volume pays it back.`;
}

/** Rule 6: data quantity, quality and versioning. Its rungs count only when fine-tuning is on the table. */
export function checkData(ctx: Context, f: Findings): void {
  const { labeledExamples: n, quality, versioned } = ctx.answers.data;
  const count = formatCount(n);
  const fewShotUntried = !ctx.tried.has("few-shot");
  if (n < RECOMMENDED_EXAMPLES) {
    const tooFew = n < TOO_FEW_EXAMPLES;
    if (tooFew) f.raise(note("too-few-examples", { title: `Only ${count} examples: too few to fine-tune`, detail: `There are ${count}.` }));
    f.raise(note("under-500-examples", { title: `${count} examples: 500+ recommended`, detail: `There are ${count}.` }));
    f.because(
      "rule-6-data",
      tooFew
        ? `${count} labelled examples are too few to fine-tune without overfitting; examples in the prompt work as well or better.`
        : `With ${count} labelled examples, examples in the prompt or synthetic data come before training.`,
    );
    f.limit("not-yet");
    if (fewShotUntried) {
      f.capRungs.push("few-shot");
      f.step(techniqueStep("few-shot"));
    }
    f.step(
      tooFew
        ? "Collect and curate more labelled examples: aim for about 1,000."
        : "Grow the dataset to 500 or more curated examples, with synthetic data if needed.",
    );
    f.todo(tooFew ? `collect more examples (${count} now; 500+ recommended)` : `grow the data to 500+ examples (${count} now)`, true);
  }
  if (quality === "noisy") {
    f.raise(note("noisy-data"));
    f.because("rule-6-data", "The data is noisy: 1,000 clean examples beat 10,000 noisy ones, so curate before training.");
    f.limit("not-yet");
    f.step("Clean the dataset: remove mislabelled and inconsistent examples before any training.");
    f.todo("clean the noisy data", true);
  }
  if (!versioned) {
    f.raise(note("data-not-versioned"));
    f.step("Version the dataset and the training settings.");
  }
}

/** Rule 7: stability and scope. */
export function checkStability(ctx: Context, f: Findings): void {
  const { taskChangeFrequency, tasksServed } = ctx.answers;
  if (taskChangeFrequency === "weekly" || taskChangeFrequency === "monthly") {
    const every = taskChangeFrequency === "weekly" ? "every week" : "every month";
    f.raise(
      note("task-changes-often", {
        title: `Task changes ${every}`,
        detail:
          taskChangeFrequency === "weekly"
            ? "It changes every week, so fine-tuning is the wrong tool."
            : "It changes every month, so expect a retraining run every month.",
      }),
    );
    f.because("rule-7-stability-and-scope", `A task that changes ${every} would need a new fine-tune ${every}.`);
    f.limit(taskChangeFrequency === "weekly" ? "no" : "not-yet");
    f.capRungs.push("prompting");
    f.step("Keep the task in the prompt, where a change ships the same day.");
    if (taskChangeFrequency === "monthly") f.todo("wait until the task stops changing every month", true, "prompting");
  }
  if (tasksServed > 1) {
    const n = formatCount(tasksServed);
    f.raise(note("multiple-tasks", { title: `One model, ${n} tasks`, detail: `This model serves ${n} tasks.` }));
    f.because(
      "rule-7-stability-and-scope",
      `One model serves ${n} tasks: a fine-tune for one degrades the others, so serve them with one strong model and a prompt per task.`,
    );
    f.limit("not-yet");
    f.capRungs.push("prompting");
    f.step("Give each task its own prompt on one strong model, and decide each task on its own before fine-tuning any of them.");
    f.todo(`decide each of the ${n} tasks on its own`, true, "prompting");
  }
}
