import type { CHANGE_FREQUENCIES, DATA_QUALITIES, GAP_KINDS, TASK_KINDS, TECHNIQUES } from "../../engine/answers.js";

// Every question of the questionnaire, in the order it is asked. Most are one Answers field (the path is that field's
// path, and the input's block id); `shortfall` and `costFigures` are the form's own questions that decide which
// fields show. docs/questionnaire.md explains the steps, the "Don't know" answers and the checks.

export const STEPS = ["problem", "evidence", "costs"] as const;
export type StepId = (typeof STEPS)[number];

export type FieldKind = "text" | "number" | "select" | "multi" | "radio" | "date" | "model";

export interface FieldOption {
  value: string;
  label: string;
}

export interface FormField {
  path: string;
  step: StepId;
  /** The short header of the group the question sits in. */
  section: string;
  label: string;
  kind: FieldKind;
  optional?: boolean;
  hint?: string;
  placeholder?: string;
  options?: readonly FieldOption[];
  /** What the field holds before the team answers ("1" task, no compliance restriction). */
  initial?: string;
  /** number fields */
  decimal?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  /** Choosing a value changes the form (fields appear, prices fill in): Slack tells the app at once. */
  dispatch?: boolean;
}

/** The value of a "Don't know" option, wherever one is offered. */
export const UNKNOWN = "unknown";

const YES_NO: readonly FieldOption[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];
const YES_NO_UNKNOWN: readonly FieldOption[] = [...YES_NO, { value: UNKNOWN, label: "Don't know" }];

const TASK_LABELS: Record<(typeof TASK_KINDS)[number], string> = {
  classification: "Classification",
  extraction: "Extraction",
  summarization: "Summarization",
  generation: "Generation",
  chat: "Chat or assistant",
  code: "Code",
  translation: "Translation",
  reasoning: "Reasoning",
  other: "Other",
};

type NamedGap = Exclude<(typeof GAP_KINDS)[number], "none" | "not-measured">;
const GAP_LABELS: Record<NamedGap, string> = {
  format: "Format: output structure",
  style: "Style or tone",
  "domain-behavior": "Domain behaviour or jargon",
  knowledge: "Knowledge: missing facts",
  "latency-cost": "Too slow or too costly",
  reasoning: "Reasoning",
  hallucination: "Makes things up",
  personality: "Personality",
};

const TECHNIQUE_LABELS: Record<(typeof TECHNIQUES)[number], string> = {
  "prompt-engineering": "Prompt engineering",
  "few-shot": "Examples in the prompt",
  "many-shot": "Hundreds of examples in the prompt",
  "structured-output": "Structured output",
  "chain-of-thought": "Step-by-step reasoning",
  rag: "Retrieval (RAG)",
  "tool-use": "Tool use",
  "stronger-model": "A stronger model",
  "prompt-caching": "Prompt caching",
};

const QUALITY_LABELS: Record<(typeof DATA_QUALITIES)[number], string> = {
  curated: "Clean: checked and consistent",
  mixed: "Mixed",
  noisy: "Noisy",
};

const FREQUENCY_LABELS: Record<(typeof CHANGE_FREQUENCIES)[number], string> = {
  weekly: "Every week",
  monthly: "Every month",
  quarterly: "Every few months",
  rarely: "Rarely",
};

const options = <T extends string>(labels: Record<T, string>, unknown = false): FieldOption[] => [
  ...Object.entries<string>(labels).map(([value, label]) => ({ value, label })),
  ...(unknown ? [{ value: UNKNOWN, label: "Don't know" }] : []),
];

/** `shortfall`: does the prompted system fall short, and can the team say how? */
export const SHORTFALL = { named: "yes", none: "none", unmeasured: "not-measured" } as const;

