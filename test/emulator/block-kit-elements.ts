// Block elements and composition objects (options, option groups, confirm dialogs),
// with the limits of SLACK-NOTES §1 "Elements & composition objects".
import { type Checker, isObject, type Json } from "./block-kit-checks.js";

/** State shared by every element of one message or view. */
export interface SurfaceScope {
  focusOnLoad: string[];
}

const COMMON = ["type", "action_id"] as const;
const INPUT_COMMON = [...COMMON, "initial_value", "dispatch_action_config", "focus_on_load", "placeholder"] as const;
const SELECT_COMMON = [...COMMON, "confirm", "focus_on_load", "placeholder"] as const;

const ELEMENT_KEYS: Record<string, readonly string[]> = {
  button: [...COMMON, "text", "url", "value", "style", "confirm", "accessibility_label"],
  checkboxes: [...COMMON, "options", "initial_options", "confirm", "focus_on_load"],
  radio_buttons: [...COMMON, "options", "initial_option", "confirm", "focus_on_load"],
  overflow: [...COMMON, "options", "confirm"],
  datepicker: [...SELECT_COMMON, "initial_date"],
  timepicker: [...SELECT_COMMON, "initial_time", "timezone"],
  datetimepicker: [...COMMON, "initial_date_time", "confirm", "focus_on_load"],
  image: ["type", "image_url", "slack_file", "alt_text"],
  static_select: [...SELECT_COMMON, "options", "option_groups", "initial_option"],
  multi_static_select: [...SELECT_COMMON, "options", "option_groups", "initial_options", "max_selected_items"],
  external_select: [...SELECT_COMMON, "initial_option", "min_query_length"],
  multi_external_select: [...SELECT_COMMON, "initial_options", "min_query_length", "max_selected_items"],
  users_select: [...SELECT_COMMON, "initial_user"],
  multi_users_select: [...SELECT_COMMON, "initial_users", "max_selected_items"],
  conversations_select: [...SELECT_COMMON, "initial_conversation", "default_to_current_conversation", "response_url_enabled", "filter"],
  multi_conversations_select: [
    ...SELECT_COMMON,
    "initial_conversations",
    "default_to_current_conversation",
    "max_selected_items",
    "filter",
  ],
  channels_select: [...SELECT_COMMON, "initial_channel", "response_url_enabled"],
  multi_channels_select: [...SELECT_COMMON, "initial_channels", "max_selected_items"],
  plain_text_input: [...INPUT_COMMON, "multiline", "min_length", "max_length"],
  number_input: [...INPUT_COMMON, "is_decimal_allowed", "min_value", "max_value"],
  email_text_input: INPUT_COMMON,
  url_text_input: INPUT_COMMON,
  rich_text_input: INPUT_COMMON,
  file_input: [...COMMON, "filetypes", "max_files"],
};

const SELECTS = Object.keys(ELEMENT_KEYS).filter((t) => t.endsWith("_select"));
const PICKERS = ["datepicker", "timepicker", "datetimepicker"];

/** Which element types each place accepts (Block Kit reference, "Compatible blocks"). */
export const ELEMENTS_ALLOWED_IN = {
  sectionAccessory: ["button", "checkboxes", "image", "overflow", "radio_buttons", "datepicker", "timepicker", ...SELECTS],
  actions: ["button", "checkboxes", "overflow", "radio_buttons", ...PICKERS, ...SELECTS],
  input: [
    "plain_text_input",
    "number_input",
    "email_text_input",
    "url_text_input",
    "rich_text_input",
    "file_input",
    "checkboxes",
    "radio_buttons",
    ...PICKERS,
    ...SELECTS,
  ],
} as const;

