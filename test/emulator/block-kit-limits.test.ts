import { describe, expect, it } from "vitest";
import { formatProblem, type Problem, validateMessageBlocks, validateView } from "./block-kit-limits.js";
import { buildKitchenSinkModal } from "./kitchen-sink.js";

type Obj = Record<string, unknown>;
const pt = (text: string) => ({ type: "plain_text", text });
const md = (text: string) => ({ type: "mrkdwn", text });
const x = (n: number) => "x".repeat(n);
const section = (extra: Obj = {}) => ({ type: "section", text: md("hi"), ...extra });
const actions = (...elements: Obj[]) => ({ type: "actions", elements });
const button = (extra: Obj = {}) => ({ type: "button", action_id: "b", text: pt("Go"), ...extra });
const options = (n: number) => Array.from({ length: n }, (_, i) => ({ text: pt(`o${i}`), value: `v${i}` }));
const select = (extra: Obj = {}) => ({ type: "static_select", action_id: "s", options: options(2), ...extra });
const confirm = (extra: Obj = {}) => ({ title: pt("t"), text: md("t"), confirm: pt("y"), deny: pt("n"), ...extra });
const modal = (blocks: unknown[], extra: Obj = {}) => ({ type: "modal", title: pt("Title"), submit: pt("OK"), blocks, ...extra });
const input = (element: Obj, extra: Obj = {}) => ({ type: "input", label: pt("Label"), element, ...extra });
const textInput = (extra: Obj = {}) => ({ type: "plain_text_input", action_id: "i", ...extra });
const numberInput = (extra: Obj = {}) => ({ type: "number_input", action_id: "n", is_decimal_allowed: false, ...extra });

const inMessage =
  (...blocks: unknown[]) =>
  () =>
    validateMessageBlocks(blocks);
const inModal =
  (blocks: unknown[], extra: Obj = {}) =>
  () =>
    validateView(modal(blocks, extra), "modal");