export const FORM_FIELDS: readonly FormField[] = [
  // Step 1: the problem
  {
    path: "title",
    step: "problem",
    section: "The decision",
    label: "What are you deciding about?",
    kind: "text",
    maxLength: 150,
    placeholder: "Contract clause extractor",
  },
  { path: "task", step: "problem", section: "The decision", label: "Kind of task", kind: "select", options: options(TASK_LABELS) },
  {
    path: "tasksServed",
    step: "problem",
    section: "The decision",
    label: "How many different tasks does this one model serve?",
    kind: "number",
    min: 1,
    initial: "1",
  },
  {
    path: "taskChangeFrequency",
    step: "problem",
    section: "The decision",
    label: "How often does the task or its domain change?",
    kind: "select",
    options: options(FREQUENCY_LABELS, true),
  },
  {
    path: "shortfall",
    step: "problem",
    section: "Where prompting falls short",
    label: "Does the prompted system fall short?",
    kind: "radio",
    dispatch: true,
    options: [
      { value: SHORTFALL.named, label: "Yes, and we can say how" },
      { value: SHORTFALL.none, label: "No, it does what we need" },
      { value: SHORTFALL.unmeasured, label: "We haven't measured it yet" },
    ],
  },
  {
    path: "gaps",
    step: "problem",
    section: "Where prompting falls short",
    label: "How does it fall short?",
    kind: "multi",
    options: options(GAP_LABELS),
    placeholder: "Pick one or more",
  },
  {
    path: "tried",
    step: "problem",
    section: "Where prompting falls short",
    label: "What have you tried already?",
    kind: "multi",
    optional: true,
    options: options(TECHNIQUE_LABELS),
    placeholder: "Pick what you tried",
  },
  {
    path: "latencySensitive",
    step: "problem",
    section: "Where prompting falls short",
    label: "Does a tight latency budget matter?",
    kind: "radio",
    options: YES_NO,
  },
  // Step 2: the evidence
  { path: "evals.hasEvalSet", step: "evidence", section: "Evals", label: "Do you have an eval set?", kind: "radio", options: YES_NO },
  {
    path: "evals.hasHeldOutTestSet",
    step: "evidence",
    section: "Evals",
    label: "Is part of it held out and never trained on?",
    kind: "radio",
    options: YES_NO_UNKNOWN,
  },
  {
    path: "evals.hasPromptedBaseline",
    step: "evidence",
    section: "Evals",
    label: "Has the prompted system been scored on it?",
    kind: "radio",
    options: YES_NO,
    dispatch: true,
  },
  {
    path: "evals.baselineScore",
    step: "evidence",
    section: "Evals",
    label: "Its score, from 0 to 100",
    kind: "number",
    decimal: true,
    min: 0,
    max: 100,
  },
  {
    path: "evals.targetScore",
    step: "evidence",
    section: "Evals",
    label: "The score the product needs, from 0 to 100",
    kind: "number",
    decimal: true,
    min: 0,
    max: 100,
  },
  {
    path: "data.labeledExamples",
    step: "evidence",
    section: "Training data",
    label: "Labelled examples you could train on",
    kind: "number",
    min: 0,
    hint: "Input and output pairs of good quality. 0 if you have none yet.",
  },
  {
    path: "data.quality",
    step: "evidence",
    section: "Training data",
    label: "How clean are they?",
    kind: "select",
    options: options(QUALITY_LABELS, true),
  },
  {
    path: "data.versioned",
    step: "evidence",
    section: "Training data",
    label: "Are the data and training settings versioned?",
    kind: "radio",
    options: YES_NO_UNKNOWN,
  },
  {
    path: "mlopsCapacity",
    step: "evidence",
    section: "Your team",
    label: "Can the team train, serve and roll back models?",
    kind: "radio",
    options: YES_NO_UNKNOWN,
  },
  // Step 3: cost and operations
  {
    path: "baseModel",
    step: "costs",
    section: "Models",
    label: "Model in production today",
    kind: "model",
    dispatch: true,
    placeholder: "Type to search, e.g. gpt-4o",
  },
  {
    path: "candidateModel",
    step: "costs",
    section: "Models",
    label: "Model you would fine-tune",
    kind: "model",
    optional: true,
    dispatch: true,
    placeholder: "Type to search, e.g. llama-3.1-8b",
    hint: "Leave empty to fine-tune the production model. Not listed? Type its id and pick it as typed.",
  },
  {
    path: "candidateSizeB",
    step: "costs",
    section: "Models",
    label: "Its size, in billions of parameters",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
    hint: "For open-weight models. Leave empty for a closed API model.",
  },
  {
    path: "volume.requestsPerMonth",
    step: "costs",
    section: "Volume and constraints",
    label: "Requests a month in production (expected)",
    kind: "number",
    min: 0,
  },
  {
    path: "volume.tokensPerRequest",
    step: "costs",
    section: "Volume and constraints",
    label: "Tokens per request, input and output",
    kind: "number",
    optional: true,
    min: 0,
  },
  {
    path: "compliance",
    step: "costs",
    section: "Volume and constraints",
    label: "May the data go to a third-party API?",
    kind: "radio",
    initial: "none",
    options: [
      { value: "none", label: "Yes, nothing stops it" },
      { value: "self-host-required", label: "No, it must stay on our infrastructure" },
      { value: UNKNOWN, label: "Don't know" },
    ],
  },
  {
    path: "costFigures",
    step: "costs",
    section: "Costs",
    label: "Do you have cost figures for a break-even?",
    kind: "radio",
    initial: "no",
    dispatch: true,
    options: YES_NO,
  },
  {
    path: "costs.trainingUsd",
    step: "costs",
    section: "Costs",
    label: "One training run, data preparation included (USD)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
  },
  {
    path: "costs.currentUsdPerMTok",
    step: "costs",
    section: "Costs",
    label: "Price per million tokens today (USD)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
  },
  {
    path: "costs.fineTunedUsdPerMTok",
    step: "costs",
    section: "Costs",
    label: "Price per million tokens fine-tuned (USD)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
  },
  {
    path: "costs.hostingUsdPerMonth",
    step: "costs",
    section: "Costs",
    label: "Extra serving cost a month (USD)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
    hint: "Servers the fine-tuned model needs of its own. Leave empty if none.",
  },
  {
    path: "asOf",
    step: "costs",
    section: "Date",
    label: "Date of this decision",
    kind: "date",
    hint: "Which models providers let you fine-tune, and until when, is checked on this day. Keep today unless you are recording an earlier decision.",
  },
];

export const FIELD_BY_PATH: ReadonlyMap<string, FormField> = new Map(FORM_FIELDS.map((f) => [f.path, f]));

export function fieldsOf(step: StepId): FormField[] {
  return FORM_FIELDS.filter((f) => f.step === step);
}

/** The label a field's value reads as in the form ("Yes", "Don't know", "Every month"); the value itself otherwise. */
export function optionLabel(field: FormField, value: string): string {
  return field.options?.find((o) => o.value === value)?.label ?? value;
}
