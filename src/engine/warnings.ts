import { type Severity, strongerSeverity, type Warning, type WarningCode } from "./verdict.js";

// A blocker is anything that keeps the verdict below `yes`; a warning is a risk to plan for; info is context.
// Some codes are stronger in some answers (docs/decision-rules.md#warnings): a rule raising them says so.
export const WARNING_SEVERITY: Record<WarningCode, Severity> = {
  "target-met": "info",
  "no-evals": "blocker",
  "no-held-out-test-set": "blocker",
  "no-prompted-baseline": "blocker",
  "too-few-examples": "blocker",
  "under-500-examples": "blocker",
  "noisy-data": "blocker",
  "untried-prompting": "warning",
  "knowledge-use-rag": "warning",
  "hallucination-not-fixed-by-finetune": "warning",
  "reasoning-not-fixed-by-finetune": "warning",
  "personality-use-prompting": "warning",
  "task-changes-often": "blocker",
  "multiple-tasks": "blocker",
  "catastrophic-forgetting-risk": "warning",
  "low-volume": "warning",
  "break-even-over-6-months": "warning",
  "no-mlops-capacity": "warning",
  "data-not-versioned": "warning",
  "base-model-snapshot": "info",
  "compliance-self-host": "info",
  "try-stronger-model": "blocker",
  "provider-finetune-closing": "warning",
  "candidate-not-tunable": "blocker",
};

/** The title when the rule raising the code gives none. */
export const WARNING_TITLE: Record<WarningCode, string> = {
  "target-met": "Prompting meets the target",
  "no-evals": "No eval set",
  "no-held-out-test-set": "No held-out test set",
  "no-prompted-baseline": "No prompted baseline",
  "too-few-examples": "Too few examples to fine-tune",
  "under-500-examples": "Under 500 examples: 500+ recommended",
  "noisy-data": "Noisy training data",
  "untried-prompting": "Cheaper fixes untried",
  "knowledge-use-rag": "Knowledge gap: use retrieval",
  "hallucination-not-fixed-by-finetune": "Hallucination: ground and check answers",
  "reasoning-not-fixed-by-finetune": "Reasoning: prompt for it or pick a stronger model",
  "personality-use-prompting": "Personality belongs in the prompt",
  "task-changes-often": "The task changes often",
  "multiple-tasks": "One model, several tasks",
  "catastrophic-forgetting-risk": "Small model: risk of forgetting",
  "low-volume": "Low volume",
  "break-even-over-6-months": "Slow to pay back",
  "no-mlops-capacity": "No capacity to run models",
  "data-not-versioned": "Data not versioned",
  "base-model-snapshot": "Plan re-tuning for new base versions",
  "compliance-self-host": "Data must stay in-house",
  "try-stronger-model": "Try a stronger model first",
  "provider-finetune-closing": "Provider fine-tuning closing",
  "candidate-not-tunable": "This model can't be fine-tuned",
};

