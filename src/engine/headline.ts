import type { Context, Findings } from "./findings.js";
import type { GapJudgement } from "./gaps.js";
import type { ClosingFact } from "./method.js";
import type { ModelInfo } from "./models.js";
import type { FineTune, Rung, Warning, WarningCode } from "./verdict.js";
import { formatDate, formatDuration, formatRequestsPerMonth, formatScore, formatSize, GAP_NAME, listOf } from "./words.js";

// The one sentence a reviewer reads first (docs/decision-rules.md#words-a-reviewer-reads).

export interface HeadlineInput {
  fineTune: FineTune;
  approach: Rung;
  ctx: Context;
  findings: Findings;
  judgements: readonly GapJudgement[];
  warnings: readonly Warning[];
  closing: ClosingFact | null;
  tuned: ModelInfo;
}

/** In a `yes` headline, the warning named after "but", strongest first. */
const BUT_ORDER: readonly WarningCode[] = [
  "provider-finetune-closing",
  "break-even-over-6-months",
  "no-mlops-capacity",
  "catastrophic-forgetting-risk",
  "untried-prompting",
  "knowledge-use-rag",
  "hallucination-not-fixed-by-finetune",
  "reasoning-not-fixed-by-finetune",
  "personality-use-prompting",
  "compliance-self-host",
  "low-volume",
  "data-not-versioned",
];

export function buildHeadline(input: HeadlineInput): string {
  if (input.fineTune === "yes") return yesHeadline(input);
  if (input.fineTune === "not-yet") return notYetHeadline(input);
  return noHeadline(input);
}

/** The rung as an instruction, aware of what was tried ("improve retrieval" once RAG exists). */
export function rungTodo(rung: Rung, ctx: Context): string {
  switch (rung) {
    case "prompting":
      return "improve the prompt";
    case "few-shot":
      return ctx.tried.has("few-shot") ? "improve the examples in the prompt" : "add examples to the prompt";
    case "rag":
      return ctx.tried.has("rag") ? "improve retrieval" : "add retrieval (RAG)";
    case "tool-use":
      return ctx.tried.has("tool-use") ? "check answers against tools and sources" : "add tool use";
    case "fine-tune":
      return "fine-tune";
    case "pretrain":
      return "improve retrieval";
  }
}

function yesHeadline(input: HeadlineInput): string {
  const present = new Set(input.warnings.filter((w) => w.severity === "warning").map((w) => w.code));
  const strongest = BUT_ORDER.find((code) => present.has(code));
  if (strongest) return `Fine-tune, but ${butClause(strongest, input)}.`;
  const ready = input.judgements.filter((j) => j.verdict === "yes").map((j) => `the ${GAP_NAME[j.gap]} gap`);
  const gaps = ready.length === 1 ? `${ready[0]} is one` : `${listOf(ready)} are ones`;
  return `Fine-tune: ${gaps} training fixes, the cheaper fixes were tried and the prerequisites are in place.`;
}

function butClause(code: WarningCode, input: HeadlineInput): string {
  const { ctx, closing, tuned, judgements } = input;
  switch (code) {
    case "provider-finetune-closing":
      return `not through ${closing!.provider} after ${formatDate(closing!.last)}`;
    case "break-even-over-6-months": {
      const b = ctx.breakEven!;
      return b.months === null ? "it never pays back at this volume" : `it takes ${formatDuration(b.months)} to pay back`;
    }
    case "no-mlops-capacity":
      return "through a provider's fine-tuning service, as nobody on the team runs models";
    case "catastrophic-forgetting-risk":
      return `a ${formatSize(ctx.answers.candidateSizeB!)}B model forgets easily: use LoRA and test the whole task surface`;
    case "untried-prompting": {
      const pending = judgements.find((j) => j.verdict === "not-yet" && j.todo);
      return pending ? `${pending.todo} first for the ${GAP_NAME[pending.gap]} gap` : "try the cheaper fixes first for the other gaps";
    }
    case "knowledge-use-rag":
      return ctx.tried.has("rag") ? "keep improving retrieval for the knowledge gap" : "add retrieval (RAG) for the knowledge gap too";
    case "hallucination-not-fixed-by-finetune":
      return "ground and check answers for the hallucination gap too";
    case "reasoning-not-fixed-by-finetune":
      return "training will not fix the reasoning gap";
    case "personality-use-prompting":
      return "set the personality in the prompt, not in training";
    case "compliance-self-host":
      return tuned.kind === "unknown" ? "check that you can host this model yourself" : "move production to a model you host yourself";
    case "low-volume":
      return "at this volume training rarely pays back";
    default:
      return "version the data and training settings first";
  }
}

function notYetHeadline(input: HeadlineInput): string {
  const { closing } = input;
  const sentence = notYetSentence(input);
  if (!closing || closing.closed) return sentence;
  const date = formatDate(closing.last);
  return sentence.endsWith("; then fine-tune.")
    ? `${sentence.slice(0, -1)}, but not through ${closing.provider} after ${date}.`
    : `${sentence} Fine-tuning through ${closing.provider} closes on ${date}.`;
}

function notYetSentence(input: HeadlineInput): string {
  const { approach, ctx, findings, judgements } = input;
  const gapTodos = judgements
    .filter((j) => j.verdict === "not-yet" && j.todo)
    .map((j) => ({ text: j.todo!, blocker: false, covers: j.rung }));
  const todos = [...findings.todos.filter((t) => t.blocker), ...gapTodos, ...findings.todos.filter((t) => !t.blocker)];
  if (todos.length === 0) return `Not yet: ${rungTodo(approach, ctx)} first.`;
  const shown = todos.slice(0, 2);
  const rest = todos.length - shown.length;
  const items = [...shown.map((t) => t.text), ...(rest > 0 ? [`${rest} more`] : [])];
  const covered = shown.some((t) => t.covers === approach);
  const then = approach === "fine-tune" ? "; then fine-tune" : covered ? "" : `; then ${rungTodo(approach, ctx)}`;
  return `Not yet: first ${listOf(items)}${then}.`;
}

function noHeadline(input: HeadlineInput): string {
  const { ctx, judgements, approach } = input;
  if (ctx.answers.taskChangeFrequency === "weekly" && judgements.some((j) => j.verdict !== "no")) {
    return "Don't fine-tune: the task changes every week; keep it in the prompt, where a change ships the same day.";
  }
  const { baselineScore, targetScore } = ctx.answers.evals;
  const latency = judgements.find((j) => j.why);
  if (ctx.targetMet) {
    const met = `prompting already meets the target (${formatScore(baselineScore!)} against ${formatScore(targetScore!)})`;
    return latency ? `Don't fine-tune: ${met}, and a smaller fine-tuned model ${distillWhy(latency.why!)}.` : `Don't fine-tune: ${met}.`;
  }
  if (latency) {
    const flip = ctx.breakEven?.requestsPerMonthFor6MonthPayback;
    const volume = flip === null || flip === undefined ? null : formatRequestsPerMonth(flip);
    const above = volume ? `; it would pay back within six months above ${volume}` : "";
    return `Don't fine-tune: ${latency.why}${above}.`;
  }
  const gaps = [...new Set(judgements.map((j) => GAP_NAME[j.gap]))];
  const fixes = gaps.length > 0 ? `fine-tuning does not fix ${listOf(gaps, "or")} gaps` : "no gap here is one fine-tuning fixes";
  return `Don't fine-tune: ${fixes}; ${rungTodo(approach, ctx)} instead.`;
}

function distillWhy(why: string): string {
  return why.replace(/^it /, "");
}
