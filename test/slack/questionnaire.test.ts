import { describe, expect, it } from "vitest";
import type { Answers } from "../../src/engine/answers.js";
import { RULE_IDS, WARNING_CODES } from "../../src/engine/verdict.js";
import { buildQuestionnaireStep, questionnaireMetadata, type StepViewInput } from "../../src/slack/builders/build-questionnaire-step.js";
import { ACTION, STEP_VIEWS } from "../../src/slack/ids.js";
import { FIELD_BY_PATH, FORM_FIELDS, fieldsOf, STEPS, type StepId, UNKNOWN } from "../../src/slack/questionnaire/fields.js";
import { answersToForm, type FormValues, mergeValues } from "../../src/slack/questionnaire/form-values.js";
import { readForm } from "../../src/slack/questionnaire/read-form.js";
import { readQuestionnaireMetadata } from "../../src/slack/readers/read-review-metadata.js";
import { blockIdOf, errorsForView, fieldOfBlockId, readStepValues, revisionsOf } from "../../src/slack/readers/read-step-values.js";
import type { Json } from "../emulator/block-kit-checks.js";
import { validateView } from "../emulator/block-kit-limits.js";
import { buildStateValues, UnsubmittableError } from "../emulator/slack-driver.js";
import { validAnswers } from "../support/answers.js";
import { formFill } from "../support/fill.js";

const metadata = { channelId: "C1", responseUrl: "http://127.0.0.1:1/response_url/x" };
const TODAY = "2026-11-24";
const build = (step: StepId, values: FormValues = {}, extra: Partial<StepViewInput> = {}) =>
  buildQuestionnaireStep({ step, metadata, values, today: TODAY, ...extra }) as unknown as Json;
const inputs = (view: Json) => (view.blocks as Json[]).filter((b) => b.type === "input");
const inputPaths = (view: Json) => inputs(view).map((b) => fieldOfBlockId(String(b.block_id))!.path);

/** Every answer a team can give, costs and candidate included. */
const FULL = validAnswers({
  tried: ["prompt-engineering", "few-shot", "structured-output"],
  gaps: ["format", "latency-cost"],
  candidateModel: "meta-llama/Llama-3.1-8B-Instruct",
  candidateSizeB: 8,
  costs: { trainingUsd: 4000, currentUsdPerMTok: 5, fineTunedUsdPerMTok: 0.4, hostingUsdPerMonth: 2000 },
});

/** What a user enters on every step for these answers, read back the way the app reads each step. */
function roundTrip(answers: Answers, unknowns: string[] = []) {
  const values = answersToForm(answers, unknowns);
  let read: FormValues = {};
  for (const step of STEPS) {
    const view = build(step, values);
    read = mergeValues(read, readStepValues(buildStateValues(view, formFill(values, view))));
  }
  return readForm(read);
}

