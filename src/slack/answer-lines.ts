import type { Answers } from "../engine/answers.js";
import { BOOL_OPTIONS, QUESTIONNAIRE_FIELDS, type QuestionnaireField } from "./questionnaire-fields.js";

/** One answer as the form asked it: its label and the answer in the form's own words (plain text, not escaped). */
export interface AnswerLine {
  path: string;
  label: string;
  value: string;
}

function valueAt(answers: unknown, path: string): unknown {
  let value = answers;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const optionLabel = (field: QuestionnaireField, value: string) => field.options?.find((o) => o.value === value)?.label ?? value;

/** An answer in the form's words; null when it was not given. */
function shown(field: QuestionnaireField, value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.map((v) => optionLabel(field, String(v))).join(", ");
  if (typeof value === "boolean") return (value ? BOOL_OPTIONS[0] : BOOL_OPTIONS[1])!.label;
  if (typeof value === "number") return value.toLocaleString("en-US", { maximumFractionDigits: 4 });
  return field.kind === "select" ? optionLabel(field, String(value)) : String(value);
}

/** Every given answer, in the form's order and words: what a verdict rests on. */
export function answerLines(answers: Answers): AnswerLine[] {
  const lines: AnswerLine[] = [];
  for (const field of QUESTIONNAIRE_FIELDS) {
    const value = shown(field, valueAt(answers, field.path));
    if (value !== null) lines.push({ path: field.path, label: field.label, value });
  }
  return lines;
}

/** "Kind of task: Classification", "Do you have an eval set? Yes": a label and its answer on one line. */
export const labelled = (label: string, value: string) => `${label}${/[?:]$/.test(label) ? "" : ":"} ${value}`;

export interface AnswerChange {
  label: string;
  before: string;
  after: string;
}

/** What a revision changed in the answers, in the form's labels (the decision date left out: it always moves). */
export function answerChanges(before: Answers, after: Answers): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const field of QUESTIONNAIRE_FIELDS) {
    if (field.path === "asOf") continue;
    const was = shown(field, valueAt(before, field.path)) ?? "not given";
    const now = shown(field, valueAt(after, field.path)) ?? "not given";
    if (was !== now) changes.push({ label: field.label, before: was, after: now });
  }
  return changes;
}
