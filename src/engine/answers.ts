import { z } from "zod";
import { plainMessage } from "./plain-problem.js";

// The public contract (docs/decision-rules.md#answers-and-verdict): the CLI, the Slack modal and storage all read and
// write this shape.

export const TASK_KINDS = [
  "classification",
  "extraction",
  "summarization",
  "generation",
  "chat",
  "code",
  "translation",
  "reasoning",
  "other",
] as const;

export const GAP_KINDS = [
  "none",
  "knowledge",
  "format",
  "style",
  "domain-behavior",
  "latency-cost",
  "reasoning",
  "hallucination",
  "personality",
  "not-measured",
] as const;

export const TECHNIQUES = [
  "prompt-engineering",
  "few-shot",
  "chain-of-thought",
  "structured-output",
  "rag",
  "tool-use",
  "stronger-model",
  "many-shot",
  "prompt-caching",
] as const;

export const DATA_QUALITIES = ["curated", "mixed", "noisy"] as const;
export const COMPLIANCE_KINDS = ["none", "self-host-required"] as const;
export const CHANGE_FREQUENCIES = ["weekly", "monthly", "quarterly", "rarely"] as const;

export type TaskKind = (typeof TASK_KINDS)[number];
export type GapKind = (typeof GAP_KINDS)[number];
export type Technique = (typeof TECHNIQUES)[number];

const score = z.number().min(0).max(100);
const usd = z.number().min(0);
const count = z.number().int().min(0);
const isoDate = z.iso.date({ message: "must be a date like 2026-11-24" });

export const Evals = z.strictObject({
  hasEvalSet: z.boolean(),
  hasHeldOutTestSet: z.boolean(),
  hasPromptedBaseline: z.boolean(),
  baselineScore: score.optional(),
  targetScore: score.optional(),
});
export type Evals = z.infer<typeof Evals>;

export const TrainingData = z.strictObject({
  labeledExamples: count,
  quality: z.enum(DATA_QUALITIES),
  versioned: z.boolean(),
});
export type TrainingData = z.infer<typeof TrainingData>;

export const Volume = z.strictObject({
  requestsPerMonth: count,
  tokensPerRequest: count.optional(),
});
export type Volume = z.infer<typeof Volume>;

export const Costs = z.strictObject({
  trainingUsd: usd.optional(),
  currentUsdPerMTok: usd.optional(),
  fineTunedUsdPerMTok: usd.optional(),
  hostingUsdPerMonth: usd.optional(),
});
export type Costs = z.infer<typeof Costs>;

export const Answers = z.strictObject({
  title: z.string().trim().min(1).max(150),
  task: z.enum(TASK_KINDS),
  gaps: z.array(z.enum(GAP_KINDS)).min(1, { message: "name at least one gap" }),
  tried: z.array(z.enum(TECHNIQUES)),
  evals: Evals,
  data: TrainingData,
  volume: Volume,
  latencySensitive: z.boolean(),
  compliance: z.enum(COMPLIANCE_KINDS),
  taskChangeFrequency: z.enum(CHANGE_FREQUENCIES),
  tasksServed: z.number().int().min(1),
  baseModel: z.string().trim().min(1).max(200),
  candidateModel: z.string().trim().min(1).max(200).optional(),
  candidateSizeB: z.number().positive().optional(),
  mlopsCapacity: z.boolean(),
  costs: Costs.optional(),
  asOf: isoDate.optional(),
});
export type Answers = z.infer<typeof Answers>;

export interface FieldProblem {
  /** Dotted path into Answers, e.g. `data.labeledExamples`; empty for the whole object. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; answers: Answers } | { ok: false; problems: FieldProblem[] };

/** Validates unknown input against the Answers contract: one problem per invalid field, never a throw. */
export function parseAnswers(input: unknown): ParseResult {
  const result = Answers.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, answers: result.data };
  return { ok: false, problems: toFieldProblems(result.error) };
}

export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ path: [...issue.path, key].join("."), message: "is not a known field" });
      }
      continue;
    }
    problems.push({ path: issue.path.join("."), message: plainMessage(issue) });
  }
  return problems;
}

/** The JSON Schema of Answers, generated from the zod schema so the two cannot drift. */
export function answersJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Answers, { target: "draft-2020-12" }) as Record<string, unknown>;
}