// [name, validation, expected pointer, expected message fragment]
const violations: [string, () => Problem[], string, string][] = [
  ["51 blocks in a message", inMessage(...Array.from({ length: 51 }, () => ({ type: "divider" }))), "/blocks", "no more than 50 items"],
  ["section text over 3000", inMessage(section({ text: md(x(3001)) })), "/blocks/0/text/text", "less than 3001 characters"],
  ["empty section text", inMessage(section({ text: md("") })), "/blocks/0/text/text", "more than 0 characters"],
  ["section without text or fields", inMessage({ type: "section" }), "/blocks/0/type", "either `text` or `fields`"],
  ["11 section fields", inMessage(section({ fields: Array.from({ length: 11 }, () => md("f")) })), "/blocks/0/fields", "no more than 10"],
  ["section field over 2000", inMessage(section({ fields: [md(x(2001))] })), "/blocks/0/fields/0/text", "less than 2001"],
  ["mrkdwn header", inMessage({ type: "header", text: md("h") }), "/blocks/0/text/type", "must be plain_text"],
  ["header over 150", inMessage({ type: "header", text: pt(x(151)) }), "/blocks/0/text/text", "less than 151"],
  [
    "11 context elements",
    inMessage({ type: "context", elements: Array.from({ length: 11 }, () => md("c")) }),
    "/blocks/0/elements",
    "no more than 10",
  ],
  [
    "26 actions elements",
    inMessage(actions(...Array.from({ length: 26 }, (_, i) => button({ action_id: `b${i}` })))),
    "/blocks/0/elements",
    "no more than 25",
  ],
  ["block_id over 255", inMessage(section({ block_id: x(256) })), "/blocks/0/block_id", "less than 256"],
  ["duplicate block_id", inMessage(section({ block_id: "a" }), section({ block_id: "a" })), "/blocks/1/block_id", "duplicate block_id"],
  ["duplicate action_id in a block", inMessage(actions(button(), button())), "/blocks/0/elements/1/action_id", "duplicate action_id"],
  ["action_id over 255", inMessage(actions(button({ action_id: x(256) }))), "/blocks/0/elements/0/action_id", "less than 256"],
  ["button text over 75", inMessage(actions(button({ text: pt(x(76)) }))), "/blocks/0/elements/0/text/text", "less than 76"],
  ["button value over 2000", inMessage(actions(button({ value: x(2001) }))), "/blocks/0/elements/0/value", "less than 2001"],
  ["button url over 3000", inMessage(actions(button({ url: x(3001) }))), "/blocks/0/elements/0/url", "less than 3001"],
  ["button style unknown", inMessage(actions(button({ style: "green" }))), "/blocks/0/elements/0/style", "must be one of"],
  [
    "confirm title over 100",
    inMessage(actions(button({ confirm: confirm({ title: pt(x(101)) }) }))),
    "/blocks/0/elements/0/confirm/title/text",
    "less than 101",
  ],
  [
    "confirm text over 300",
    inMessage(actions(button({ confirm: confirm({ text: md(x(301)) }) }))),
    "/blocks/0/elements/0/confirm/text/text",
    "less than 301",
  ],
  [
    "confirm button over 30",
    inMessage(actions(button({ confirm: confirm({ confirm: pt(x(31)) }) }))),
    "/blocks/0/elements/0/confirm/confirm/text",
    "less than 31",
  ],
  [
    "confirm without deny",
    inMessage(actions(button({ confirm: confirm({ deny: undefined }) }))),
    "/blocks/0/elements/0/confirm",
    "missing required field: deny",
  ],
  ["unknown block type", inMessage({ type: "carousel" }), "/blocks/0/type", "unsupported type: carousel"],
  ["unknown element type", inMessage(actions({ type: "slider", action_id: "s" })), "/blocks/0/elements/0/type", "unsupported type: slider"],
  ["text input in an actions block", inMessage(actions(textInput())), "/blocks/0/elements/0/type", "unsupported type: plain_text_input"],
  ["unknown block property", inMessage(section({ label: pt("x") })), "/blocks/0/label", "invalid additional property"],
  ["unknown text object type", inMessage(section({ text: { type: "markdown", text: "x" } })), "/blocks/0/text/type", "must be one of"],
  ["emoji on mrkdwn", inMessage(section({ text: { ...md("x"), emoji: true } })), "/blocks/0/text/emoji", "invalid additional property"],
  [
    "101 select options",
    inMessage(section({ accessory: select({ options: options(101) }) })),
    "/blocks/0/accessory/options",
    "no more than 100",
  ],
  ["select with no options", inMessage(section({ accessory: select({ options: [] }) })), "/blocks/0/accessory/options", "at least 1 items"],
  [
    "options and option_groups",
    inMessage(section({ accessory: select({ option_groups: [] }) })),
    "/blocks/0/accessory",
    "exactly one of options or option_groups",
  ],
  [
    "option text over 75",
    inMessage(section({ accessory: select({ options: [{ text: pt(x(76)), value: "v" }] }) })),
    "/blocks/0/accessory/options/0/text/text",
    "less than 76",
  ],
  [
    "option value over 75",
    inMessage(section({ accessory: select({ options: [{ text: pt("t"), value: x(76) }] }) })),
    "/blocks/0/accessory/options/0/value",
    "less than 76",
  ],
  [
    "mrkdwn option text in a select",
    inMessage(section({ accessory: select({ options: [{ text: md("t"), value: "v" }] }) })),
    "/blocks/0/accessory/options/0/text/type",
    "must be plain_text",
  ],
  [
    "option group label over 75",
    inMessage(section({ accessory: select({ options: undefined, option_groups: [{ label: pt(x(76)), options: options(1) }] }) })),
    "/blocks/0/accessory/option_groups/0/label/text",
    "less than 76",
  ],
  [
    "initial_option not offered",
    inMessage(section({ accessory: select({ initial_option: { text: pt("z"), value: "z" } }) })),
    "/blocks/0/accessory/initial_option",
    "must match one of the provided options",
  ],
  [
    "11 checkboxes",
    inMessage(actions({ type: "checkboxes", action_id: "c", options: options(11) })),
    "/blocks/0/elements/0/options",
    "no more than 10",
  ],
  [
    "11 radio buttons",
    inMessage(actions({ type: "radio_buttons", action_id: "r", options: options(11) })),
    "/blocks/0/elements/0/options",
    "no more than 10",
  ],
  [
    "6 overflow options",
    inMessage(actions({ type: "overflow", action_id: "o", options: options(6) })),
    "/blocks/0/elements/0/options",
    "no more than 5",
  ],
  [
    "placeholder over 150",
    inMessage(section({ accessory: select({ placeholder: pt(x(151)) }) })),
    "/blocks/0/accessory/placeholder/text",
    "less than 151",
  ],
  ["image without alt_text", inMessage({ type: "image", image_url: "https://e.x/a.png" }), "/blocks/0", "missing required field: alt_text"],
  [
    "bad datepicker date",
    inMessage(actions({ type: "datepicker", action_id: "d", initial_date: "31/01/2026" })),
    "/blocks/0/elements/0/initial_date",
    "YYYY-MM-DD",
  ],
  ["101 blocks in a modal", inModal(Array.from({ length: 101 }, () => ({ type: "divider" }))), "/view/blocks", "no more than 100"],
  ["modal without blocks", inModal([]), "/view/blocks", "at least 1 items"],
  ["modal title over 24", inModal([section()], { title: pt(x(25)) }), "/view/title/text", "less than 25 characters"],
  ["modal without title", inModal([section()], { title: undefined }), "/view", "missing required field: title"],
  ["mrkdwn modal title", inModal([section()], { title: md("t") }), "/view/title/type", "must be plain_text"],
  ["submit over 24", inModal([section()], { submit: pt(x(25)) }), "/view/submit/text", "less than 25"],
  ["close over 24", inModal([section()], { close: pt(x(25)) }), "/view/close/text", "less than 25"],
  ["input without submit", inModal([section(), input(textInput())], { submit: undefined }), "/view/blocks/1/input", "must define `submit`"],
  ["private_metadata over 3000", inModal([section()], { private_metadata: x(3001) }), "/view/private_metadata", "less than 3001"],
  ["callback_id over 255", inModal([section()], { callback_id: x(256) }), "/view/callback_id", "less than 256"],
  ["input label over 2000", inModal([input(textInput(), { label: pt(x(2001)) })]), "/view/blocks/0/label/text", "less than 2001"],
  ["input without label", inModal([input(textInput(), { label: undefined })]), "/view/blocks/0", "missing required field: label"],
  ["input hint over 2000", inModal([input(textInput(), { hint: pt(x(2001)) })]), "/view/blocks/0/hint/text", "less than 2001"],
  [
    "input with an elements array",
    inModal([{ type: "input", label: pt("L"), elements: [textInput()] }]),
    "/view/blocks/0/elements",
    "invalid additional property",
  ],
  ["input holding a button", inModal([input(button())]), "/view/blocks/0/element/type", "unsupported type: button"],
  [
    "min_length over 3000",
    inModal([input(textInput({ min_length: 3001 }))]),
    "/view/blocks/0/element/min_length",
    "less than or equal to 3000",
  ],
  ["max_length of 0", inModal([input(textInput({ max_length: 0 }))]), "/view/blocks/0/element/max_length", "greater than or equal to 1"],
  [
    "min_length above max_length",
    inModal([input(textInput({ min_length: 10, max_length: 5 }))]),
    "/view/blocks/0/element/min_length",
    "max_length",
  ],
  [
    "number_input without is_decimal_allowed",
    inModal([input(numberInput({ is_decimal_allowed: undefined }))]),
    "/view/blocks/0/element",
    "missing required field: is_decimal_allowed",
  ],
  [
    "number_input min_value as a number",
    inModal([input(numberInput({ min_value: 1 }))]),
    "/view/blocks/0/element/min_value",
    "must provide a string",
  ],
  [
    "number_input min above max",
    inModal([input(numberInput({ min_value: "5", max_value: "1" }))]),
    "/view/blocks/0/element/min_value",
    "max_value",
  ],
  [
    "number_input decimal bound when integers only",
    inModal([input(numberInput({ max_value: "1.5" }))]),
    "/view/blocks/0/element/max_value",
    "must be an integer",
  ],
  [
    "two focus_on_load",
    inModal([input(textInput({ focus_on_load: true })), input(textInput({ focus_on_load: true }))]),
    "/view/blocks/1/element/focus_on_load",
    "only one element",
  ],
  ["markdown block in a modal", inModal([{ type: "markdown", text: "x" }]), "/view/blocks/0/type", "unsupported type: markdown"],
  ["unknown view type", () => validateView({ type: "workflow_step", blocks: [section()] }), "/view/type", "must be one of"],
  ["modal sent to views.publish", () => validateView(modal([section()]), "home"), "/view/type", "must be home"],
];

describe("block kit limits", () => {
  it.each(violations)("rejects %s", (_name, validate, pointer, message) => {
    const problems = validate();
    expect(problems, JSON.stringify(problems)).toContainEqual({ pointer, message: expect.stringContaining(message) });
  });

  it("accepts a modal using every block and element type", () => {
    expect(validateView(buildKitchenSinkModal(), "modal")).toEqual([]);
  });

  it("accepts a typical message and a home tab", () => {
    const blocks = [
      { type: "header", text: pt("Verdict: prompt first") },
      section({ fields: [md("*Cost*"), md("$12")], accessory: button({ value: "x" }) }),
      { type: "context", elements: [md("by <@U1>")] },
      actions(button({ action_id: "a" }), button({ action_id: "b", style: "danger", confirm: confirm() })),
      { type: "markdown", text: "**bold**" },
    ];
    expect(validateMessageBlocks(blocks)).toEqual([]);
    expect(validateView({ type: "home", blocks: blocks.slice(0, 4) }, "home")).toEqual([]);
  });

  it("formats a problem the way Slack does", () => {
    expect(formatProblem({ pointer: "/view/title/text", message: "must be less than 25 characters" })).toBe(
      "must be less than 25 characters [json-pointer:/view/title/text]",
    );
  });
});
