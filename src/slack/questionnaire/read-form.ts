import { Answers } from "../../engine/answers.js";
import { FIELD_BY_PATH, type FormField, SHORTFALL, UNKNOWN } from "./fields.js";
import { type FormValues, isShown, showsCosts } from "./form-values.js";
import { isUnknownAnswer, UNKNOWN_ANSWERS, type UnknownAnswer } from "./unknowns.js";

export interface FormReading {
  /** Null while any field has a problem. */
  answers: Answers | null;
  /** The fields answered "Don't know", decided as the cautious answer (unknowns.ts). */
  unknowns: UnknownAnswer[];
  /** A plain sentence per field path, shown under that field. */
  errors: Record<string, string>;
}

interface NumberRules {
  required?: string;
  whole?: string;
  min?: readonly [number, string];
  max?: readonly [number, string];
}

const SCORE_RANGE = "Scores go from 0 to 100";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Turns the form's values into Answers, or into plain-words problems by field; fields not shown are not read. */
export function readForm(values: FormValues): FormReading {
  const errors: Record<string, string> = {};
  const unknowns: UnknownAnswer[] = [];
  const field = (path: string): FormField => FIELD_BY_PATH.get(path)!;
  const shown = (path: string) => isShown(field(path), values);
  const raw = (path: string): string | undefined => {
    const value = values[path] ?? field(path).initial;
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const fail = (path: string, message: string): undefined => {
    errors[path] ??= message;
    return undefined;
  };

  const text = (path: string, required?: string): string | undefined => {
    const value = raw(path);
    if (value === undefined) return required ? fail(path, required) : undefined;
    const max = field(path).maxLength ?? 200;
    return value.length > max ? fail(path, `Keep it to ${max} characters`) : value;
  };
  const number = (path: string, rules: NumberRules): number | undefined => {
    const value = raw(path);
    if (value === undefined) return rules.required ? fail(path, rules.required) : undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) return fail(path, "Use a number, like 1200 or 0.5");
    if (rules.min && n < rules.min[0]) return fail(path, rules.min[1]);
    if (rules.max && n > rules.max[0]) return fail(path, rules.max[1]);
    if (rules.whole && !Number.isInteger(n)) return fail(path, rules.whole);
    return n;
  };
  /** An option's value; a "Don't know" becomes the cautious answer and is remembered. */
  const choice = (path: string, required: string): string | boolean | undefined => {
    const value = raw(path);
    if (value === undefined) return fail(path, required);
    if (value === UNKNOWN && isUnknownAnswer(path)) {
      unknowns.push(path);
      return UNKNOWN_ANSWERS[path].assumed;
    }
    if (!field(path).options?.some((o) => o.value === value)) return fail(path, required);
    return value;
  };
  /** A yes / no question (its "Don't know" already decided by `choice`). */
  const flag = (path: string, required: string): boolean | undefined => {
    const value = choice(path, required);
    return typeof value === "boolean" || value === undefined ? value : value === "yes";
  };
  const picks = (path: string): string[] => {
    const value = values[path];
    const offered = field(path).options ?? [];
    return Array.isArray(value) ? [...new Set(value)].filter((v) => offered.some((o) => o.value === v)) : [];
  };

  const shortfall = choice("shortfall", "Say whether the prompted system falls short");
  let gaps: string[] = [];
  if (shortfall === SHORTFALL.named) {
    gaps = picks("gaps");
    if (gaps.length === 0) fail("gaps", "Pick at least one way it falls short");
  } else if (typeof shortfall === "string") {
    gaps = [shortfall];
  }
  const scored = flag("evals.hasPromptedBaseline", "Answer yes or no");
  const score = (path: string, required: string) =>
    shown(path) ? number(path, { required, min: [0, SCORE_RANGE], max: [100, SCORE_RANGE] }) : undefined;
  const costs = showsCosts(values) ? readCosts(values, number, fail) : undefined;

  const draft = {
    title: text("title", "Give the decision a name"),
    task: choice("task", "Pick the kind of task"),
    gaps,
    tried: picks("tried"),
    evals: {
      hasEvalSet: flag("evals.hasEvalSet", "Answer yes or no"),
      hasHeldOutTestSet: flag("evals.hasHeldOutTestSet", "Answer yes, no or don't know"),
      hasPromptedBaseline: scored,
      baselineScore: score("evals.baselineScore", "Add the score the prompted system got"),
      targetScore: score("evals.targetScore", "Add the score the product needs"),
    },
    data: {
      labeledExamples: number("data.labeledExamples", {
        required: "Say how many labelled examples you have (0 if none)",
        whole: "Count whole examples",
        min: [0, "Examples can't be negative"],
      }),
      quality: choice("data.quality", "Pick how clean the data is, or Don't know"),
      versioned: flag("data.versioned", "Answer yes, no or don't know"),
    },
    volume: {
      requestsPerMonth: number("volume.requestsPerMonth", {
        required: "Say about how many requests a month you expect",
        whole: "Count whole requests",
        min: [0, "Requests can't be negative"],
      }),
      tokensPerRequest: number("volume.tokensPerRequest", { whole: "Count whole tokens", min: [0, "Tokens can't be negative"] }),
    },
    latencySensitive: flag("latencySensitive", "Answer yes or no"),
    compliance: choice("compliance", "Say where the data may go, or Don't know"),
    taskChangeFrequency: choice("taskChangeFrequency", "Pick how often the task changes, or Don't know"),
    tasksServed: number("tasksServed", {
      required: "Say how many tasks this model serves (1 if only this one)",
      whole: "Count whole tasks",
      min: [1, "A model serves at least one task"],
    }),
    baseModel: text("baseModel", "Pick the model you use today, or type its id"),
    candidateModel: text("candidateModel"),
    candidateSizeB: number("candidateSizeB", { min: [Number.MIN_VALUE, "Give a size above 0, in billions of parameters"] }),
    mlopsCapacity: flag("mlopsCapacity", "Answer yes, no or don't know"),
    costs,
    asOf: raw("asOf") !== undefined && ISO_DATE.test(raw("asOf")!) ? raw("asOf") : fail("asOf", "Pick the date to decide as of"),
  };
  if (Object.keys(errors).length > 0) return { answers: null, unknowns, errors };
  const parsed = Answers.safeParse(withoutUndefined(draft));
  if (parsed.success) return { answers: parsed.data, unknowns, errors };
  // Values no Slack client sends (a forged or stale form): name the field, in words.
  for (const issue of parsed.error.issues) fail(fieldPathOf(issue.path.map(String)), "Check this answer");
  return { answers: null, unknowns, errors };
}

