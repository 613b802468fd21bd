import { z } from "zod";
import type { Answers } from "../../engine/answers.js";
import { FIELD_BY_PATH, type FormField, SHORTFALL, UNKNOWN } from "./fields.js";
import { isUnknownAnswer } from "./unknowns.js";

/**
 * What the team has entered so far, as the form holds it: by field path, text for one value (a number as typed, an
 * option's value, a date) and a list for a multi-select. Carried between steps in the view's metadata and kept as a
 * draft; `readForm` turns it into Answers.
 */
export type FormValues = Record<string, string | string[]>;

const MAX_TEXT = 3000;

/** Parses stored or carried values leniently: unknown fields and odd shapes are dropped, never thrown on. */
export const FormValues = z.record(z.string(), z.unknown()).transform((raw): FormValues => {
  const out: FormValues = {};
  for (const [path, value] of Object.entries(raw)) {
    if (!FIELD_BY_PATH.has(path)) continue;
    if (typeof value === "string" && value.length > 0) out[path] = value.slice(0, MAX_TEXT);
    else if (Array.isArray(value)) out[path] = value.filter((v): v is string => typeof v === "string").slice(0, 20);
  }
  return out;
});

/** The value a field holds: what was entered, else its default. */
export function fieldValue(values: FormValues, field: FormField): string | string[] | undefined {
  return values[field.path] ?? field.initial;
}

const text = (values: FormValues, path: string): string | undefined => {
  const value = values[path] ?? FIELD_BY_PATH.get(path)?.initial;
  return typeof value === "string" ? value : undefined;
};

/** A latency or cost gap needs a break-even, so the cost fields show without asking. */
export function hasLatencyGap(values: FormValues): boolean {
  const gaps = values.gaps;
  return text(values, "shortfall") === SHORTFALL.named && Array.isArray(gaps) && gaps.includes("latency-cost");
}

export function showsCosts(values: FormValues): boolean {
  return hasLatencyGap(values) || text(values, "costFigures") === "yes";
}

const COST_GROUP = new Set(["costs.trainingUsd", "costs.currentUsdPerMTok", "costs.fineTunedUsdPerMTok", "costs.hostingUsdPerMonth"]);

/** Whether a field is asked, given the answers so far (scores once scored = yes, costs when they matter). */
export function isShown(field: FormField, values: FormValues): boolean {
  switch (field.path) {
    case "gaps":
      return text(values, "shortfall") === SHORTFALL.named;
    case "evals.baselineScore":
    case "evals.targetScore":
      return text(values, "evals.hasPromptedBaseline") === "yes";
    case "costFigures":
      return !hasLatencyGap(values);
    default:
      return COST_GROUP.has(field.path) ? showsCosts(values) : true;
  }
}

/** Later values win; an empty value (a cleared field) removes the field. */
export function mergeValues(...layers: readonly FormValues[]): FormValues {
  const out: FormValues = {};
  for (const layer of layers) {
    for (const [path, value] of Object.entries(layer)) {
      if (value === "" || (Array.isArray(value) && value.length === 0)) delete out[path];
      else out[path] = value;
    }
  }
  return out;
}

const yesNo = (b: boolean) => (b ? "yes" : "no");
const num = (n: number | undefined) => (n === undefined ? undefined : String(n));

/** The form filled in with stored answers (a re-evaluation); answers the team did not know are "Don't know" again. */
export function answersToForm(answers: Answers, unknowns: readonly string[] = []): FormValues {
  const named = answers.gaps.filter((g) => g !== "none" && g !== "not-measured");
  const shortfall = named.length > 0 ? SHORTFALL.named : answers.gaps.includes("not-measured") ? SHORTFALL.unmeasured : SHORTFALL.none;
  const costs = answers.costs ?? {};
  const anyCost = Object.values(costs).some((v) => v !== undefined);
  const entries: Record<string, string | string[] | undefined> = {
    title: answers.title,
    task: answers.task,
    tasksServed: num(answers.tasksServed),
    taskChangeFrequency: answers.taskChangeFrequency,
    shortfall,
    gaps: named.length > 0 ? named : undefined,
    tried: answers.tried,
    latencySensitive: yesNo(answers.latencySensitive),
    "evals.hasEvalSet": yesNo(answers.evals.hasEvalSet),
    "evals.hasHeldOutTestSet": yesNo(answers.evals.hasHeldOutTestSet),
    "evals.hasPromptedBaseline": yesNo(answers.evals.hasPromptedBaseline),
    "evals.baselineScore": num(answers.evals.baselineScore),
    "evals.targetScore": num(answers.evals.targetScore),
    "data.labeledExamples": num(answers.data.labeledExamples),
    "data.quality": answers.data.quality,
    "data.versioned": yesNo(answers.data.versioned),
    mlopsCapacity: yesNo(answers.mlopsCapacity),
    baseModel: answers.baseModel,
    candidateModel: answers.candidateModel,
    candidateSizeB: num(answers.candidateSizeB),
    "volume.requestsPerMonth": num(answers.volume.requestsPerMonth),
    "volume.tokensPerRequest": num(answers.volume.tokensPerRequest),
    compliance: answers.compliance,
    costFigures: anyCost ? "yes" : "no",
    "costs.trainingUsd": num(costs.trainingUsd),
    "costs.currentUsdPerMTok": num(costs.currentUsdPerMTok),
    "costs.fineTunedUsdPerMTok": num(costs.fineTunedUsdPerMTok),
    "costs.hostingUsdPerMonth": num(costs.hostingUsdPerMonth),
    asOf: answers.asOf,
  };
  for (const path of unknowns) if (isUnknownAnswer(path)) entries[path] = UNKNOWN;
  const out: FormValues = {};
  for (const [path, value] of Object.entries(entries)) if (value !== undefined) out[path] = value;
  return out;
}
