import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SlackDriver, UnsubmittableError } from "./slack-driver.js";
import { SlackEmulator } from "./slack-emulator.js";

const SECRET = "test-signing-secret";
const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
const pt = (text: string) => ({ type: "plain_text" as const, text });

let emu: SlackEmulator;
let app: App;
let server: Server;
let driver: SlackDriver;
const seen: { kind: string; body: unknown; retryNum?: number }[] = [];

/** A bare Bolt app: the command opens a one-input modal; the submission validates it. */
function buildApp(): App {
  const bolt = new App({
    signingSecret: SECRET,
    token: emu.botToken,
    botId: emu.botId,
    botUserId: emu.botUserId,
    logger: quiet,
    clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet },
  });
  bolt.command("/should-we-finetune", async ({ ack, body, client }) => {
    seen.push({ kind: "command", body });
    if (body.text === "inline") {
      await ack({
        response_type: "in_channel",
        text: "Starting",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Starting*" } }],
      });
      return;
    }
    await ack();
    if (body.text === "menu") {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: "modal",
          callback_id: "pick_model",
          title: pt("Pick a model"),
          submit: pt("Pick"),
          blocks: [
            {
              type: "input",
              block_id: "model",
              label: pt("Model"),
              element: { type: "external_select", action_id: "pick", min_query_length: 2 },
            },
          ],
        },
      });
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: "modal",
        callback_id: "decide",
        title: pt("Should we fine-tune?"),
        submit: pt("Decide"),
        blocks: [{ type: "input", block_id: "goal", label: pt("Goal"), element: { type: "plain_text_input", action_id: "text" } }],
      },
    });
  });
  bolt.view("decide", async ({ ack, view }) => {
    const goal = view.state.values.goal?.text?.value ?? "";
    seen.push({ kind: "view", body: goal });
    const next = { type: "modal" as const, title: pt(goal === "update badly" ? "x".repeat(25) : "Next"), blocks: [] };
    const withBlock = { ...next, blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "ok" } }] };
    if (goal === "push a step") await ack({ response_action: "push", view: withBlock });
    else if (goal === "update badly") await ack({ response_action: "update", view: withBlock });
    else if (goal.length < 10) await ack({ response_action: "errors", errors: { goal: "Say a bit more" } });
    else await ack();
  });
  bolt.options("pick", async ({ ack, body }) => {
    seen.push({ kind: "options", body });
    const option = (value: string) => ({ text: pt(value), value });
    if (body.value === "many") await ack({ options: Array.from({ length: 101 }, (_, i) => option(`m-${i}`)) });
    else if (body.value === "long") await ack({ options: [option("x".repeat(76))] });
    else if (body.value === "slow") {
      // Past the strict driver's deadline below, whatever the machine's speed (Bolt itself gives up at 3 s).
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await ack({ options: [option("late")] });
    } else await ack({ option_groups: [{ label: pt("Catalog"), options: [option("gpt-4o"), option("gpt-4o-mini")] }] });
  });
  bolt.view("pick_model", async ({ ack, view }) => {
    seen.push({ kind: "picked", body: view.state.values.model?.pick?.selected_option?.value });
    await ack();
  });
  bolt.action("approve", async ({ ack, respond, body }) => {
    await ack();
    seen.push({ kind: "action", body });
    await respond({ replace_original: true, text: "Approved" });
  });
  bolt.shortcut("assess_message", async ({ ack, body }) => {
    await ack();
    seen.push({ kind: "shortcut", body });
  });
  bolt.event("reaction_added", async ({ event, context }) => {
    seen.push({ kind: "reaction", body: event, retryNum: context.retryNum });
  });
  return bolt;
}

beforeAll(async () => {
  emu = await SlackEmulator.start();
  app = buildApp();
  server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  const { port } = server.address() as AddressInfo;
  driver = new SlackDriver({ emulator: emu, appUrl: `http://127.0.0.1:${port}`, signingSecret: SECRET });
});

afterAll(async () => {
  await app.stop();
  await emu.stop();
});

beforeAll(() => {
  emu.addUser({ id: "U1", name: "alice" });
  emu.addChannel({ id: "C1", name: "ml", members: ["U1", emu.botUserId] });
});

afterEach(() => {
  seen.length = 0;
  emu.reset();
});