describe("the questionnaire's steps", () => {
  it("asks every Answers field across three steps, at most 12 questions a step with every conditional one shown", () => {
    const everything = answersToForm(FULL);
    const asked = STEPS.flatMap((step) => inputPaths(build(step, { ...everything, costFigures: "yes", gaps: ["format"] })));
    const answersPaths = ["title", "task", "gaps", "tried", "latencySensitive", "compliance", "taskChangeFrequency", "tasksServed"];
    for (const path of [...answersPaths, "baseModel", "candidateModel", "candidateSizeB", "mlopsCapacity", "asOf"])
      expect(asked).toContain(path);
    for (const path of Object.keys(everything)) expect(FIELD_BY_PATH.has(path)).toBe(true);
    for (const step of STEPS) {
      expect(inputs(build(step, { ...everything, costFigures: "yes", gaps: ["format"] })).length).toBeLessThanOrEqual(12);
    }
  });

  it.each(STEPS)("step %s is a view Slack accepts, with its callback id, one action id and field paths as block ids", (step) => {
    const view = build(step, { ...answersToForm(FULL), title: "x".repeat(150), baseModel: "m".repeat(75) });
    expect(validateView(view, "modal")).toEqual([]);
    expect(view.callback_id).toBe(STEP_VIEWS[STEPS.indexOf(step)]);
    expect(view.notify_on_close).toBe(true);
    expect(new Set(inputs(view).map((b) => (b.element as Json).action_id))).toEqual(new Set([ACTION.field]));
    for (const b of inputs(view)) expect(FIELD_BY_PATH.has(String(b.block_id))).toBe(true);
  });

  it("says Next, then Get the verdict; Cancel on the first step and Back on the ones pushed after it", () => {
    const labels = STEPS.map((s) => build(s)).map((v) => [(v.submit as Json).text, (v.close as Json).text]);
    expect(labels).toEqual([
      ["Next", "Cancel"],
      ["Next", "Back"],
      ["Get the verdict", "Back"],
    ]);
  });

  it("starts from sensible defaults: one task, no compliance restriction, no cost figures, decided as of today", () => {
    const state = (step: StepId) => readStepValues(buildStateValues(build(step), {}, { clientChecks: false }));
    expect(state("problem").tasksServed).toBe("1");
    expect(state("costs").compliance).toBe("none");
    expect(state("costs").costFigures).toBe("no");
    expect(state("costs").asOf).toBe(TODAY);
  });

  it("shows the gaps once the system falls short, the scores once it was scored, costs when they matter", () => {
    expect(inputPaths(build("problem"))).not.toContain("gaps");
    expect(inputPaths(build("problem", { shortfall: "yes" }))).toContain("gaps");
    expect(inputPaths(build("problem", { shortfall: "none" }))).not.toContain("gaps");
    expect(inputPaths(build("evidence"))).not.toContain("evals.baselineScore");
    expect(inputPaths(build("evidence", { "evals.hasPromptedBaseline": "yes" }))).toEqual(
      expect.arrayContaining(["evals.baselineScore", "evals.targetScore"]),
    );
    const costs = ["costs.trainingUsd", "costs.currentUsdPerMTok", "costs.fineTunedUsdPerMTok", "costs.hostingUsdPerMonth"];
    expect(inputPaths(build("costs"))).not.toContain("costs.trainingUsd");
    expect(inputPaths(build("costs", { costFigures: "yes" }))).toEqual(expect.arrayContaining(costs));
    const latency = inputPaths(build("costs", { shortfall: "yes", gaps: ["latency-cost"] }));
    expect(latency).toEqual(expect.arrayContaining(costs));
    expect(latency).not.toContain("costFigures");
  });

  it("offers Don't know where a team may honestly not know", () => {
    const withUnknown = FORM_FIELDS.filter((f) => f.options?.some((o) => o.value === UNKNOWN)).map((f) => f.path);
    expect(withUnknown.sort()).toEqual(
      ["compliance", "data.quality", "data.versioned", "evals.hasHeldOutTestSet", "mlopsCapacity", "taskChangeFrequency"].sort(),
    );
  });

  it("shows no codes: labels, hints and options are words", () => {
    const texts = STEPS.flatMap(
      (step) => JSON.stringify(build(step, { ...answersToForm(FULL), costFigures: "yes" }).blocks).match(/"text":"[^"]*"/g) ?? [],
    );
    for (const text of texts) {
      for (const code of [...WARNING_CODES, ...RULE_IDS, "latency-cost", "domain-behavior", "few-shot", "self-host-required", "asOf"]) {
        expect(text).not.toContain(code);
      }
    }
  });

  it("keeps what a user typed as typed: a title is plain text, never mrkdwn", () => {
    const view = build("problem", { title: "<!channel> *bold*" });
    const title = inputs(view).find((b) => b.block_id === "title")!;
    expect((title.element as Json).initial_value).toBe("<!channel> *bold*");
    expect(JSON.stringify(view.blocks)).not.toMatch(/"type":"mrkdwn","text":"[^"]*<!channel>/);
  });

  it("offers a draft back with the day it was saved, as a date each reader sees in their own format", () => {
    const view = build("problem", { title: "Draft" }, { draftSavedAt: "2026-11-20T10:00:00.000Z" });
    const draft = (view.blocks as Json[]).find((b) => b.block_id === "draft")!;
    expect((draft.text as Json).text).toMatch(/^Continuing your draft from <!date\^\d+\^[^|]+\|20 Nov 2026 10:00 UTC>\.$/);
    expect((draft.accessory as Json).action_id).toBe(ACTION.startOver);
    expect(JSON.stringify(build("problem", { title: "Draft" }).blocks)).not.toContain("Continuing your draft");
  });
});

