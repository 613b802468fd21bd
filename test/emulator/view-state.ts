// Builds `view.state.values` the way Slack's client would after a user filled a
// modal, and refuses what the client would not let a user submit (empty required
// inputs, values outside min/max, options that are not offered).
import type { ViewStateValue } from "@slack/bolt";
import { isObject, type Json } from "./block-kit-checks.js";

/**
 * What the user entered, per input block_id: text for text/number/date inputs, the option
 * `value` for selects and radios, a list of option values (or user/channel ids) for
 * checkboxes and multi-selects, `null` to leave it empty.
 */
export type FillValue = string | number | string[] | null;
/** `view.state.values`, typed as Bolt types it. */
export type StateValues = Record<string, Record<string, ViewStateValue>>;

export class UnsubmittableError extends Error {}

const TEXT_INPUTS = ["plain_text_input", "email_text_input", "url_text_input", "number_input"];
const SINGLE_PICK: Record<string, string> = {
  users_select: "selected_user",
  conversations_select: "selected_conversation",
  channels_select: "selected_channel",
  datepicker: "selected_date",
  timepicker: "selected_time",
  datetimepicker: "selected_date_time",
};
const MULTI_PICK: Record<string, string> = {
  multi_users_select: "selected_users",
  multi_conversations_select: "selected_conversations",
  multi_channels_select: "selected_channels",
};
const INITIAL_KEY: Record<string, string> = {
  users_select: "initial_user",
  conversations_select: "initial_conversation",
  channels_select: "initial_channel",
  datepicker: "initial_date",
  timepicker: "initial_time",
  datetimepicker: "initial_date_time",
  multi_users_select: "initial_users",
  multi_conversations_select: "initial_conversations",
  multi_channels_select: "initial_channels",
};

/** The options an options request offered for an external select, by its block id; undefined when none was asked for. */
export type OfferedOptions = (blockId: string, actionId: string) => Json[] | undefined;

export interface StateOptions {
  clientChecks?: boolean;
  /**
   * With it, an external select can only be set to an option the app offered (or its initial option), as in Slack's
   * client, where picking is the only way to set one.
   */
  offered?: OfferedOptions;
}

/**
 * `state.values` for every input block of `view`: the filled value, else the element's
 * initial value, else empty. Throws UnsubmittableError (unless `clientChecks: false`)
 * where Slack's client would block the submit, and always for unknown block ids.
 */
export function buildStateValues(view: Json, fill: Record<string, FillValue>, opts: StateOptions = {}): StateValues {
  const checks = opts.clientChecks ?? true;
  const blocks = Array.isArray(view.blocks) ? view.blocks.filter(isObject) : [];
  const inputs = blocks.filter((b) => b.type === "input" && isObject(b.element));
  const unknown = Object.keys(fill).filter((id) => !inputs.some((b) => b.block_id === id));
  if (unknown.length > 0) throw new UnsubmittableError(`no input block with block_id ${unknown.join(", ")} in the view`);
  const values: StateValues = {};
  inputs.forEach((block, i) => {
    const element = block.element as Json;
    const blockId = typeof block.block_id === "string" ? block.block_id : `auto_block_${i}`;
    const actionId = typeof element.action_id === "string" ? element.action_id : `auto_action_${i}`;
    const state = elementState(element, blockId in fill ? fill[blockId] : undefined, blockId, opts.offered);
    if (checks) clientCheck(block, element, state, blockId);
    values[blockId] = { [actionId]: { type: String(element.type), ...state } as ViewStateValue };
  });
  return values;
}

/** Every option an element offers (flattening option_groups). */
export function optionsOf(element: Json): Json[] {
  const flat = Array.isArray(element.options) ? element.options : [];
  const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isObject) : [];
  return [...flat, ...groups.flatMap((g) => (Array.isArray(g.options) ? g.options : []))].filter(isObject);
}

