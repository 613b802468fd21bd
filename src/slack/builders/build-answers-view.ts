import type { KnownBlock, ModalView } from "@slack/types";
import type { Answers } from "../../engine/answers.js";
import { formatNumber } from "../../engine/words.js";
import { ACTION, BLOCK, COMMAND, VIEW } from "../ids.js";
import { LIMIT } from "../limits.js";
import { escapeMrkdwn, slackDate, truncate } from "../mrkdwn.js";
import { type FormField, fieldsOf, optionLabel, STEPS, type StepId, UNKNOWN } from "../questionnaire/fields.js";
import { answersToForm, type FormValues, fieldValue, isShown } from "../questionnaire/form-values.js";
import { isUnknownAnswer, UNKNOWN_ANSWERS } from "../questionnaire/unknowns.js";
import { context, sections } from "./blocks.js";

export interface AnswersViewInput {
  decisionId: number;
  /** What people call it in its workspace. */
  number: number;
  answers: Answers;
  unknownAnswers?: readonly string[];
}

const STEP_HEADER: Record<StepId, string> = { problem: "The problem", evidence: "The evidence", costs: "Cost and operations" };

function shown(field: FormField, value: string | string[] | undefined): string {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "_Not given_";
  if (Array.isArray(value)) return value.map((v) => escapeMrkdwn(optionLabel(field, v))).join(", ");
  if (value === UNKNOWN && isUnknownAnswer(field.path)) {
    return `Don't know _(decided as if ${escapeMrkdwn(UNKNOWN_ANSWERS[field.path].assumption)})_`;
  }
  switch (field.kind) {
    case "model":
      return `\`${escapeMrkdwn(value)}\``;
    case "date":
      return slackDate(value);
    case "number": {
      const n = Number(value);
      if (!Number.isFinite(n)) return escapeMrkdwn(value);
      return field.path.startsWith("costs.") ? `$${formatNumber(n, 4)}` : formatNumber(n, 4);
    }
    case "text":
      return escapeMrkdwn(value);
    default:
      return escapeMrkdwn(optionLabel(field, value));
  }
}

function stepLines(step: StepId, values: FormValues): string[] {
  const lines = [`*${STEP_HEADER[step]}*`];
  for (const field of fieldsOf(step)) {
    // Which questions were asked depends on the answers, as in the form; the price hints are not repeated here.
    if (!isShown(field, values) || field.path === "costFigures") continue;
    lines.push(`${escapeMrkdwn(field.label)}\n> ${shown(field, fieldValue(values, field))}`);
  }
  return lines;
}

/** The answers behind a verdict, read-only, in the form's own words and order. */
export function buildAnswersView(input: AnswersViewInput): ModalView {
  const values = answersToForm(input.answers, input.unknownAnswers ?? []);
  const blocks: KnownBlock[] = [context(`Decision #${input.number}: ${escapeMrkdwn(truncate(input.answers.title, 150))}`)];
  for (const step of STEPS) blocks.push(...sections(stepLines(step, values)), { type: "divider" });
  blocks.push(
    {
      type: "actions",
      block_id: BLOCK.answersExport,
      elements: [
        {
          type: "button",
          action_id: ACTION.exportRecord,
          text: { type: "plain_text", text: "Decision record (Markdown)" },
          value: String(input.decisionId),
        },
      ],
    },
    context(`A record to keep with your code; \`${COMMAND} show ${input.number} --markdown\` gives it too.`),
  );
  return {
    type: "modal",
    callback_id: VIEW.answers,
    title: { type: "plain_text", text: truncate(`Answers behind #${input.number}`, LIMIT.modalTitle) },
    close: { type: "plain_text", text: "Close" },
    // The record button stays, however long the answers.
    blocks: [...blocks.slice(0, -2).slice(0, 98), ...blocks.slice(-2)],
  };
}