describe("reading the steps back", () => {
  it.each([
    ["a full set with costs and a candidate", FULL],
    ["the minimum", validAnswers({ tried: [], evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false } })],
    [
      "nothing measured yet",
      validAnswers({ gaps: ["not-measured"], evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: false } }),
    ],
    ["no gap", validAnswers({ gaps: ["none"] })],
  ])("round-trips %s: what a user enters reads back as the same answers", (_name, answers) => {
    expect(roundTrip(answers)).toEqual({ answers, unknowns: [], errors: {} });
  });

  it("pre-fills every step from stored answers (a re-evaluation), the models and their Don't knows included", () => {
    const unknowns = ["data.quality", "compliance"];
    const values = answersToForm(FULL, unknowns);
    let read: FormValues = {};
    for (const step of STEPS) read = mergeValues(read, readStepValues(buildStateValues(build(step, values), {})));
    const reading = readForm(read);
    expect(reading.unknowns).toEqual(unknowns);
    expect(reading.answers).toEqual({ ...FULL, data: { ...FULL.data, quality: "noisy" }, compliance: "self-host-required" });
  });

  it("decides each Don't know as the cautious answer, and remembers it was unknown", () => {
    const answers = validAnswers();
    const unknowns = ["evals.hasHeldOutTestSet", "data.quality", "data.versioned", "mlopsCapacity", "taskChangeFrequency", "compliance"];
    const reading = roundTrip(answers, unknowns);
    expect(reading.unknowns).toEqual(expect.arrayContaining(unknowns));
    expect(reading.answers).toMatchObject({
      evals: { hasHeldOutTestSet: false },
      data: { quality: "noisy", versioned: false },
      mlopsCapacity: false,
      taskChangeFrequency: "monthly",
      compliance: "self-host-required",
    });
  });

  it("Slack's client refuses a required field left empty", () => {
    const view = build("problem");
    expect(() => buildStateValues(view, { ...formFill(answersToForm(FULL), view), task: null })).toThrow(UnsubmittableError);
  });

  it.each([
    ["title", "   ", "Give the decision a name"],
    ["data.labeledExamples", "-5", "Examples can't be negative"],
    ["data.labeledExamples", "12.5", "Count whole examples"],
    ["data.labeledExamples", "", "Say how many labelled examples you have (0 if none)"],
    ["evals.baselineScore", "150", "Scores go from 0 to 100"],
    ["evals.targetScore", "", "Add the score the product needs"],
    ["tasksServed", "0", "A model serves at least one task"],
    ["candidateSizeB", "0", "Give a size above 0, in billions of parameters"],
    ["costs.trainingUsd", "-1", "Costs can't be negative"],
    ["costs.currentUsdPerMTok", "-1", "Prices can't be negative"],
    ["volume.requestsPerMonth", "lots", "Use a number, like 1200 or 0.5"],
    ["gaps", [], "Pick at least one way it falls short"],
    ["baseModel", "", "Pick the model you use today, or type its id"],
  ])("says what is wrong with %s (%j) in plain words, under that field", (path, value, message) => {
    const reading = readForm({ ...answersToForm(FULL), [path]: value as string });
    expect(reading.answers).toBeNull();
    expect(reading.errors).toEqual({ [path]: message });
  });

  it("asks for what a break-even still needs once a training cost is given", () => {
    const values = { ...answersToForm(validAnswers()), costFigures: "yes", "costs.trainingUsd": "3000", "costs.currentUsdPerMTok": "4" };
    expect(readForm(values).errors).toEqual({ "costs.fineTunedUsdPerMTok": "Add the fine-tuned price to get a break-even" });
    const noTokens = { ...values, "costs.fineTunedUsdPerMTok": "1" } as FormValues;
    delete noTokens["volume.tokensPerRequest"];
    expect(readForm(noTokens).errors).toEqual({ "volume.tokensPerRequest": "Add tokens per request to get a break-even" });
  });

  it("lets catalog prices alone through: a latency gap with no figures of the team's own is decided without a break-even", () => {
    const values = { ...answersToForm(validAnswers({ gaps: ["latency-cost"] })), "costs.currentUsdPerMTok": "4.375" };
    const reading = readForm(values);
    expect(reading.errors).toEqual({});
    expect(reading.answers?.costs).toEqual({ currentUsdPerMTok: 4.375 });
  });

  it("ignores fields that are not shown: scores when never scored, costs when there are no cost figures", () => {
    const values = {
      ...answersToForm(validAnswers()),
      "evals.hasPromptedBaseline": "no",
      "evals.baselineScore": "500",
      costFigures: "no",
      "costs.trainingUsd": "-4",
    };
    const reading = readForm(values);
    expect(reading.errors).toEqual({});
    expect(reading.answers?.evals).toEqual({ hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: false });
    expect(reading.answers?.costs).toBeUndefined();
  });

  it("reads whatever shape a state has as values, never a throw", () => {
    for (const state of [null, 5, "x", { title: null }, { title: { value: { type: "plain_text_input", value: 5 } } }, { nope: {} }]) {
      expect(readStepValues(state)).toEqual({});
    }
  });
});

