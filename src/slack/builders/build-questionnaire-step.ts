import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { ACTION, BLOCK, STEP_VIEWS } from "../ids.js";
import { LIMIT } from "../limits.js";
import { slackDate, truncate } from "../mrkdwn.js";
import { type FieldOption, type FormField, fieldsOf, STEPS, type StepId } from "../questionnaire/fields.js";
import { type FormValues, fieldValue, isShown } from "../questionnaire/form-values.js";
import type { PriceField, PriceHint } from "../questionnaire/price-hints.js";
import type { ReviewMetadata } from "../readers/read-review-metadata.js";
import { blockIdOf } from "../readers/read-step-values.js";

export interface StepViewInput {
  step: StepId;
  /** Where the verdict goes. */
  metadata: ReviewMetadata;
  /** The answers so far: the fields' initial values, and which fields show. */
  values: FormValues;
  /** Today (YYYY-MM-DD): the decision date unless the team changes it. */
  today: string;
  /** A line above the questions (what is being re-evaluated), mrkdwn the caller escaped. */
  intro?: string;
  /** When the answers come from a draft: when it was last saved (ISO timestamp). */
  draftSavedAt?: string;
  /** Per field path, how many times its input was replaced (see blockIdOf). */
  revisions?: Readonly<Record<string, number>>;
  /** The price fields' catalog prices and hints (cost step). */
  prices?: Partial<Record<PriceField, PriceHint>>;
  /** The prices filled in so far, to tell them from a figure the team typed. */
  prefilled?: Partial<Record<PriceField, string>>;
}

const STEP_TITLE: Record<StepId, string> = { problem: "the problem", evidence: "the evidence", costs: "cost and operations" };

const plain = (text: string, max: number = LIMIT.optionText) => ({ type: "plain_text" as const, text: truncate(text, max) });

function option(o: FieldOption): PlainTextOption {
  return { text: plain(o.label), value: o.value };
}

function element(field: FormField, value: string | string[] | undefined, today: string): Record<string, unknown> {
  const base = { action_id: ACTION.field };
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, LIMIT.placeholder) } : {};
  const one = typeof value === "string" ? value : undefined;
  const opts = field.options ?? [];
  switch (field.kind) {
    case "text":
      return {
        ...base,
        type: "plain_text_input",
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...(one ? { initial_value: truncate(one, field.maxLength ?? 3000) } : {}),
        ...placeholder,
      };
    case "number":
      return {
        ...base,
        type: "number_input",
        is_decimal_allowed: field.decimal ?? false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(one !== undefined && isInitialNumber(field, one) ? { initial_value: one } : {}),
      };
    case "select": {
      const chosen = opts.find((o) => o.value === one);
      return {
        ...base,
        type: "static_select",
        options: opts.map(option),
        ...(chosen ? { initial_option: option(chosen) } : {}),
        ...placeholder,
      };
    }
    case "multi": {
      const chosen = Array.isArray(value) ? opts.filter((o) => value.includes(o.value)) : [];
      return {
        ...base,
        type: "multi_static_select",
        options: opts.map(option),
        ...(chosen.length ? { initial_options: chosen.map(option) } : {}),
        ...placeholder,
      };
    }
    case "radio": {
      const chosen = opts.find((o) => o.value === one);
      return { ...base, type: "radio_buttons", options: opts.map(option), ...(chosen ? { initial_option: option(chosen) } : {}) };
    }
    case "date":
      return { ...base, type: "datepicker", initial_date: one && /^\d{4}-\d{2}-\d{2}$/.test(one) ? one : today };
    case "model":
      return {
        ...base,
        type: "external_select",
        min_query_length: 1,
        // A model id longer than an option value may be is picked again rather than cut.
        ...(one && one.length <= LIMIT.optionValue ? { initial_option: { text: plain(one), value: one } } : {}),
        ...placeholder,
      };
  }
}

/** Slack refuses a view whose number input starts outside its bounds or with a decimal it does not allow. */
function isInitialNumber(field: FormField, text: string): boolean {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) return false;
  if (!field.decimal && !Number.isInteger(n)) return false;
  return (field.min === undefined || n >= field.min) && (field.max === undefined || n <= field.max);
}

