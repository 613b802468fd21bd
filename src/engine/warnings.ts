import type { Severity, Warning, WarningCode } from "./verdict.js";

// A blocker is anything that keeps the verdict below `yes`; a warning is a risk to plan for; info is context.
export const WARNING_SEVERITY: Record<WarningCode, Severity> = {
  "target-met": "info",
  "no-evals": "blocker",
  "no-held-out-test-set": "blocker",
  "no-prompted-baseline": "blocker",
  "too-few-examples": "blocker",
  "under-500-examples": "blocker",
  "noisy-data": "warning",
  "untried-prompting": "warning",
  "knowledge-use-rag": "warning",
  "hallucination-not-fixed-by-finetune": "warning",
  "reasoning-not-fixed-by-finetune": "warning",
  "personality-use-prompting": "warning",
  "task-changes-often": "blocker",
  "multiple-tasks": "warning",
  "catastrophic-forgetting-risk": "warning",
  "low-volume": "warning",
  "break-even-over-6-months": "warning",
  "no-mlops-capacity": "warning",
  "data-not-versioned": "warning",
  "base-model-snapshot": "info",
  "compliance-self-host": "info",
  "try-stronger-model": "blocker",
  "provider-finetune-closing": "warning",
};

/** The sentence a reviewer reads for each code; `detail` adds what is specific to these answers. */
export const WARNING_TEXT: Record<WarningCode, string> = {
  "target-met": "The prompted baseline already meets the target: stop here, there is nothing for fine-tuning to fix.",
  "no-evals":
    "No evals yet: without an eval set you cannot tell whether a fine-tune helped, hurt, or made the model brittle. Evals first, fine-tune second.",
  "no-held-out-test-set": "No held-out test set: a split that is never trained on is the only honest measure of a fine-tune.",
  "no-prompted-baseline": "No prompted baseline: score the prompted system on the eval set so there is something to beat.",
  "too-few-examples":
    "Fewer than 200 labelled examples: a fine-tune will overfit, and few-shot prompting works as well or better with this little data.",
  "under-500-examples":
    "<500 examples: try few-shot prompting or synthetic data augmentation first; about 1,000 curated examples usually suffice.",
  "noisy-data":
    "The labelled data is noisy: a 1,000-example clean dataset typically beats a 10,000-example noisy one. Curate before training.",
  "untried-prompting": "Cheaper techniques that address this gap are still untried.",
  "knowledge-use-rag":
    "The gap is knowledge: fine-tuning is poor at injecting facts, which stay hard to update and still get hallucinated. Retrieval (RAG) is the tool.",
  "hallucination-not-fixed-by-finetune": "Fine-tuning does not reliably reduce hallucination: validation, tool use and RAG do.",
  "reasoning-not-fixed-by-finetune":
    "Reasoning is mostly fixed at the foundation level and fine-tuning rarely improves it: try chain-of-thought or a stronger base model.",
  "personality-use-prompting": "Personality and tone: a system prompt plus few-shot examples get about 95% of the way for far less cost.",
  "task-changes-often":
    "The task changes often: a fine-tune must be retrained whenever the distribution shifts, while a prompt can be updated the same day.",
  "multiple-tasks":
    "One model serves several tasks: a narrow fine-tune degrades the others (forgetting), and one fine-tune per task is an operations burden.",
  "catastrophic-forgetting-risk":
    "Models of 1B to 7B parameters are prone to catastrophic forgetting: prefer LoRA and evaluate the whole task surface, not just the tuned task.",
  "low-volume": "Under 5 million tokens a month: training rarely pays back at this volume.",
  "break-even-over-6-months": "The fine-tune takes 6 months or more to pay back its training cost.",
  "no-mlops-capacity":
    "No capacity to train, serve, version and roll back models: use a provider's fine-tuning API, or stay with prompting.",
  "data-not-versioned":
    "Data and training configs are not versioned: version them before training so the run can be reproduced when you re-tune.",
  "base-model-snapshot": "A fine-tune locks in a snapshot of its base model: plan re-tuning when the base model gets a new version.",
  "compliance-self-host": "Data may not leave your infrastructure: an open-weight, self-hosted model is required whatever else is decided.",
  "try-stronger-model":
    "The prompted baseline is 30 points or more below the target and no stronger model was tried: model selection comes before fine-tuning.",
  "provider-finetune-closing": "The fine-tune would run on a provider API that is closing self-serve fine-tuning.",
};

/** A warning as a rule raises it: the code and, where the rule knows more, a detail about these answers. */
export interface WarningNote {
  code: WarningCode;
  detail?: string;
}

export function note(code: WarningCode, detail?: string): WarningNote {
  return detail === undefined ? { code } : { code, detail };
}

/** One Warning per code, in first-raised order; details of repeated notes are joined. */
export function toWarnings(notes: readonly WarningNote[]): Warning[] {
  const details = new Map<WarningCode, string[]>();
  for (const n of notes) {
    const list = details.get(n.code) ?? [];
    if (n.detail && !list.includes(n.detail)) list.push(n.detail);
    details.set(n.code, list);
  }
  return [...details].map(([code, list]) => ({
    code,
    severity: WARNING_SEVERITY[code],
    message: [WARNING_TEXT[code], ...list].join(" "),
  }));
}