describe("block ids and metadata", () => {
  it("gives a replaced input a new block id that still names its field", () => {
    expect(blockIdOf("costs.currentUsdPerMTok", 0)).toBe("costs.currentUsdPerMTok");
    expect(fieldOfBlockId(blockIdOf("costs.currentUsdPerMTok", 2))).toEqual({ path: "costs.currentUsdPerMTok", revision: 2 });
    expect(fieldOfBlockId("not.a.field")).toBeNull();
    const view = build("costs", { costFigures: "yes" }, { revisions: { "costs.currentUsdPerMTok": 3 } });
    expect(revisionsOf(view.blocks)["costs.currentUsdPerMTok"]).toBe(3);
    expect(errorsForView({ "costs.currentUsdPerMTok": "Prices can't be negative" }, view.blocks)).toEqual({
      "costs.currentUsdPerMTok~3": "Prices can't be negative",
    });
    // A forged view without the field is still refused.
    expect(errorsForView({ task: "Pick the kind of task" }, "junk")).toEqual({ task: "Pick the kind of task" });
  });

  it("carries where the verdict goes and the other steps' answers, never this step's own", () => {
    const values = answersToForm(FULL);
    const read = readQuestionnaireMetadata(String(build("evidence", values).private_metadata));
    expect(read).toMatchObject(metadata);
    expect(Object.keys(read!.values).some((p) => FIELD_BY_PATH.get(p)!.step === "evidence")).toBe(false);
    expect(read!.values.title).toBe(FULL.title);
    expect(readQuestionnaireMetadata("not json")).toBeNull();
  });

  it("fits Slack's 3,000 characters whatever was typed", () => {
    const worst: FormValues = {
      ...answersToForm(FULL),
      title: '"\\'.repeat(75),
      baseModel: "\ud800".repeat(200),
      candidateModel: "\ud800".repeat(200),
    };
    for (const step of STEPS) {
      const text = questionnaireMetadata({ step, metadata: { ...metadata, threadTs: "1700000000.000100", parentId: 99 }, values: worst });
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(readQuestionnaireMetadata(text)).not.toBeNull();
    }
  });

  it("every field is asked on exactly one step", () => {
    expect(STEPS.flatMap((s) => fieldsOf(s)).length).toBe(FORM_FIELDS.length);
  });
});