function pickOption(element: Json, value: string, blockId: string, offered?: OfferedOptions): Json {
  if (element.type === "external_select" || element.type === "multi_external_select") {
    if (!offered) return { text: { type: "plain_text", text: value }, value };
    const initial = [element.initial_option, ...(Array.isArray(element.initial_options) ? element.initial_options : [])].filter(isObject);
    const known = [...(offered(blockId, String(element.action_id)) ?? []), ...initial].find((o) => o.value === value);
    if (!known) throw new UnsubmittableError(`block ${blockId}: no options request offered "${value}", so a user could not pick it`);
    return { text: known.text, value: known.value };
  }
  const option = optionsOf(element).find((o) => o.value === value);
  if (!option) throw new UnsubmittableError(`block ${blockId}: no option with value "${value}"`);
  return option;
}

/** The state Slack reports for one element (also the shape of a block_actions action). */
export function elementState(element: Json, filled: FillValue | undefined, blockId: string, offered?: OfferedOptions): Json {
  const type = String(element.type);
  const given = filled !== undefined;
  if (TEXT_INPUTS.includes(type)) {
    const value = given ? filled : element.initial_value;
    return { value: value === null || value === undefined || value === "" ? null : String(value) };
  }
  if (type === "rich_text_input") {
    const text = given ? filled : null;
    return { rich_text_value: text === null ? null : richTextOf(String(text)) };
  }
  if (type === "checkboxes" || type === "multi_static_select" || type === "multi_external_select") {
    const chosen = given ? toList(filled) : undefined;
    const selected = chosen ? chosen.map((v) => pickOption(element, v, blockId, offered)) : (element.initial_options ?? []);
    return { selected_options: selected };
  }
  if (["static_select", "external_select", "radio_buttons", "overflow"].includes(type)) {
    const selected = given ? (filled === null ? null : pickOption(element, String(filled), blockId, offered)) : element.initial_option;
    return { selected_option: selected ?? null };
  }
  const initial = INITIAL_KEY[type] ? element[INITIAL_KEY[type]] : undefined;
  const single = SINGLE_PICK[type];
  if (single) {
    const value = given ? filled : initial;
    const typed = type === "datetimepicker" && value !== null && value !== undefined ? Number(value) : value;
    return { [single]: typed ?? null };
  }
  const multi = MULTI_PICK[type];
  if (multi) return { [multi]: given ? toList(filled) : (initial ?? []) };
  if (type === "file_input") return { files: [] };
  return {};
}

const toList = (value: FillValue | undefined): string[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [String(value)];

const richTextOf = (text: string): Json => ({
  type: "rich_text",
  elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
});

function isEmpty(state: Json): boolean {
  const [value] = Object.values(state);
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

function clientCheck(block: Json, element: Json, state: Json, blockId: string): void {
  const refuse = (why: string): never => {
    throw new UnsubmittableError(`Slack would not let the user submit: block ${blockId} ${why}`);
  };
  if (isEmpty(state)) {
    if (block.optional !== true) refuse("is required but empty");
    return;
  }
  const value = typeof state.value === "string" ? state.value : undefined;
  if (value === undefined) return;
  if (element.type === "plain_text_input") {
    if (typeof element.min_length === "number" && value.length < element.min_length) refuse(`is shorter than ${element.min_length}`);
    if (typeof element.max_length === "number" && value.length > element.max_length) refuse(`is longer than ${element.max_length}`);
  }
  if (element.type === "number_input") {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) refuse(`"${value}" is not a number`);
    if (element.is_decimal_allowed !== true && !Number.isInteger(n)) refuse(`"${value}" is not a whole number`);
    if (element.min_value !== undefined && n < Number(element.min_value)) refuse(`${value} < min ${String(element.min_value)}`);
    if (element.max_value !== undefined && n > Number(element.max_value)) refuse(`${value} > max ${String(element.max_value)}`);
  }
  if (element.type === "email_text_input" && !/^[^@\s]+@[^@\s]+$/.test(value)) refuse(`"${value}" is not an email`);
  if (element.type === "url_text_input" && !/^https?:\/\/\S+$/.test(value)) refuse(`"${value}" is not a URL`);
}