/** The sentence a reviewer reads for each code; a rule adds what is specific to the answers. */
export const WARNING_TEXT: Record<WarningCode, string> = {
  "target-met": "The prompted system already meets the target, so there is nothing for fine-tuning to fix.",
  "no-evals":
    "There is no eval set yet. Without one you cannot tell whether a fine-tune helped, hurt or made the model brittle: evals first, fine-tuning second.",
  "no-held-out-test-set": "There is no held-out test set. A split that is never trained on is the only honest measure of a fine-tune.",
  "no-prompted-baseline": "The prompted system has no score yet, so there is nothing for a fine-tune to beat.",
  "too-few-examples": "With fewer than 200 labelled examples a fine-tune overfits, and examples in the prompt work as well or better.",
  "under-500-examples":
    "Under 500 quality examples, try examples in the prompt or synthetic data first; about 1,000 curated examples usually suffice.",
  "noisy-data": "The labelled data is noisy. 1,000 clean examples typically beat 10,000 noisy ones: curate before training.",
  "untried-prompting": "Cheaper fixes for this gap are still untried.",
  "knowledge-use-rag":
    "The gap is missing knowledge. Fine-tuning is poor at adding facts, which then stay hard to update and still get made up; retrieval (RAG) is the tool.",
  "hallucination-not-fixed-by-finetune": "Fine-tuning does not reliably reduce made-up answers. Validation, tool use and retrieval do.",
  "reasoning-not-fixed-by-finetune":
    "Reasoning is mostly fixed when a model is pretrained, and fine-tuning rarely improves it. Ask for step-by-step reasoning or try a stronger model.",
  "personality-use-prompting": "A system prompt and a few examples get a personality about 95% of the way, for far less.",
  "task-changes-often": "A fine-tune has to be retrained whenever the task shifts, while a prompt can change the same day.",
  "multiple-tasks":
    "A fine-tune for one task degrades the others, and one fine-tune per task is an operations burden. Serve the tasks with one strong model and a prompt per task, and decide each task on its own.",
  "catastrophic-forgetting-risk":
    "Models of 1B to 7B parameters easily forget what they knew when fine-tuned on a narrow task. Prefer LoRA and test the whole task surface, not just the tuned task.",
  "low-volume": "Under 5 million tokens a month, training rarely pays for itself.",
  "break-even-over-6-months": "The fine-tune takes six months or more to pay back its training.",
  "no-mlops-capacity": "Nobody on the team can train, serve, version and roll back models.",
  "data-not-versioned": "The data and training settings are not versioned. Version them so a run can be repeated when you re-tune.",
  "base-model-snapshot": "A fine-tune freezes a snapshot of its base model. Plan to re-tune when a new version of it comes out.",
  "compliance-self-host": "The data may not leave your own infrastructure, so the model must be an open-weight one you host yourself.",
  "try-stronger-model":
    "The prompted system is 30 points or more below the target and no stronger model was tried. A fine-tuned weaker model rarely closes that: choose the model first.",
  "provider-finetune-closing": "The fine-tune would run on a provider that is closing self-serve fine-tuning.",
  "candidate-not-tunable": "The model to fine-tune is a closed model its provider does not let customers fine-tune.",
};

/** A warning as a rule raises it: the code and what the rule knows about these answers. */
export interface WarningNote {
  code: WarningCode;
  /** Replaces the default title. */
  title?: string;
  /** A sentence added to the code's text. */
  detail?: string;
  /** Raises the code's severity in these answers. */
  severity?: Severity;
}

export function note(code: WarningCode, extra: Omit<WarningNote, "code"> = {}): WarningNote {
  // One object shape for every note keeps toWarnings' property reads monomorphic.
  return { code, title: extra.title, detail: extra.detail, severity: extra.severity };
}

/** One Warning per code, in first-raised order: the first title given, every distinct detail, the strongest severity. */
export function toWarnings(notes: readonly WarningNote[]): Warning[] {
  // A verdict raises a handful of notes: arrays and linear scans beat a Map here (the engine runs on every submission).
  const codes: WarningCode[] = [];
  const merged: Array<{ title: string | undefined; details: string[]; severity: Severity }> = [];
  for (const n of notes) {
    let i = codes.indexOf(n.code);
    if (i === -1) {
      i = codes.push(n.code) - 1;
      merged.push({ title: undefined, details: [], severity: WARNING_SEVERITY[n.code] });
    }
    const m = merged[i]!;
    if (n.title !== undefined && m.title === undefined) m.title = n.title;
    if (n.detail && !m.details.includes(n.detail)) m.details.push(n.detail);
    if (n.severity) m.severity = strongerSeverity(m.severity, n.severity);
  }
  return codes.map((code, i) => {
    const m = merged[i]!;
    const message = m.details.length === 0 ? WARNING_TEXT[code] : `${WARNING_TEXT[code]} ${m.details.join(" ")}`;
    return { code, severity: m.severity, title: m.title ?? WARNING_TITLE[code], message };
  });
}
