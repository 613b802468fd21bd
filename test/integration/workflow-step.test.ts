import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Answers } from "../../src/engine/answers.js";
import { decide } from "../../src/engine/decide.js";
import { notPostedStepError } from "../../src/slack/delivery/step-jobs.js";
import { FUNCTION } from "../../src/slack/ids.js";
import type { FunctionDefinition, WorkflowRun } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { CHANNEL, type Harness, REQUESTER, startHarness, WAIT_MS } from "../support/harness.js";

const manifest = JSON.parse(readFileSync(new URL("../../manifests/manifest.http.json", import.meta.url), "utf8")) as {
  functions: Record<string, FunctionDefinition>;
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.emulator.declareFunctions(manifest.functions);
});

afterAll(async () => {
  await h?.stop();
});

// What a test queued is posted before the next one clears the emulator (a reply into a cleared thread would fail).
afterEach(() => h.settled());
beforeEach(() => h.emulator.reset());

/** The step's inputs as a workflow fills them: the title and models in their own inputs, the rest as JSON. */
function stepInputs(answers: Answers, overrides: Record<string, string> = {}): Record<string, string> {
  const { title, baseModel, candidateModel, ...rest } = answers;
  return {
    channel: CHANNEL,
    requester: REQUESTER,
    title,
    production_model: baseModel,
    ...(candidateModel ? { candidate_model: candidateModel } : {}),
    answers: JSON.stringify(rest),
    ...overrides,
  };
}

/** Runs the step in a workflow: Slack starts a run and delivers its event to the app, signed, over HTTP. */
async function runStep(inputs: Record<string, string>): Promise<WorkflowRun> {
  const run = h.emulator.startWorkflowStep(FUNCTION.assessFineTuning, inputs);
  const res = await h.driver.sendFunctionExecuted(run);
  expect(res.status).toBe(200);
  return run;
}

const ended = (run: WorkflowRun) =>
  h.emulator.waitFor(
    () => {
      const now = h.emulator.workflowRun(run.id);
      return now?.state !== "running" ? now : undefined;
    },
    WAIT_MS,
    "the step ended",
  );

describe("the 'Assess fine-tuning' workflow step", () => {
  it("returns the verdict to the workflow once it is posted for review, with its number and a link to its thread", async () => {
    const answers = validAnswers({ title: "Refund intent <classifier>", candidateModel: "gpt-4o-mini-2024-07-18" });
    const run = await runStep(stepInputs(answers));
    const finished = await ended(run);

    const decision = h.decisions().at(-1)!;
    expect(decision).toMatchObject({ channelId: CHANNEL, requesterId: REQUESTER, title: answers.title, baseModel: answers.baseModel });
    expect(decision.answers).toEqual({ ...answers, candidateModel: "gpt-4o-mini-2024-07-18" });
    const expected = decide(decision.answers);
    const verdict = h.emulator.message(CHANNEL, decision.messageTs!)!;
    expect(verdict.metadata).toMatchObject({ event_type: "decision_posted", event_payload: { decision_number: decision.number } });
    const link = await h.emulator.waitForCall("chat.getPermalink");
    expect(finished).toMatchObject({
      state: "completed",
      outputs: {
        verdict: expected.headline,
        fine_tune: expected.fineTune,
        decision_number: decision.number,
        thread_link: link.response.permalink,
      },
    });
    expect(String(link.response.permalink)).toContain(`/archives/${CHANNEL}/p${decision.messageTs!.replace(".", "")}`);
    // The review goes on in the thread as for any decision: the reasons reply follows.
    await h.settled();
    expect(h.emulator.threadReplies(CHANNEL, decision.messageTs!)).toHaveLength(1);
  });

  it("decides, posts and completes once when Slack delivers the same run twice", async () => {
    const before = h.decisions().length;
    const run = h.emulator.startWorkflowStep(FUNCTION.assessFineTuning, stepInputs(validAnswers({ title: "Delivered twice" })));
    const first = await h.driver.sendFunctionExecuted(run);
    const again = await h.driver.sendFunctionExecuted(run, { eventId: first.eventId, retryNum: 1 });
    expect([first.status, again.status]).toEqual([200, 200]);
    await ended(run);
    await h.settled();
    expect(h.decisions()).toHaveLength(before + 1);
    expect(h.emulator.messagesIn(CHANNEL).filter((m) => m.text.includes("Delivered twice"))).toHaveLength(1);
    expect(h.emulator.callsTo("functions.completeSuccess").filter((c) => c.response.ok)).toHaveLength(1);
    expect(h.emulator.callsTo("functions.completeSuccess").filter((c) => !c.response.ok)).toEqual([]);
  });

  it.each([
    ["answers that are not JSON", { answers: "{task: classification" }, /"Answers \(JSON\)" is not valid JSON/],
    ["a JSON list instead of answers", { answers: "[]" }, /"Answers \(JSON\)" must be a JSON object/],
    ["an unknown field", { answers: JSON.stringify({ ...stripped(), colour: "blue" }) }, /"colour" is not a known field/],
    ["a missing answer", { answers: JSON.stringify({ ...stripped(), task: undefined }) }, /"task"/],
  ])("ends the step with an error naming the problem for %s, and stores nothing", async (_what, overrides, error) => {
    const before = h.decisions().length;
    const run = await runStep(stepInputs(validAnswers(), overrides));
    const finished = await ended(run);
    expect(finished.state).toBe("failed");
    expect(finished.error).toMatch(error);
    expect(h.decisions()).toHaveLength(before);
    expect(h.emulator.callsTo("chat.postMessage")).toEqual([]);
  });

  it("ends the step with an error when the verdict cannot be posted in its channel, after telling the requester why", async () => {
    h.emulator.addChannel({ id: "CARCHIVED", name: "old-decisions", isArchived: true, members: [h.emulator.botUserId, REQUESTER] });
    const run = await runStep(stepInputs(validAnswers({ title: "Nowhere to post" }), { channel: "CARCHIVED" }));
    const finished = await ended(run);
    const decision = h.decisions().at(-1)!;
    expect(decision.title).toBe("Nowhere to post");
    expect(finished).toMatchObject({ state: "failed", error: notPostedStepError(decision.number) });
    await h.settled();
    const told = h.emulator.callsTo("chat.postMessage").find((c) => c.args.channel === REQUESTER);
    expect(String(told?.args.text)).toContain("the channel is archived");
  });
});