/** Validates one element at `pointer`; returns its action_id (if any) so the block can check uniqueness. */
export function checkElement(
  c: Checker,
  element: unknown,
  pointer: string,
  allowed: readonly string[],
  scope: SurfaceScope,
): string | undefined {
  if (!c.object(element, pointer)) return undefined;
  const type = element.type;
  if (typeof type !== "string" || !allowed.includes(type)) {
    c.add(`${pointer}/type`, `unsupported type: ${String(type)}`);
    return undefined;
  }
  c.keys(element, pointer, ELEMENT_KEYS[type] ?? []);
  c.optionalString(element, "action_id", pointer, 255);
  if (element.focus_on_load === true) scope.focusOnLoad.push(`${pointer}/focus_on_load`);
  c.boolean(element, "focus_on_load", pointer);
  c.text(element.placeholder, `${pointer}/placeholder`, { max: 150, plainOnly: true });
  if (element.confirm !== undefined) checkConfirm(c, element.confirm, `${pointer}/confirm`);
  if (type.startsWith("multi_")) c.integer(element, "max_selected_items", pointer, 1, Number.MAX_SAFE_INTEGER);
  ELEMENT_CHECKS[type]?.(c, element, pointer);
  return typeof element.action_id === "string" ? element.action_id : undefined;
}

type ElementCheck = (c: Checker, el: Json, pointer: string) => void;

const ELEMENT_CHECKS: Record<string, ElementCheck> = {
  button(c, el, p) {
    c.text(el.text, `${p}/text`, { max: 75, plainOnly: true, required: true });
    c.optionalString(el, "value", p, 2000);
    c.optionalString(el, "url", p, 3000);
    c.optionalString(el, "accessibility_label", p, 75);
    c.oneOf(el, "style", p, ["primary", "danger"]);
  },
  checkboxes(c, el, p) {
    checkOptionList(c, el, p, { max: 10, mrkdwn: true, multi: true });
  },
  radio_buttons(c, el, p) {
    checkOptionList(c, el, p, { max: 10, mrkdwn: true, multi: false });
  },
  overflow(c, el, p) {
    checkOptionList(c, el, p, { max: 5, mrkdwn: false, multi: false, url: true });
  },
  static_select: checkStaticSelect(false),
  multi_static_select: checkStaticSelect(true),
  datepicker(c, el, p) {
    if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
      c.add(`${p}/initial_date`, "must be a date in the format YYYY-MM-DD");
    }
  },
  timepicker(c, el, p) {
    if (el.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(el.initial_time))) {
      c.add(`${p}/initial_time`, "must be a time in the format HH:mm");
    }
  },
  image(c, el, p) {
    checkImage(c, el, p);
  },
  plain_text_input(c, el, p) {
    c.optionalString(el, "initial_value", p, 3000);
    c.boolean(el, "multiline", p);
    const min = c.integer(el, "min_length", p, 0, 3000);
    const max = c.integer(el, "max_length", p, 1, 3000);
    if (min !== undefined && max !== undefined && min > max) {
      c.add(`${p}/min_length`, "must be less than or equal to max_length");
    }
  },
  number_input: checkNumberInput,
  file_input(c, el, p) {
    c.integer(el, "max_files", p, 1, 10);
  },
};

/**
 * The answer to an options request (`block_suggestion`): the options or option groups of a static select, under the
 * same limits; an empty list is allowed (the menu says there are no results).
 */
export function checkOptionsAnswer(c: Checker, body: unknown): void {
  if (!c.object(body, "")) return;
  c.keys(body, "", ["options", "option_groups"]);
  if (Array.isArray(body.options) && body.options.length === 0 && body.option_groups === undefined) return;
  checkStaticSelect(false)(c, body, "");
}

function checkStaticSelect(multi: boolean): ElementCheck {
  return (c, el, p) => {
    const hasOptions = el.options !== undefined;
    const hasGroups = el.option_groups !== undefined;
    if (hasOptions === hasGroups) {
      c.add(p, "must provide exactly one of options or option_groups");
      return;
    }
    if (hasOptions) {
      checkOptionList(c, el, p, { max: 100, mrkdwn: false, multi });
      return;
    }
    if (!c.array(el.option_groups, `${p}/option_groups`, { min: 1, max: 100 })) return;
    const values: string[] = [];
    el.option_groups.forEach((group, i) => {
      const gp = `${p}/option_groups/${i}`;
      if (!c.object(group, gp)) return;
      c.keys(group, gp, ["label", "options"]);
      c.text(group.label, `${gp}/label`, { max: 75, plainOnly: true, required: true });
      if (!c.array(group.options, `${gp}/options`, { min: 1, max: 100 })) return;
      group.options.forEach((o, j) => values.push(...checkOption(c, o, `${gp}/options/${j}`, { mrkdwn: false })));
    });
    checkInitialOptions(c, el, p, values, multi);
  };
}

