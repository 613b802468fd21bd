import type { Answers } from "../engine/answers.js";
import { formatNumber } from "../engine/words.js";
import { FORM_FIELDS, type FormField, optionLabel } from "./questionnaire/fields.js";
import { answersToForm, type FormValues, fieldValue, isShown } from "./questionnaire/form-values.js";

/** One answer as the form asked it: its label and the answer in the form's own words (plain text, not escaped). */
export interface AnswerLine {
  path: string;
  label: string;
  value: string;
}

/** A stored decision's answers as the form held them, "Don't know" where the team did not know. */
export interface GivenAnswers {
  answers: Answers;
  unknownAnswers?: readonly string[];
}

/** Labels that lean on the question above them in the form, said so they read alone (in a list of changes, `show`). */
const ON_ITS_OWN: Readonly<Record<string, string>> = {
  "evals.baselineScore": "Prompted system's score (0-100)",
  "evals.targetScore": "Score the product needs (0-100)",
  "data.quality": "How clean the examples are",
  candidateSizeB: "Size of the model to fine-tune (billions of parameters)",
};
const labelOf = (field: FormField) => ON_ITS_OWN[field.path] ?? field.label;

const formOf = (given: GivenAnswers) => answersToForm(given.answers, given.unknownAnswers ?? []);

/** An answer in the form's words ("Yes", "Don't know", "12,000"); null when it was not given. */
function shown(field: FormField, value: string | string[] | undefined): string | null {
  if (value === undefined || value === "") return null;
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.map((v) => optionLabel(field, v)).join(", ");
  if (field.kind === "number") {
    const n = Number(value);
    return Number.isFinite(n) ? formatNumber(n, 4) : value;
  }
  return optionLabel(field, value);
}

/** The questions the form asked for these answers (the cost-figures question only decides which fields show). */
const asked = (values: FormValues) => FORM_FIELDS.filter((f) => f.path !== "costFigures" && isShown(f, values));

/** Every given answer, in the form's order and words: what a verdict rests on. */
export function answerLines(given: GivenAnswers): AnswerLine[] {
  const values = formOf(given);
  const lines: AnswerLine[] = [];
  for (const field of asked(values)) {
    const value = shown(field, fieldValue(values, field));
    if (value !== null) lines.push({ path: field.path, label: labelOf(field), value });
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

/**
 * What a revision changed in the answers, in the form's labels, "Don't know" included (the decision date left out: it
 * always moves; so is a question neither version asked).
 */
export function answerChanges(before: GivenAnswers, after: GivenAnswers): AnswerChange[] {
  const was = formOf(before);
  const now = formOf(after);
  const changes: AnswerChange[] = [];
  for (const field of FORM_FIELDS) {
    if (field.path === "asOf" || field.path === "costFigures") continue;
    const wasAsked = isShown(field, was);
    const nowAsked = isShown(field, now);
    if (!wasAsked && !nowAsked) continue;
    const from = (wasAsked ? shown(field, fieldValue(was, field)) : null) ?? "not given";
    const to = (nowAsked ? shown(field, fieldValue(now, field)) : null) ?? "not given";
    if (from !== to) changes.push({ label: labelOf(field), before: from, after: to });
  }
  return changes;
}
