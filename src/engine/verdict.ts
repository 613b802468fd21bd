/** The ladder, cheapest rung first. Move down only when the rung above cannot close the gap (docs/decision-rules.md#the-ladder). */
export const LADDER = ["prompting", "few-shot", "rag", "tool-use", "fine-tune", "pretrain"] as const;
export type Rung = (typeof LADDER)[number];

export const FINE_TUNE_ANSWERS = ["yes", "not-yet", "no"] as const;
export type FineTune = (typeof FINE_TUNE_ANSWERS)[number];

export const SEVERITIES = ["blocker", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const WARNING_CODES = [
  "target-met",
  "no-evals",
  "no-held-out-test-set",
  "no-prompted-baseline",
  "too-few-examples",
  "under-500-examples",
  "noisy-data",
  "untried-prompting",
  "knowledge-use-rag",
  "hallucination-not-fixed-by-finetune",
  "reasoning-not-fixed-by-finetune",
  "personality-use-prompting",
  "task-changes-often",
  "multiple-tasks",
  "catastrophic-forgetting-risk",
  "low-volume",
  "break-even-over-6-months",
  "no-mlops-capacity",
  "data-not-versioned",
  "base-model-snapshot",
  "compliance-self-host",
  "try-stronger-model",
  "provider-finetune-closing",
  "candidate-not-tunable",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  code: WarningCode;
  severity: Severity;
  /** A few words for a list or a checklist: "No eval set", "350 examples: 500+ recommended". */
  title: string;
  /** Plain sentences: what is wrong and what to do about it. */
  message: string;
}

/** Each rule's anchor in docs/decision-rules.md, which is also what `reasons[].rule` holds. */
export const RULE_IDS = [
  "rule-1-target-met",
  "rule-2-evals-first",
  "rule-3-gap-kinds",
  "rule-4-cheaper-rungs-first",
  "rule-5-volume-and-cost",
  "rule-6-data",
  "rule-7-stability-and-scope",
  "rule-8-compliance",
  "rule-9-method-and-risk",
  "rule-10-snapshot",
  "rule-11-provider-facts",
  "model-selection",
  "how-the-rules-combine",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface Reason {
  /** The rule that fired: its anchor in docs/decision-rules.md. */
  rule: RuleId;
  text: string;
}

export interface BreakEven {
  monthlyTokens: number;
  monthlySavingsUsd: number;
  trainingUsd: number;
  /** null when the fine-tune never pays back (savings ≤ 0). */
  months: number | null;
  withinSixMonths: boolean;
  /** The monthly requests at which training pays back in exactly six months; null when no volume pays back. */
  requestsPerMonthFor6MonthPayback: number | null;
}

/** The Answers fields a break-even reads, by their path in Answers. */
export const COST_INPUTS = [
  "volume.tokensPerRequest",
  "costs.trainingUsd",
  "costs.currentUsdPerMTok",
  "costs.fineTunedUsdPerMTok",
  "costs.hostingUsdPerMonth",
] as const;
export type CostInput = (typeof COST_INPUTS)[number];

export interface Method {
  technique: "lora" | "qlora" | "full";
  hosting: "provider-api" | "self-hosted";
}

/** One next step; `done` when the answers show it is already done (rendered as a ticked checklist item). */
export interface Step {
  text: string;
  done: boolean;
}

export interface Verdict {
  fineTune: FineTune;
  approach: Rung;
  headline: string;
  warnings: Warning[];
  reasons: Reason[];
  breakEven: BreakEven | null;
  /** Break-even inputs the answers leave out, when some were given or the gap needs them; empty otherwise. */
  costInputsMissing: CostInput[];
  method: Method | null;
  /** The steps still to do, in order (the open items of `steps`). */
  nextSteps: string[];
  /** Every step in order, the ones the answers show as done included. */
  steps: Step[];
  engineVersion: string;
}

/** `no` beats `not-yet` beats `yes`. */
export function strongerCap(a: FineTune, b: FineTune): FineTune {
  return FINE_TUNE_ANSWERS.indexOf(a) >= FINE_TUNE_ANSWERS.indexOf(b) ? a : b;
}

export function cheaperRung(a: Rung, b: Rung): Rung {
  return LADDER.indexOf(a) <= LADDER.indexOf(b) ? a : b;
}

const SEVERITY_ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

export function strongerSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER[a] <= SEVERITY_ORDER[b] ? a : b;
}

/** Blockers first, then warnings, then info; stable within a severity. */
export function sortWarnings(warnings: readonly Warning[]): Warning[] {
  const out: Warning[] = [];
  for (const severity of SEVERITIES) for (const w of warnings) if (w.severity === severity) out.push(w);
  return out;
}
