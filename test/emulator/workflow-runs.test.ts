import { readFileSync } from "node:fs";
import { LogLevel, webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FUNCTION } from "../../src/slack/ids.js";
import { type FunctionDefinition, SlackEmulator } from "./slack-emulator.js";

const { WebClient } = webApi;
type WebClient = InstanceType<typeof WebClient>;

const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
const manifest = JSON.parse(readFileSync(new URL("../../manifests/manifest.http.json", import.meta.url), "utf8")) as {
  functions: Record<string, FunctionDefinition>;
};

let emu: SlackEmulator;
let bot: WebClient;
const newClient = (token: string): WebClient =>
  new WebClient(token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet });

async function slackError(call: Promise<unknown>): Promise<string> {
  const err = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { data?: { error?: string } } | undefined;
  if (!err) throw new Error("expected the call to fail");
  return err.data?.error ?? String(err);
}

const INPUTS = { channel: "CGENERAL", requester: "UREQ", title: "Support triage", production_model: "gpt-4o-mini", answers: "{}" };
const OUTPUTS = { verdict: "Stay with prompting.", fine_tune: "no", decision_number: 3, thread_link: "https://x.slack.com/archives/C/p1" };

beforeAll(async () => {
  emu = await SlackEmulator.start();
  emu.declareFunctions(manifest.functions);
  bot = newClient(emu.botToken);
});

afterAll(async () => {
  await emu.stop();
});

beforeEach(() => emu.reset());

describe("the emulator's workflow step runs", () => {
  it("completes a run once, with the declared outputs", async () => {
    const run = emu.startWorkflowStep(FUNCTION.assessFineTuning, INPUTS);
    await bot.functions.completeSuccess({ function_execution_id: run.id, outputs: OUTPUTS });
    expect(emu.workflowRun(run.id)).toMatchObject({ state: "completed", outputs: OUTPUTS });
    expect(await slackError(bot.functions.completeSuccess({ function_execution_id: run.id, outputs: OUTPUTS }))).toBe(
      "execution_not_in_running_state",
    );
    expect(await slackError(bot.functions.completeError({ function_execution_id: run.id, error: "late" }))).toBe(
      "execution_not_in_running_state",
    );
  });

  it("rejects an unknown run, outputs of the wrong type, undeclared or missing ones", async () => {
    expect(await slackError(bot.functions.completeSuccess({ function_execution_id: "FxNOPE", outputs: OUTPUTS }))).toBe(
      "function_execution_not_found",
    );
    const run = emu.startWorkflowStep(FUNCTION.assessFineTuning, INPUTS);
    const completing = (outputs: Record<string, unknown>) => bot.functions.completeSuccess({ function_execution_id: run.id, outputs });
    expect(await slackError(completing({ ...OUTPUTS, decision_number: "3" }))).toBe("parameter_validation_failed");
    expect(await slackError(completing({ ...OUTPUTS, extra: "x" }))).toBe("parameter_validation_failed");
    const { thread_link: _, ...withoutLink } = OUTPUTS;
    expect(await slackError(completing(withoutLink))).toBe("parameter_validation_failed");
    expect(emu.callsTo("functions.completeSuccess").at(-1)?.response).toMatchObject({ errors: ["thread_link: is required"] });
    expect(emu.workflowRun(run.id)?.state).toBe("running");
  });

  it("fails a run with its error; the run's own token works only while it runs", async () => {
    const run = emu.startWorkflowStep(FUNCTION.assessFineTuning, INPUTS);
    const runClient = newClient(run.token);
    expect(await slackError(runClient.functions.completeError({ function_execution_id: run.id, error: "" }))).toBe("invalid_arguments");
    await runClient.functions.completeError({ function_execution_id: run.id, error: "The answers need fixing." });
    expect(emu.workflowRun(run.id)).toMatchObject({ state: "failed", error: "The answers need fixing." });
    expect(await slackError(runClient.functions.completeError({ function_execution_id: run.id, error: "again" }))).toBe("invalid_auth");
  });

  it("starts only declared steps with inputs Workflow Builder would accept, and repeats a run's event on redelivery", () => {
    expect(() => emu.startWorkflowStep("unknown_step", INPUTS)).toThrow(/no function unknown_step/);
    expect(() => emu.startWorkflowStep(FUNCTION.assessFineTuning, { ...INPUTS, channel: "general" })).toThrow(/channel: must be/);
    const { answers: _, ...noAnswers } = INPUTS;
    expect(() => emu.startWorkflowStep(FUNCTION.assessFineTuning, noAnswers)).toThrow(/answers: is required/);
    const run = emu.startWorkflowStep(FUNCTION.assessFineTuning, INPUTS);
    const event = emu.functionExecutedEvent(run);
    expect(event).toMatchObject({
      type: "function_executed",
      function: { callback_id: FUNCTION.assessFineTuning },
      inputs: INPUTS,
      function_execution_id: run.id,
      bot_access_token: run.token,
    });
    expect(emu.functionExecutedEvent(run)).toBe(event);
  });
});

describe("the emulator's message metadata", () => {
  it("keeps valid metadata and drops, with a warning, what Slack would drop", async () => {
    emu.addChannel({ id: "CMETA", name: "meta", members: [emu.botUserId] });
    const ok = await bot.chat.postMessage({
      channel: "CMETA",
      text: "a",
      metadata: { event_type: "decision_posted", event_payload: { decision_number: 1, fine_tune: "no" } },
    });
    expect(emu.message("CMETA", ok.ts!)?.metadata).toMatchObject({ event_type: "decision_posted" });
    for (const metadata of [
      { event_type: "decision.posted", event_payload: { a: 1 } },
      { event_type: "decision_posted", event_payload: { thread_ts: null } },
    ]) {
      const res = await bot.chat.postMessage({ channel: "CMETA", text: "b", metadata: metadata as never });
      expect(res.warning).toBe("invalid_metadata_schema");
      expect(emu.message("CMETA", res.ts!)?.metadata).toBeUndefined();
    }
  });
});