function inputBlock(field: FormField, input: StepViewInput): KnownBlock {
  const price = input.prices?.[field.path as PriceField];
  const value = price?.value ?? fieldValue(input.values, field);
  const hint = price?.hint ?? field.hint;
  return {
    type: "input",
    block_id: blockIdOf(field.path, input.revisions?.[field.path] ?? 0),
    ...(field.optional ? { optional: true } : {}),
    ...(field.dispatch ? { dispatch_action: true } : {}),
    label: plain(field.label, 2000),
    ...(hint ? { hint: plain(hint, 2000) } : {}),
    element: element(field, value, input.today),
  } as unknown as KnownBlock;
}

function intro(input: StepViewInput): KnownBlock[] {
  const n = STEPS.indexOf(input.step) + 1;
  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `*Step ${n} of 3: ${STEP_TITLE[input.step]}.* Close it any time: your answers are kept.` }],
    },
  ];
  if (input.draftSavedAt && input.step === "problem") {
    blocks.push({
      type: "section",
      block_id: BLOCK.draft,
      text: { type: "mrkdwn", text: `Continuing your draft from ${slackDate(input.draftSavedAt)}.` },
      accessory: { type: "button", action_id: ACTION.startOver, text: plain("Start over"), value: "start_over" },
    });
  }
  if (input.intro) blocks.push({ type: "section", text: { type: "mrkdwn", text: truncate(input.intro, LIMIT.sectionText) } });
  return blocks;
}

/** One step of the questionnaire: the questions shown for the answers so far, grouped under short headers. */
export function buildQuestionnaireStep(input: StepViewInput): ModalView {
  const blocks = intro(input);
  let section = "";
  for (const field of fieldsOf(input.step)) {
    if (!isShown(field, input.values)) continue;
    if (field.section !== section) {
      section = field.section;
      blocks.push({ type: "header", text: plain(section, LIMIT.headerText) });
    }
    blocks.push(inputBlock(field, input));
  }
  const last = input.step === "costs";
  return {
    type: "modal",
    callback_id: STEP_VIEWS[STEPS.indexOf(input.step)]!,
    title: plain("Should we fine-tune?", LIMIT.modalTitle),
    submit: plain(last ? "Get the verdict" : "Next", LIMIT.modalButton),
    // Steps after the first are pushed onto the first, so closing one goes back to the step before it.
    close: plain(input.step === "problem" ? "Cancel" : "Back", LIMIT.modalButton),
    notify_on_close: true,
    private_metadata: questionnaireMetadata(input),
    blocks,
  };
}

/**
 * The view's metadata: where the verdict goes, and the answers of the other steps (this step's answers come back in
 * the view's state). Slack allows 3,000 characters; answers that would not fit are left for the team to give again.
 */
export function questionnaireMetadata(
  input: Pick<StepViewInput, "metadata" | "values" | "step" | "prefilled" | "draftSavedAt" | "intro">,
): string {
  const own = new Set(fieldsOf(input.step).map((f) => f.path));
  const values: FormValues = {};
  for (const [path, value] of Object.entries(input.values)) if (!own.has(path)) values[path] = value;
  const extras = {
    ...(input.prefilled && Object.keys(input.prefilled).length > 0 ? { prefilled: input.prefilled } : {}),
    ...(input.draftSavedAt && input.step === "problem" ? { draftFrom: input.draftSavedAt } : {}),
    ...(input.intro ? { intro: input.intro } : {}),
  };
  const serialise = () => JSON.stringify({ ...input.metadata, ...(Object.keys(values).length > 0 ? { values } : {}), ...extras });
  let text = serialise();
  const longestFirst = Object.entries(values).sort((a, b) => JSON.stringify(b[1]).length - JSON.stringify(a[1]).length);
  for (const [path] of longestFirst) {
    if (text.length <= LIMIT.privateMetadata) break;
    delete values[path];
    text = serialise();
  }
  return text;
}
