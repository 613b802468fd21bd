import { describe, expect, it } from "vitest";
import { Answers } from "../../src/engine/answers.js";
import { buildQuestionnaire } from "../../src/slack/builders/build-questionnaire.js";
import { ACTION, VIEW } from "../../src/slack/ids.js";
import { blockIdFor, readAnswers } from "../../src/slack/readers/read-answers.js";
import { readReviewMetadata } from "../../src/slack/readers/read-review-metadata.js";
import { validateView } from "../emulator/block-kit-limits.js";
import { buildStateValues, UnsubmittableError } from "../emulator/slack-driver.js";
import { validAnswers } from "../support/answers.js";
import { fillFromAnswers } from "../support/fill.js";

const metadata = { channelId: "C1", responseUrl: "http://127.0.0.1:1/response_url/x" };
const build = (initial = {}) => buildQuestionnaire({ metadata, initial, today: "2026-11-24" }) as unknown as Record<string, unknown>;
// Checkboxes give back options in the order they are offered.
const fullAnswers = validAnswers({
  tried: ["prompt-engineering", "few-shot", "structured-output"],
  candidateModel: "meta-llama/Llama-3.1-8B-Instruct",
  candidateSizeB: 8,
  costs: { trainingUsd: 4000, currentUsdPerMTok: 5, fineTunedUsdPerMTok: 0.4, hostingUsdPerMonth: 2000 },
});

describe("questionnaire", () => {
  it("has one input per Answers field, its block id the field's path", () => {
    const view = build();
    const inputIds = (view.blocks as Array<{ type: string; block_id: string }>).filter((b) => b.type === "input").map((b) => b.block_id);
    const shape = Answers.shape;
    const expected = Object.entries(shape).flatMap(([key, schema]) => {
      const inner = "unwrap" in schema ? (schema as { unwrap(): unknown }).unwrap() : schema;
      const nested = (inner as { shape?: Record<string, unknown> }).shape;
      return nested ? Object.keys(nested).map((k) => `${key}.${k}`) : [key];
    });
    expect(new Set(inputIds)).toEqual(new Set(expected));
    expect(view.callback_id).toBe(VIEW.questionnaire);
  });

  it("is a view Slack accepts", () => {
    expect(validateView(build(fullAnswers), "modal")).toEqual([]);
    expect(validateView(build({ title: "x".repeat(150) }), "modal")).toEqual([]);
  });

  it("carries its channel and response url in typed private metadata", () => {
    expect(readReviewMetadata(build().private_metadata as string)).toEqual(metadata);
    expect(readReviewMetadata("not json")).toBeNull();
    expect(readReviewMetadata(JSON.stringify({ threadTs: "1.2" }))).toBeNull();
  });

  it("round-trips: answers filled in by a user read back as the same answers", () => {
    const state = buildStateValues(build(), fillFromAnswers(fullAnswers));
    expect(readAnswers(state)).toEqual({ ok: true, answers: fullAnswers });
  });

  it("pre-fills every field from stored answers (re-evaluation)", () => {
    const state = buildStateValues(build(fullAnswers), {});
    expect(readAnswers(state)).toEqual({ ok: true, answers: fullAnswers });
  });

  it("leaves optional fields out when they are empty", () => {
    const minimal = validAnswers({ tried: [], evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false } });
    delete (minimal as Partial<typeof minimal>).asOf;
    const state = buildStateValues(build(), fillFromAnswers(minimal));
    const read = readAnswers(state);
    expect(read).toEqual({ ok: true, answers: minimal });
  });

  it("Slack's client refuses a required field left empty", () => {
    expect(() => buildStateValues(build(), { ...fillFromAnswers(fullAnswers), task: null })).toThrow(UnsubmittableError);
  });

  it.each([
    ["data.labeledExamples", "-5"],
    ["data.labeledExamples", "12.5"],
    ["evals.baselineScore", "150"],
    ["tasksServed", "0"],
    ["candidateSizeB", "0"],
    ["costs.trainingUsd", "-1"],
  ])("puts an invalid %s (%s) under its own field", (path, value) => {
    const state = buildStateValues(build(), { ...fillFromAnswers(fullAnswers), [path]: value }, { clientChecks: false });
    const read = readAnswers(state);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(Object.keys(read.errors)).toEqual([path]);
      expect(read.errors[path]).toBeTruthy();
    }
  });

  it("reports several bad fields at once, each under its block", () => {
    const fill = { ...fillFromAnswers(fullAnswers), "evals.targetScore": "101", "volume.requestsPerMonth": "-1", gaps: [] };
    const read = readAnswers(buildStateValues(build(), fill, { clientChecks: false }));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.errors).sort()).toEqual(["evals.targetScore", "gaps", "volume.requestsPerMonth"]);
  });

  it.each([
    ["gaps.2", "gaps"],
    ["data.labeledExamples", "data.labeledExamples"],
    ["costs", "costs.trainingUsd"],
    ["evals", "evals.hasEvalSet"],
  ])("maps the zod path %s to block %s", (path, block) => {
    expect(blockIdFor(path)).toBe(block);
  });

  it("uses one action id for every input", () => {
    const blocks = build().blocks as Array<{ type: string; element?: { action_id: string } }>;
    expect(new Set(blocks.filter((b) => b.type === "input").map((b) => b.element?.action_id))).toEqual(new Set([ACTION.field]));
  });
});
