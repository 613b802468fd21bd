import type { CHANGE_FREQUENCIES, COMPLIANCE_KINDS, DATA_QUALITIES, GAP_KINDS, TASK_KINDS, TECHNIQUES } from "../engine/answers.js";

// One row per Answers field: the builder renders it, the reader parses it back. The block id of each input is the
// field's path in Answers, so a zod error for `data.labeledExamples` shows under that very input.

export type FieldKind = "text" | "number" | "select" | "multi" | "bool" | "date";

export interface FieldOption {
  value: string;
  label: string;
}

export interface QuestionnaireField {
  path: string;
  label: string;
  kind: FieldKind;
  optional?: boolean;
  hint?: string;
  placeholder?: string;
  options?: readonly FieldOption[];
  /** number fields: whether decimals are allowed, and bounds (Slack enforces them in the client too). */
  decimal?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
}

const TASK_LABELS: Record<(typeof TASK_KINDS)[number], string> = {
  classification: "Classification",
  extraction: "Extraction",
  summarization: "Summarization",
  generation: "Generation",
  chat: "Chat / assistant",
  code: "Code",
  translation: "Translation",
  reasoning: "Reasoning",
  other: "Other",
};

const GAP_LABELS: Record<(typeof GAP_KINDS)[number], string> = {
  none: "None: it meets our needs",
  knowledge: "Knowledge: missing facts",
  format: "Format: output structure",
  style: "Style or tone",
  "domain-behavior": "Domain behaviour or jargon",
  "latency-cost": "Latency or cost",
  reasoning: "Reasoning",
  hallucination: "Hallucination",
  personality: "Personality",
  "not-measured": "Not measured yet",
};

const TECHNIQUE_LABELS: Record<(typeof TECHNIQUES)[number], string> = {
  "prompt-engineering": "Prompt engineering",
  "few-shot": "Few-shot examples",
  "chain-of-thought": "Chain-of-thought",
  "structured-output": "Structured output",
  rag: "Retrieval (RAG)",
  "tool-use": "Tool use",
  "stronger-model": "A stronger model",
  "many-shot": "Many-shot prompting",
  "prompt-caching": "Prompt caching",
};

const QUALITY_LABELS: Record<(typeof DATA_QUALITIES)[number], string> = {
  curated: "Curated: checked and consistent",
  mixed: "Mixed",
  noisy: "Noisy",
};

const COMPLIANCE_LABELS: Record<(typeof COMPLIANCE_KINDS)[number], string> = {
  none: "No restriction",
  "self-host-required": "Data must stay on our infrastructure",
};

const FREQUENCY_LABELS: Record<(typeof CHANGE_FREQUENCIES)[number], string> = {
  weekly: "Weekly",
  monthly: "Monthly",
  quarterly: "Quarterly",
  rarely: "Rarely",
};

const options = <T extends string>(labels: Record<T, string>): FieldOption[] =>
  Object.entries<string>(labels).map(([value, label]) => ({ value, label }));

export const QUESTIONNAIRE_FIELDS: readonly QuestionnaireField[] = [
  { path: "title", label: "What do you want to decide?", kind: "text", maxLength: 150, placeholder: "Ticket triage classifier" },
  { path: "task", label: "Kind of task", kind: "select", options: options(TASK_LABELS) },
  { path: "gaps", label: "Where does the prompted system fall short?", kind: "multi", options: options(GAP_LABELS) },
  { path: "tried", label: "What have you tried already?", kind: "multi", optional: true, options: options(TECHNIQUE_LABELS) },
  { path: "evals.hasEvalSet", label: "Do you have an eval set?", kind: "bool" },
  { path: "evals.hasHeldOutTestSet", label: "Is there a held-out test split that is never trained on?", kind: "bool" },
  { path: "evals.hasPromptedBaseline", label: "Was the prompted system scored on that set?", kind: "bool" },
  {
    path: "evals.baselineScore",
    label: "Prompted baseline score (0-100)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
    max: 100,
  },
  { path: "evals.targetScore", label: "Score the product needs (0-100)", kind: "number", optional: true, decimal: true, min: 0, max: 100 },
  { path: "data.labeledExamples", label: "High-quality labelled examples available", kind: "number", min: 0 },
  { path: "data.quality", label: "How clean are they?", kind: "select", options: options(QUALITY_LABELS) },
  { path: "data.versioned", label: "Are data and training configs versioned?", kind: "bool" },
  { path: "volume.requestsPerMonth", label: "Production requests per month (expected)", kind: "number", min: 0 },
  { path: "volume.tokensPerRequest", label: "Tokens per request (input + output)", kind: "number", optional: true, min: 0 },
  { path: "latencySensitive", label: "Does a tight latency budget matter?", kind: "bool" },
  {
    path: "compliance",
    label: "Compliance",
    kind: "select",
    options: options(COMPLIANCE_LABELS),
    hint: "HIPAA, PCI-DSS and the like often forbid third-party APIs.",
  },
  {
    path: "taskChangeFrequency",
    label: "How often does the task or its domain change?",
    kind: "select",
    options: options(FREQUENCY_LABELS),
  },
  { path: "tasksServed", label: "Distinct tasks this one model must serve", kind: "number", min: 1 },
  { path: "baseModel", label: "Model in production today", kind: "text", maxLength: 200, placeholder: "gpt-4o-2024-08-06" },
  {
    path: "candidateModel",
    label: "Model you would fine-tune",
    kind: "text",
    optional: true,
    maxLength: 200,
    placeholder: "meta-llama/Llama-3.1-8B-Instruct",
  },
  { path: "candidateSizeB", label: "Its size, in billions of parameters", kind: "number", optional: true, decimal: true, min: 0 },
  { path: "mlopsCapacity", label: "Can the team train, serve, version and roll back models?", kind: "bool" },
  {
    path: "costs.trainingUsd",
    label: "One training run incl. data preparation (USD)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
  },
  {
    path: "costs.currentUsdPerMTok",
    label: "Blended price per million tokens today (USD)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
  },
  {
    path: "costs.fineTunedUsdPerMTok",
    label: "Price per million tokens fine-tuned (USD)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
  },
  {
    path: "costs.hostingUsdPerMonth",
    label: "Extra serving cost of the fine-tune per month (USD)",
    kind: "number",
    optional: true,
    decimal: true,
    min: 0,
  },
  { path: "asOf", label: "Decision date", kind: "date", optional: true, hint: "Selects which dated provider facts apply." },
];

export const BOOL_OPTIONS: readonly FieldOption[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];
