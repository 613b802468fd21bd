import { describe, expect, it } from "vitest";
import { readStepInputs } from "../../src/slack/readers/read-step-inputs.js";
import { validAnswers } from "../support/answers.js";

const { title, baseModel, ...rest } = validAnswers();
const INPUTS = { channel: "CGENERAL", requester: "UREQ", title, production_model: baseModel, answers: JSON.stringify(rest) };

describe("readStepInputs", () => {
  it("reads the title and models from their own inputs and the rest from the JSON", () => {
    const read = readStepInputs({ ...INPUTS, candidate_model: " gpt-4o-mini-2024-07-18 " });
    expect(read).toEqual({
      ok: true,
      request: {
        channelId: "CGENERAL",
        requesterId: "UREQ",
        answers: { ...validAnswers(), candidateModel: "gpt-4o-mini-2024-07-18" },
      },
    });
  });

  it("lets the step's own inputs win over the same fields in the JSON", () => {
    const read = readStepInputs({ ...INPUTS, answers: JSON.stringify({ ...rest, title: "from JSON", baseModel: "other" }) });
    expect(read.ok && read.request.answers).toMatchObject({ title, baseModel });
  });

  it.each([
    ["no inputs at all", undefined, 'The step is missing "Channel", "Requested by", "Title", "Production model" and "Answers (JSON)".'],
    ["a blank title", { ...INPUTS, title: "  " }, 'The step is missing "Title".'],
    ["a channel name instead of a channel", { ...INPUTS, channel: "general" }, '"Channel" is not a channel: pick one from the list.'],
    ["a requester that is not a person", { ...INPUTS, requester: "CGENERAL" }, /^"Requested by" is not a person/],
    ["answers that are not JSON", { ...INPUTS, answers: "{task: 1" }, /^"Answers \(JSON\)" is not valid JSON \(.+\)\.$/],
    ["a JSON string", { ...INPUTS, answers: '"classification"' }, /^"Answers \(JSON\)" must be a JSON object/],
    [
      "an unknown field, told first",
      { ...INPUTS, answers: JSON.stringify({ ...rest, tsk: "x", task: undefined }) },
      /^The answers need fixing: "tsk" is not a known field; "task" is missing\.$/,
    ],
    [
      "a wrong type",
      { ...INPUTS, answers: JSON.stringify({ ...rest, latencySensitive: "no" }) },
      'The answers need fixing: "latencySensitive": must be true or false, not text ("no").',
    ],
    ["a title too long", { ...INPUTS, title: "t".repeat(151) }, /^The answers need fixing: "Title": /],
  ])("refuses %s with an error naming it", (_what, inputs, error) => {
    const read = readStepInputs(inputs);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(error);
  });

  it("names at most five problems and says how many more there are", () => {
    const read = readStepInputs({ ...INPUTS, answers: JSON.stringify({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, ...rest }) });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/"e" is not a known field \(and 1 more\)\.$/);
  });
});