describe("the step's completion when Slack misbehaves", () => {
  it("does not acknowledge a run it could not store: Slack delivers it again and it is decided then", async () => {
    const before = h.decisions().length;
    const run = h.emulator.startWorkflowStep(FUNCTION.assessFineTuning, stepInputs(validAnswers({ title: "Stored on retry" })));
    await h.app.store.run(sql`pragma query_only = 1`);
    const refused = await h.driver.sendFunctionExecuted(run);
    await h.app.store.run(sql`pragma query_only = 0`);
    expect(refused.status).toBe(500);
    expect(h.decisions()).toHaveLength(before);
    const again = await h.driver.sendFunctionExecuted(run, { eventId: refused.eventId, retryNum: 1 });
    expect(again.status).toBe(200);
    expect((await ended(run)).state).toBe("completed");
    expect(h.decisions()).toHaveLength(before + 1);
  });

  it("completes once when Slack took the completion but its answer was lost on the way", async () => {
    h.emulator.failNext("functions.completeSuccess", { status: 500, afterEffect: true });
    const run = await runStep(stepInputs(validAnswers({ title: "Answer lost" })));
    await ended(run);
    await h.settled();
    const decision = h.decisions().at(-1)!;
    expect(h.emulator.workflowRun(run.id)?.outputs).toMatchObject({ decision_number: decision.number });
    // The retry found the run completed already, and counted it as done: no failure, nobody told of one.
    expect(h.emulator.callsTo("functions.completeSuccess").map((c) => c.response.error ?? "ok")).toEqual([
      "internal_error",
      "execution_not_in_running_state",
    ]);
    expect(h.jobs(decision.id).map((j) => [j.kind, j.status])).toContainEqual(["complete-step", "done"]);
    expect(h.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === REQUESTER)).toEqual([]);
  });

  it("tells the requester, once, when the workflow stopped waiting before the verdict was posted", async () => {
    const held = h.emulator.hold("chat.postMessage");
    const run = await runStep(stepInputs(validAnswers({ title: "Too late" })));
    await held.arrived;
    h.emulator.stopWorkflowRun(run.id);
    held.release();
    await h.settled();
    const decision = h.decisions().at(-1)!;
    expect(decision.messageTs).not.toBeNull();
    expect(h.jobs(decision.id).find((j) => j.kind === "complete-step")).toMatchObject({
      status: "failed",
      lastError: "execution_not_in_running_state",
    });
    const told = h.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === REQUESTER);
    expect(told).toHaveLength(1);
    expect(String(told[0]?.args.text)).toContain(`the verdict of decision #${decision.number} back to the workflow that asked for it`);
    expect(String(told[0]?.args.text)).toContain("the workflow had stopped waiting for it");
  });
});

/** Valid answers without the fields the step takes as inputs of their own. */
function stripped(): Record<string, unknown> {
  const { title: _t, baseModel: _b, ...rest } = validAnswers();
  return rest;
}