function checkOptionList(c: Checker, el: Json, p: string, opts: { max: number; mrkdwn: boolean; multi: boolean; url?: boolean }): void {
  if (!c.required(el, "options", p)) return;
  if (!c.array(el.options, `${p}/options`, { min: 1, max: opts.max })) return;
  const values = el.options.flatMap((o, i) => checkOption(c, o, `${p}/options/${i}`, opts));
  checkInitialOptions(c, el, p, values, opts.multi);
}

/** Returns the option's value (for initial_option matching). */
function checkOption(c: Checker, option: unknown, p: string, opts: { mrkdwn: boolean; url?: boolean }): string[] {
  if (!c.object(option, p)) return [];
  c.keys(option, p, opts.url ? ["text", "value", "description", "url"] : ["text", "value", "description"]);
  c.text(option.text, `${p}/text`, { max: 75, plainOnly: !opts.mrkdwn, required: true });
  c.text(option.description, `${p}/description`, { max: 75, plainOnly: !opts.mrkdwn });
  c.optionalString(option, "url", p, 3000);
  if (!c.required(option, "value", p)) return [];
  return c.string(option.value, `${p}/value`, { max: 75 }) ? [option.value] : [];
}

function checkInitialOptions(c: Checker, el: Json, p: string, values: string[], multi: boolean): void {
  const key = multi ? "initial_options" : "initial_option";
  const initial = el[key];
  if (initial === undefined) return;
  const list = multi ? initial : [initial];
  if (!Array.isArray(list)) {
    c.add(`${p}/${key}`, "must provide an array");
    return;
  }
  list.forEach((o, i) => {
    const ip = multi ? `${p}/${key}/${i}` : `${p}/${key}`;
    if (!isObject(o) || typeof o.value !== "string" || !values.includes(o.value)) {
      c.add(ip, "must match one of the provided options");
    }
  });
}

function checkNumberInput(c: Checker, el: Json, p: string): void {
  if (c.required(el, "is_decimal_allowed", p) && typeof el.is_decimal_allowed !== "boolean") {
    c.add(`${p}/is_decimal_allowed`, "must provide a boolean");
  }
  const numbers: Partial<Record<"min_value" | "max_value" | "initial_value", number>> = {};
  for (const key of ["min_value", "max_value", "initial_value"] as const) {
    const raw = el[key];
    if (raw === undefined) continue;
    if (!c.string(raw, `${p}/${key}`)) continue;
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n)) c.add(`${p}/${key}`, "must be a number");
    else if (el.is_decimal_allowed === false && !Number.isInteger(n)) c.add(`${p}/${key}`, "must be an integer");
    else numbers[key] = n;
  }
  const { min_value: min, max_value: max, initial_value: initial } = numbers;
  if (min !== undefined && max !== undefined && min > max) c.add(`${p}/min_value`, "must be less than or equal to max_value");
  if (initial !== undefined && ((min !== undefined && initial < min) || (max !== undefined && initial > max))) {
    c.add(`${p}/initial_value`, "must be between min_value and max_value");
  }
}

export function checkImage(c: Checker, el: Json, p: string): void {
  if (el.image_url === undefined && el.slack_file === undefined) c.add(p, "missing required field: image_url");
  c.optionalString(el, "image_url", p, 3000);
  if (c.required(el, "alt_text", p)) c.string(el.alt_text, `${p}/alt_text`, { min: 1, max: 2000 });
}

function checkConfirm(c: Checker, confirm: unknown, p: string): void {
  if (!c.object(confirm, p)) return;
  c.keys(confirm, p, ["title", "text", "confirm", "deny", "style"]);
  c.text(confirm.title, `${p}/title`, { max: 100, plainOnly: true, required: true });
  c.text(confirm.text, `${p}/text`, { max: 300, required: true });
  c.text(confirm.confirm, `${p}/confirm`, { max: 30, plainOnly: true, required: true });
  c.text(confirm.deny, `${p}/deny`, { max: 30, plainOnly: true, required: true });
  c.oneOf(confirm, "style", p, ["primary", "danger"]);
}
