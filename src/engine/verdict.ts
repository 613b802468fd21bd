/** The ladder, cheapest rung first (seed 003, 001). Move down only when the rung above cannot close the gap. */
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
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  code: WarningCode;
  severity: Severity;
  message: string;
}

export interface Reason {
  /** The rule that fired, e.g. `1 target met`, `3 gap: format`. */
  rule: string;
  text: string;
}

export interface BreakEven {
  monthlyTokens: number;
  monthlySavingsUsd: number;
  trainingUsd: number;
  /** null when the fine-tune never pays back (savings ≤ 0). */
  months: number | null;
  withinSixMonths: boolean;
}

export interface Method {
  technique: "lora" | "qlora" | "full";
  hosting: "provider-api" | "self-hosted";
}

export interface Verdict {
  fineTune: FineTune;
  approach: Rung;
  headline: string;
  warnings: Warning[];
  reasons: Reason[];
  breakEven: BreakEven | null;
  method: Method | null;
  nextSteps: string[];
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

/** Blockers first, then warnings, then info; stable within a severity. */
export function sortWarnings(warnings: readonly Warning[]): Warning[] {
  return [...warnings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