type NumberReader = (path: string, rules: NumberRules) => number | undefined;

const COST_PROBLEM = {
  "volume.tokensPerRequest": "Add tokens per request to get a break-even",
  "costs.trainingUsd": "Add the training cost to get a break-even",
  "costs.currentUsdPerMTok": "Add today's price to get a break-even",
  "costs.fineTunedUsdPerMTok": "Add the fine-tuned price to get a break-even",
} as const;

function readCosts(values: FormValues, number: NumberReader, fail: (path: string, message: string) => undefined) {
  const money = (path: string, what: string) => number(path, { min: [0, `${what} can't be negative`] });
  const costs = {
    trainingUsd: money("costs.trainingUsd", "Costs"),
    currentUsdPerMTok: money("costs.currentUsdPerMTok", "Prices"),
    fineTunedUsdPerMTok: money("costs.fineTunedUsdPerMTok", "Prices"),
    hostingUsdPerMonth: money("costs.hostingUsdPerMonth", "Costs"),
  };
  // Prices may have been filled in from a catalog; a training or hosting cost, or a "yes" to having figures, is the
  // team's own word that it wants a break-even, and then every input a break-even needs must be there.
  const wantsBreakEven = values.costFigures === "yes" || costs.trainingUsd !== undefined || costs.hostingUsdPerMonth !== undefined;
  if (wantsBreakEven) {
    const given: Record<keyof typeof COST_PROBLEM, boolean> = {
      "volume.tokensPerRequest": values["volume.tokensPerRequest"] !== undefined,
      "costs.trainingUsd": costs.trainingUsd !== undefined,
      "costs.currentUsdPerMTok": costs.currentUsdPerMTok !== undefined,
      "costs.fineTunedUsdPerMTok": costs.fineTunedUsdPerMTok !== undefined,
    };
    for (const [path, problem] of Object.entries(COST_PROBLEM)) if (!given[path as keyof typeof COST_PROBLEM]) fail(path, problem);
  }
  const given = Object.values(costs).some((v) => v !== undefined);
  return given ? costs : undefined;
}

/** `evals.baselineScore` for a zod path; the nearest field for deeper or shallower ones. */
function fieldPathOf(parts: readonly string[]): string {
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (FIELD_BY_PATH.has(candidate)) return candidate;
  }
  const prefix = parts.join(".");
  return [...FIELD_BY_PATH.keys()].find((path) => prefix !== "" && path.startsWith(`${prefix}.`)) ?? "title";
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== undefined) out[key] = withoutUndefined(inner);
  return out;
}
