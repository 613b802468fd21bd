import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { Answers } from "../../engine/answers.js";
import { ACTION, VIEW } from "../ids.js";
import { truncate } from "../mrkdwn.js";
import { BOOL_OPTIONS, type FieldOption, QUESTIONNAIRE_FIELDS, type QuestionnaireField } from "../questionnaire-fields.js";
import type { ReviewMetadata } from "../readers/read-review-metadata.js";

export interface QuestionnaireInput {
  metadata: ReviewMetadata;
  /** Values to start from: the title typed after the command, or a stored decision's answers on re-evaluation. */
  initial?: Partial<Answers>;
  /** Today's date (YYYY-MM-DD), the default decision date. */
  today: string;
  /** Shown above the fields, e.g. what is being re-evaluated. */
  intro?: string;
}

const plain = (text: string) => ({ type: "plain_text" as const, text: truncate(text, 75), emoji: true });

function option(o: FieldOption): PlainTextOption {
  return { text: plain(o.label), value: o.value };
}

function valueAt(initial: Partial<Answers> | undefined, path: string): unknown {
  let value: unknown = initial;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function element(field: QuestionnaireField, initial: unknown, today: string): Record<string, unknown> {
  const base = { action_id: ACTION.field };
  const placeholder = field.placeholder ? { placeholder: { type: "plain_text", text: field.placeholder } } : {};
  switch (field.kind) {
    case "text":
      return {
        ...base,
        type: "plain_text_input",
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...(typeof initial === "string" && initial.length > 0 ? { initial_value: truncate(initial, field.maxLength ?? 3000) } : {}),
        ...placeholder,
      };
    case "number":
      return {
        ...base,
        type: "number_input",
        is_decimal_allowed: field.decimal ?? false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(typeof initial === "number" ? { initial_value: String(initial) } : {}),
      };
    case "select": {
      const opts = field.options ?? [];
      const chosen = opts.find((o) => o.value === initial);
      return { ...base, type: "static_select", options: opts.map(option), ...(chosen ? { initial_option: option(chosen) } : {}) };
    }
    case "multi": {
      const opts = field.options ?? [];
      const chosen = Array.isArray(initial) ? opts.filter((o) => initial.includes(o.value)) : [];
      return { ...base, type: "checkboxes", options: opts.map(option), ...(chosen.length ? { initial_options: chosen.map(option) } : {}) };
    }
    case "bool": {
      const chosen = typeof initial === "boolean" ? BOOL_OPTIONS[initial ? 0 : 1] : undefined;
      return { ...base, type: "radio_buttons", options: BOOL_OPTIONS.map(option), ...(chosen ? { initial_option: option(chosen) } : {}) };
    }
    case "date":
      return { ...base, type: "datepicker", initial_date: typeof initial === "string" ? initial : today };
  }
}

/** The questionnaire modal: one input block per Answers field, block id = the field's path. */
export function buildQuestionnaire(input: QuestionnaireInput): ModalView {
  const intro: KnownBlock[] = input.intro ? [{ type: "section", text: { type: "mrkdwn", text: truncate(input.intro, 3000) } }] : [];
  const fields = QUESTIONNAIRE_FIELDS.map(
    (field) =>
      ({
        type: "input",
        block_id: field.path,
        optional: field.optional ?? false,
        label: { type: "plain_text", text: field.label },
        ...(field.hint ? { hint: { type: "plain_text", text: field.hint } } : {}),
        element: element(field, valueAt(input.initial, field.path), input.today),
      }) as unknown as KnownBlock,
  );
  return {
    type: "modal",
    callback_id: VIEW.questionnaire,
    title: { type: "plain_text", text: "Should we fine-tune?" },
    submit: { type: "plain_text", text: "Get the verdict" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: JSON.stringify(input.metadata),
    blocks: [...intro, ...fields],
  };
}
