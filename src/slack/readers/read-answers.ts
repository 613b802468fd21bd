import type { ViewStateValue } from "@slack/bolt";
import { type Answers, type FieldProblem, parseAnswers } from "../../engine/answers.js";
import { ACTION } from "../ids.js";
import { QUESTIONNAIRE_FIELDS, type QuestionnaireField } from "../questionnaire-fields.js";

export type ViewState = Record<string, Record<string, ViewStateValue>>;

export type ReadAnswersResult = { ok: true; answers: Answers } | { ok: false; errors: Record<string, string> };

const BLOCK_IDS = new Set(QUESTIONNAIRE_FIELDS.map((f) => f.path));

function readField(field: QuestionnaireField, value: ViewStateValue | undefined): unknown {
  if (!value || typeof value !== "object") return undefined;
  switch (field.kind) {
    case "text":
      return value.value ? value.value : undefined;
    case "number": {
      if (value.value === null || value.value === undefined || value.value === "") return undefined;
      const n = Number(value.value);
      return Number.isFinite(n) ? n : value.value;
    }
    case "select":
      return value.selected_option?.value ?? undefined;
    case "multi":
      return Array.isArray(value.selected_options) ? value.selected_options.map((o) => o?.value) : value.selected_options;
    case "bool": {
      const chosen = value.selected_option?.value;
      return chosen === undefined ? undefined : chosen === "yes";
    }
    case "date":
      return value.selected_date ?? undefined;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** The nearest questionnaire block for a zod path: `gaps.2` → `gaps`, `costs` → its first field. */
export function blockIdFor(path: string): string {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (BLOCK_IDS.has(candidate)) return candidate;
  }
  return QUESTIONNAIRE_FIELDS.find((f) => f.path.startsWith(`${path}.`))?.path ?? "title";
}

function toErrors(problems: FieldProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const id = blockIdFor(p.path);
    errors[id] ??= p.message;
  }
  return errors;
}

/**
 * Parses a submitted questionnaire into Answers, or into field errors keyed by input block id. Whatever shape the
 * state has, the answer is field errors, never a throw: a throw would leave Slack waiting for the ack.
 */
export function readAnswers(state: ViewState | null | undefined): ReadAnswersResult {
  const raw: Record<string, unknown> = {};
  const values = state !== null && typeof state === "object" ? state : {};
  for (const field of QUESTIONNAIRE_FIELDS) {
    const block = values[field.path];
    const value = readField(field, block !== null && typeof block === "object" ? block[ACTION.field] : undefined);
    if (value !== undefined) setPath(raw, field.path, value);
  }
  const parsed = parseAnswers(raw);
  return parsed.ok ? { ok: true, answers: parsed.answers } : { ok: false, errors: toErrors(parsed.problems) };
}
