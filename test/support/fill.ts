import type { Answers } from "../../src/engine/answers.js";
import { QUESTIONNAIRE_FIELDS } from "../../src/slack/questionnaire-fields.js";
import type { FillValue } from "../emulator/slack-driver.js";

/** What a user would enter in the questionnaire to give these answers, by block id. */
export function fillFromAnswers(answers: Partial<Answers>): Record<string, FillValue> {
  const fill: Record<string, FillValue> = {};
  for (const field of QUESTIONNAIRE_FIELDS) {
    let value: unknown = answers;
    for (const key of field.path.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) {
      fill[field.path] = field.kind === "multi" ? [] : null;
    } else if (typeof value === "boolean") {
      fill[field.path] = value ? "yes" : "no";
    } else {
      fill[field.path] = value as FillValue;
    }
  }
  return fill;
}