describe("SlackDriver → Bolt over signed HTTP", () => {
  it("delivers a signed slash command; the app opens a modal through the emulator", async () => {
    const res = await driver.sendSlashCommand({ text: "hello", userId: "U1", channelId: "C1" });
    expect(res.status).toBe(200);
    const call = await emu.waitForCall("views.open");
    expect(call.args.trigger_id).toBe(res.triggerId);
    expect(call.response).toMatchObject({ ok: true });
    expect(seen[0]?.body).toMatchObject({ command: "/should-we-finetune", text: "hello", user_id: "U1", channel_name: "ml" });
    expect(emu.lastView()).toMatchObject({ userId: "U1", open: true, view: { callback_id: "decide" } });
  });

  it.each([
    ["a wrong secret", { secret: "not-the-secret" }],
    ["a stale timestamp", { stale: true }],
    ["no signature", { unsigned: true }],
  ])("answers 401 to %s and never runs the listener", async (_name, sign) => {
    const res = await driver.sendSlashCommand({ text: "x", userId: "U1", channelId: "C1", sign });
    expect(res.status).toBe(401);
    expect(seen).toEqual([]);
    expect(emu.callsTo("views.open")).toEqual([]);
  });

  it("turns a command ack body into a message", async () => {
    const res = await driver.sendSlashCommand({ text: "inline", userId: "U1", channelId: "C1" });
    expect(res.ack).toEqual({ ok: true });
    expect(emu.messagesIn("C1").map((m) => m.text)).toEqual(["Starting"]);
    expect(emu.callsTo("ack")).toHaveLength(1);
  });

  it("submits a filled modal; field errors keep it open, a plain ack closes it", async () => {
    await driver.sendSlashCommand({ userId: "U1", channelId: "C1" });
    const opened = await emu.waitFor(() => emu.lastView(), 1000, "a modal");

    const tooShort = await driver.sendViewSubmission({ userId: "U1", view: opened, values: { goal: "short" } });
    expect(tooShort.json).toEqual({ response_action: "errors", errors: { goal: "Say a bit more" } });
    expect(tooShort.ack).toEqual({ ok: true });
    expect(emu.view(opened.id)?.open).toBe(true);

    const ok = await driver.sendViewSubmission({ userId: "U1", view: opened, values: { goal: "Classify 10k tickets" } });
    expect(ok.status).toBe(200);
    expect(seen.filter((s) => s.kind === "view").map((s) => s.body)).toEqual(["short", "Classify 10k tickets"]);
    expect(emu.view(opened.id)?.open).toBe(false);
    await expect(driver.sendViewSubmission({ userId: "U1", view: opened, values: { goal: "again please" } })).rejects.toThrow(
      UnsubmittableError,
    );
  });

  it("applies response_action push, and records an invalid update view as a failed ack", async () => {
    await driver.sendSlashCommand({ userId: "U1", channelId: "C1" });
    const opened = await emu.waitFor(() => emu.lastView(), 1000, "a modal");
    const pushed = await driver.sendViewSubmission({ userId: "U1", view: opened, values: { goal: "push a step" } });
    expect(pushed.ack).toMatchObject({ ok: true, view: { root_view_id: opened.id, previous_view_id: opened.id } });
    expect(emu.openedViews().filter((v) => v.open)).toHaveLength(2);

    const bad = await driver.sendViewSubmission({ userId: "U1", view: opened, values: { goal: "update badly" } });
    expect(bad.ack).toMatchObject({ ok: false, error: "invalid_arguments" });
    expect(emu.callsTo("ack").at(-1)?.response).toMatchObject({ ok: false });

    await driver.sendViewClosed({ userId: "U1", view: opened, cleared: true });
    expect(emu.openedViews().filter((v) => v.open)).toEqual([]);
  });

  it("asks the app for an external select's options the way Slack does, and lets a user pick only what it offered", async () => {
    await driver.sendSlashCommand({ text: "menu", userId: "U1", channelId: "C1" });
    const view = await emu.waitFor(() => emu.lastView(), 1000, "a modal");
    const suggest = (value: string) => driver.sendBlockSuggestion({ userId: "U1", view, blockId: "model", actionId: "pick", value });
    await expect(suggest("g")).rejects.toThrow(/shorter than min_query_length 2/);

    const offered = await suggest("gpt");
    expect(offered.options.map((o) => o.value)).toEqual(["gpt-4o", "gpt-4o-mini"]);
    expect(seen.at(-1)?.body).toMatchObject({
      type: "block_suggestion",
      value: "gpt",
      block_id: "model",
      action_id: "pick",
      view: { id: view.id },
    });
    expect(emu.callsTo("block_suggestion").at(-1)?.response).toEqual({ ok: true, options: 2 });
    await expect(driver.sendViewSubmission({ userId: "U1", view, values: { model: "gpt-5" } })).rejects.toThrow(
      /no options request offered "gpt-5"/,
    );
    await driver.sendViewSubmission({ userId: "U1", view, values: { model: "gpt-4o-mini" } });
    expect(seen.at(-1)).toEqual({ kind: "picked", body: "gpt-4o-mini" });
  });

  it.each([
    ["many", /no more than 100 items allowed/],
    ["long", /must be less than 76 characters/],
  ])("shows nothing for an options answer Slack would refuse (%s)", async (query, problem) => {
    await driver.sendSlashCommand({ text: "menu", userId: "U1", channelId: "C1" });
    const view = await emu.waitFor(() => emu.lastView(), 1000, "a modal");
    const res = await driver.sendBlockSuggestion({ userId: "U1", view, blockId: "model", actionId: "pick", value: query });
    expect(res.options).toEqual([]);
    expect(res.refused).toMatch(problem);
    expect(emu.callsTo("block_suggestion").at(-1)?.response).toMatchObject({ ok: false });
  });

  it("refuses an options answer later than a deadline it is given, as Slack does after 3 s, and takes it otherwise", async () => {
    await driver.sendSlashCommand({ text: "menu", userId: "U1", channelId: "C1" });
    const view = await emu.waitFor(() => emu.lastView(), 1000, "a modal");
    const strict = new SlackDriver({ emulator: emu, appUrl: driver.appUrl, signingSecret: SECRET, optionsDeadlineMs: 1_000 });
    const late = await strict.sendBlockSuggestion({ userId: "U1", view, blockId: "model", actionId: "pick", value: "slow" });
    expect(late.options).toEqual([]);
    expect(late.refused).toMatch(/^answered after \d+ ms$/);
    const lenient = await driver.sendBlockSuggestion({ userId: "U1", view, blockId: "model", actionId: "pick", value: "slow" });
    expect(lenient.options.map((o) => o.value)).toEqual(["late"]);
  });

  it("clicks a button on a posted message; respond() replaces it via response_url", async () => {
    const posted = await app.client.chat.postMessage({
      channel: "C1",
      text: "Fine-tune?",
      blocks: [
        { type: "actions", block_id: "vote", elements: [{ type: "button", action_id: "approve", text: pt("Approve"), value: "yes" }] },
      ],
    });
    const res = await driver.sendBlockAction({ userId: "U1", channelId: "C1", messageTs: posted.ts, blockId: "vote", actionId: "approve" });
    expect(res.status).toBe(200);
    await emu.waitForCall("response_url");
    expect(emu.message("C1", posted.ts ?? "")?.text).toBe("Approved");
    expect(seen[0]?.body).toMatchObject({ actions: [{ action_id: "approve", value: "yes", type: "button" }] });
    await expect(
      driver.sendBlockAction({ userId: "U1", channelId: "C1", messageTs: posted.ts, blockId: "vote", actionId: "nope" }),
    ).rejects.toThrow(/could not click/);
  });

  it("delivers a message shortcut with the stored message", async () => {
    const msg = emu.addMessage({ channel: "C1", user: "U1", text: "We have 50k labelled examples" });
    const res = await driver.sendMessageShortcut({ callbackId: "assess_message", userId: "U1", channelId: "C1", messageTs: msg.ts });
    expect(res.status).toBe(200);
    expect(seen[0]?.body).toMatchObject({ type: "message_action", message: { text: "We have 50k labelled examples" } });
  });

  it("delivers events with retry headers, and records the reaction in the emulator", async () => {
    const msg = emu.addMessage({ channel: "C1", user: "U1", text: "vote here" });
    const first = await driver.sendReaction({ userId: "U1", reaction: "+1", channelId: "C1", messageTs: msg.ts });
    await driver.sendReaction({ userId: "U1", reaction: "+1", channelId: "C1", messageTs: msg.ts, eventId: first.eventId, retryNum: 1 });
    expect(first.status).toBe(200);
    await emu.waitFor(() => seen.length === 2, 1000, "two deliveries");
    expect(seen.map((s) => s.retryNum)).toEqual([undefined, 1]);
    expect(seen[0]?.body).toMatchObject({ reaction: "+1", item: { channel: "C1", ts: msg.ts }, item_user: "U1" });
    expect(emu.message("C1", msg.ts)?.reactions).toEqual([{ name: "+1", users: ["U1"] }]);
  });

  it("answers url_verification and rejects hostile raw bodies", async () => {
    expect((await driver.sendUrlVerification("abc")).json).toEqual({ challenge: "abc" });
    expect((await driver.sendRaw("payload=%7Bnot-json", { sign: { unsigned: true } })).status).toBe(401);
    const malformed = await driver.sendRaw("payload=%7Bnot-json");
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(seen).toEqual([]);
  });
});
