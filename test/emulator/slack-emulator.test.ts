import { LogLevel, webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildKitchenSinkModal } from "./kitchen-sink.js";
import { SlackEmulator } from "./slack-emulator.js";

const { WebClient } = webApi;
type WebClient = InstanceType<typeof WebClient>;

const pt = (text: string) => ({ type: "plain_text" as const, text });
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
// `never` lets these loose objects stand in for WebClient's view types.
const modal = (blocks: unknown[] = [section("hi")], extra: object = {}) =>
  ({ type: "modal", title: pt("Title"), blocks, ...extra }) as never;

const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
const newClient = (token: string, extra: object = {}): WebClient =>
  new WebClient(token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet, ...extra });

let emu: SlackEmulator;
let client: WebClient;

/** The Slack error code a WebClient call rejected with. */
async function slackError(call: Promise<unknown>): Promise<string> {
  const err = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { data?: { error?: string } } | undefined;
  if (!err) throw new Error("expected the call to fail");
  return err.data?.error ?? String(err);
}

beforeAll(async () => {
  emu = await SlackEmulator.start();
  emu.minWaitMs = 0; // its own time-outs are tested here
  client = newClient(emu.botToken);
});

afterAll(async () => {
  await emu.stop();
});

function seed(): void {
  emu.addUser({ id: "U1", name: "alice", realName: "Alice A" });
  emu.addUser({ id: "U2", name: "bob" });
  emu.addChannel({ id: "C1", name: "ml", members: ["U1", emu.botUserId] });
  emu.addChannel({ id: "C2", name: "random", members: ["U1", "U2"] });
  emu.addChannel({ id: "G1", name: "secret", isPrivate: true, members: ["U1"] });
  emu.addUserGroup("S1", ["U1", "U2"]);
}

beforeAll(seed);
afterEach(() => {
  emu.reset({ world: true });
  emu.setTriggerTtl(30_000);
  seed();
});

describe("Web API basics", () => {
  it("answers auth.test with the bot identity and records the call", async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" });
    expect(emu.callsTo("auth.test")).toHaveLength(1);
    expect(emu.calls[0]).toMatchObject({ method: "auth.test", status: 200, response: { ok: true } });
    expect(emu.calls[0]?.at).toBeTypeOf("number");
  });

  it("rejects a wrong token and a missing one", async () => {
    const wrong = newClient("xoxb-wrong");
    expect(await slackError(wrong.auth.test())).toBe("invalid_auth");
    const none = await fetch(`${emu.apiUrl}auth.test`, { method: "POST" });
    expect(await none.json()).toEqual({ ok: false, error: "not_authed" });
  });

  it("answers unknown_method for methods it does not model", async () => {
    expect(await slackError(client.apiCall("admin.users.list"))).toBe("unknown_method");
  });

  it("accepts JSON bodies as well as form bodies", async () => {
    const res = await fetch(`${emu.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "C1", blocks: [section("json body")] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: "C1" });
    expect(emu.messagesIn("C1")[0]?.blocks).toEqual([section("json body")]);
  });

  it("looks up users, channels and user groups", async () => {
    expect((await client.users.info({ user: "U1" })).user).toMatchObject({ id: "U1", name: "alice", real_name: "Alice A" });
    expect(await slackError(client.users.info({ user: "U9" }))).toBe("user_not_found");
    expect((await client.conversations.info({ channel: "C2" })).channel).toMatchObject({ id: "C2", is_member: false });
    expect(await slackError(client.conversations.info({ channel: "G1" }))).toBe("channel_not_found");
    expect((await client.usergroups.users.list({ usergroup: "S1" })).users).toEqual(["U1", "U2"]);
  });
});

describe("messages", () => {
  it("posts, threads, updates and records messages with monotonic ts", async () => {
    const parent = await client.chat.postMessage({ channel: "C1", text: "Verdict", blocks: [section("*Prompt first*")] });
    expect(parent).toMatchObject({ ok: true, channel: "C1", message: { text: "Verdict", bot_id: "BBOT" } });
    expect(parent.ts).toMatch(/^\d{10}\.\d{6}$/);
    const reply = await client.chat.postMessage({ channel: "C1", text: "details", thread_ts: parent.ts });
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));
    expect(emu.messagesIn("C1").map((m) => m.text)).toEqual(["Verdict"]);
    expect(emu.threadReplies("C1", parent.ts ?? "").map((m) => m.text)).toEqual(["details"]);

    await client.chat.update({ channel: "C1", ts: parent.ts ?? "", text: "Verdict (final)" });
    expect(emu.message("C1", parent.ts ?? "")).toMatchObject({ text: "Verdict (final)", edited: { user: "UBOT" } });
    expect(emu.callsTo("chat.update")[0]?.args).toMatchObject({ channel: "C1", ts: parent.ts, text: "Verdict (final)" });
  });

  it("records blocks JSON-parsed", async () => {
    await client.chat.postMessage({ channel: "C1", text: "t", blocks: [section("parsed")] });
    expect(emu.callsTo("chat.postMessage")[0]?.args.blocks).toEqual([section("parsed")]);
  });

  it.each([
    ["not_in_channel", { channel: "C2", text: "x" }],
    ["channel_not_found", { channel: "C404", text: "x" }],
    ["channel_not_found", { channel: "G1", text: "x" }],
    ["no_text", { channel: "C1" }],
    ["thread_not_found", { channel: "C1", text: "x", thread_ts: "1.000001" }],
    ["invalid_blocks_format", { channel: "C1", text: "x", blocks: "not json" }],
  ])("chat.postMessage answers %s", async (error, args) => {
    expect(await slackError(client.chat.postMessage(args as never))).toBe(error);
  });

  it("rejects invalid blocks with Slack-style errors", async () => {
    const res = await client.chat
      .postMessage({ channel: "C1", text: "x", blocks: [section("x".repeat(3001))] })
      .catch((e: { data: unknown }) => e.data);
    expect(res).toEqual({
      ok: false,
      error: "invalid_blocks",
      errors: ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
      response_metadata: { messages: ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"] },
    });
    expect(emu.messagesIn("C1")).toHaveLength(0);
  });

  it("truncates text over 40,000 characters and refuses chat.update over 4,000", async () => {
    const posted = await client.chat.postMessage({ channel: "C1", text: "y".repeat(40_001) });
    expect(posted.warning).toBe("message_truncated");
    expect(emu.messagesIn("C1")[0]?.text).toHaveLength(40_000);
    expect(await slackError(client.chat.update({ channel: "C1", ts: posted.ts ?? "", text: "z".repeat(4001) }))).toBe("msg_too_long");
  });

  it("refuses to update someone else's message", async () => {
    const human = emu.addMessage({ channel: "C1", user: "U1", text: "mine" });
    expect(await slackError(client.chat.update({ channel: "C1", ts: human.ts, text: "x" }))).toBe("cant_update_message");
  });

  it("posts ephemerals only to channel members", async () => {
    const res = await client.chat.postEphemeral({ channel: "C1", user: "U1", text: "just you" });
    expect(res.message_ts).toBeDefined();
    expect(emu.ephemeralsIn("C1", "U1").map((m) => m.text)).toEqual(["just you"]);
    emu.addUser({ id: "U3", name: "carol" });
    expect(await slackError(client.chat.postEphemeral({ channel: "C1", user: "U3", text: "x" }))).toBe("user_not_in_channel");
  });

  it("joins public channels only", async () => {
    expect((await client.conversations.join({ channel: "C2" })).channel).toMatchObject({ id: "C2", is_member: true });
    await client.chat.postMessage({ channel: "C2", text: "now I can post" });
    const again = await client.conversations.join({ channel: "C2" });
    expect(again.warning).toBe("already_in_channel");
    emu.addChannel({ id: "G2", name: "team", isPrivate: true, members: [emu.botUserId] });
    expect(await slackError(client.conversations.join({ channel: "G2" }))).toBe("method_not_supported_for_channel_type");
  });

  it("reports reactions and permalinks", async () => {
    const { ts = "" } = await client.chat.postMessage({ channel: "C1", text: "vote" });
    emu.addReaction("C1", ts, "+1", "U1");
    emu.addReaction("C1", ts, "+1", "U2");
    const res = await client.reactions.get({ channel: "C1", timestamp: ts, full: true });
    expect(res.message?.reactions).toEqual([{ name: "+1", users: ["U1", "U2"], count: 2 }]);
    const link = await client.chat.getPermalink({ channel: "C1", message_ts: ts });
    expect(link.permalink).toBe(`https://emulated.slack.com/archives/C1/p${ts.replace(".", "")}`);
    expect(await slackError(client.reactions.get({ channel: "C1", timestamp: "1.1" }))).toBe("message_not_found");
  });
});

describe("views", () => {
  it("opens a modal with a fresh trigger id and keeps it", async () => {
    const triggerId = emu.issueTriggerId({ userId: "U1" });
    expect(triggerId).toMatch(/^\d{7}\.\d{7}\.[0-9a-f]{10}$/);
    const res = await client.views.open({ trigger_id: triggerId, view: modal() });
    expect(res.view).toMatchObject({ id: expect.stringMatching(/^V[A-Z0-9]{10}$/), hash: expect.any(String), type: "modal" });
    expect(emu.lastView()).toMatchObject({ id: res.view?.id, userId: "U1", open: true });
    expect(emu.openedViews()).toHaveLength(1);
    expect(emu.callsTo("views.open")[0]?.args.view).toMatchObject({ type: "modal", title: pt("Title") });
  });

  it("accepts the kitchen-sink modal", async () => {
    const res = await client.views.open({ trigger_id: emu.issueTriggerId(), view: buildKitchenSinkModal() as never });
    expect(res.ok).toBe(true);
  });

  it("refuses reused, expired and unknown trigger ids", async () => {
    const triggerId = emu.issueTriggerId();
    await client.views.open({ trigger_id: triggerId, view: modal() });
    expect(await slackError(client.views.open({ trigger_id: triggerId, view: modal() }))).toBe("exchanged_trigger_id");
    emu.setTriggerTtl(20);
    const stale = emu.issueTriggerId();
    await new Promise((r) => setTimeout(r, 40));
    expect(await slackError(client.views.open({ trigger_id: stale, view: modal() }))).toBe("expired_trigger_id");
    expect(await slackError(client.views.open({ trigger_id: "1.2.3", view: modal() }))).toBe("invalid_trigger_id");
  });

  it("rejects an invalid view with invalid_arguments and a too large one with view_too_large", async () => {
    const bad = await client.views
      .open({ trigger_id: emu.issueTriggerId(), view: modal(undefined, { title: pt("x".repeat(25)) }) })
      .catch((e: { data: unknown }) => e.data);
    expect(bad).toEqual({
      ok: false,
      error: "invalid_arguments",
      response_metadata: {
        messages: [
          "[ERROR] failed to match all allowed schemas [json-pointer:/view]",
          "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
        ],
      },
    });
    const huge = modal(Array.from({ length: 90 }, () => section("x".repeat(3000))));
    expect(await slackError(client.views.open({ trigger_id: emu.issueTriggerId(), view: huge }))).toBe("view_too_large");
  });

  it("updates by view_id or external_id and detects stale hashes", async () => {
    const opened = await client.views.open({ trigger_id: emu.issueTriggerId(), view: modal(undefined, { external_id: "ext-1" }) });
    const id = opened.view?.id ?? "";
    const first = await client.views.update({ view_id: id, hash: opened.view?.hash, view: modal([section("step 2")]) });
    expect(first.view?.hash).not.toBe(opened.view?.hash);
    expect(await slackError(client.views.update({ view_id: id, hash: opened.view?.hash, view: modal() }))).toBe("hash_conflict");
    await client.views.update({ external_id: "ext-1", view: modal([section("step 3")]) });
    expect(emu.view(id)?.view.blocks).toEqual([section("step 3")]);
    expect(await slackError(client.views.update({ view_id: "VNOPE", view: modal() }))).toBe("not_found");
  });

  it("pushes up to three views per stack", async () => {
    const root = await client.views.open({ trigger_id: emu.issueTriggerId({ userId: "U1" }), view: modal() });
    const rootId = root.view?.id ?? "";
    const second = await client.views.push({ trigger_id: emu.issueTriggerId({ userId: "U1", viewId: rootId }), view: modal() });
    expect(second.view).toMatchObject({ root_view_id: rootId, previous_view_id: rootId });
    await client.views.push({ trigger_id: emu.issueTriggerId({ userId: "U1", viewId: rootId }), view: modal() });
    const fourth = client.views.push({ trigger_id: emu.issueTriggerId({ userId: "U1", viewId: rootId }), view: modal() });
    expect(await slackError(fourth)).toBe("push_limit_reached");
  });

  it("publishes a Home tab per user", async () => {
    const home = { type: "home" as const, blocks: [section("Your decisions")] };
    const first = await client.views.publish({ user_id: "U1", view: home });
    const again = await client.views.publish({ user_id: "U1", view: home, hash: first.view?.hash });
    expect(again.view?.id).toBe(first.view?.id);
    expect(emu.homeView("U1")?.view.blocks).toEqual([section("Your decisions")]);
    expect(await slackError(client.views.publish({ user_id: "U1", view: home, hash: first.view?.hash }))).toBe("hash_conflict");
    expect(await slackError(client.views.publish({ user_id: "U1", view: modal() }))).toBe("invalid_arguments");
  });
});

describe("faults, latency and waiting", () => {
  it("injects a 429 with Retry-After", async () => {
    emu.failNext("chat.postMessage", { status: 429, retryAfterSec: 7 });
    const raw = await fetch(`${emu.apiUrl}chat.postMessage`, { method: "POST", headers: { authorization: `Bearer ${emu.botToken}` } });
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("7");
    expect(await raw.json()).toEqual({ ok: false, error: "ratelimited" });

    emu.failNext("chat.postMessage", { status: 429, retryAfterSec: 1 });
    const rejecting = newClient(emu.botToken, { rejectRateLimitedCalls: true });
    await expect(rejecting.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 1,
    });
    expect(await rejecting.chat.postMessage({ channel: "C1", text: "x" })).toMatchObject({ ok: true });
  });

  it("injects 500s and Slack errors, a given number of times", async () => {
    emu.failNext("chat.postMessage", { status: 500 });
    await expect(client.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 500,
    });
    emu.failNext("*", { error: "fatal_error" }, 2);
    expect(await slackError(client.auth.test())).toBe("fatal_error");
    expect(await slackError(client.chat.postMessage({ channel: "C1", text: "x" }))).toBe("fatal_error");
    expect((await client.auth.test()).ok).toBe(true);
    expect(emu.callsTo("chat.postMessage").map((c) => c.status)).toEqual([500, 200]);
  });

  it("can fail only the answer: the post is made, the caller gets a 500 or a reset connection", async () => {
    emu.failNext("chat.postMessage", { status: 500, afterEffect: true });
    await expect(client.chat.postMessage({ channel: "C1", text: "made, then 500" })).rejects.toMatchObject({ statusCode: 500 });
    emu.failNext("chat.postMessage", { reset: true, afterEffect: true });
    await expect(client.chat.postMessage({ channel: "C1", text: "made, then reset" })).rejects.toMatchObject({
      code: webApi.ErrorCode.RequestError,
    });
    emu.failNext("chat.postMessage", { reset: true });
    await expect(client.chat.postMessage({ channel: "C1", text: "never made" })).rejects.toMatchObject({
      code: webApi.ErrorCode.RequestError,
    });
    expect(emu.messagesIn("C1").map((m) => m.text)).toEqual(["made, then 500", "made, then reset"]);
  });

  it("can leave a call hanging until it is released", async () => {
    emu.failNext("chat.postMessage", { hang: true, afterEffect: true });
    const hanging = client.chat.postMessage({ channel: "C1", text: "in flight" }).then(
      () => "answered",
      () => "cut",
    );
    await emu.waitFor(() => emu.callsTo("chat.postMessage").length === 1, 2000, "the call");
    expect(emu.messagesIn("C1").map((m) => m.text)).toEqual(["in flight"]);
    emu.releaseHung();
    expect(await hanging).toBe("cut");
  });

  it("pages conversations.history with a cursor, newest first, within oldest", async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `m${i}`);
    for (const text of texts) await client.chat.postMessage({ channel: "C1", text });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.conversations.history({ channel: "C1", limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...(page.messages ?? []).map((m) => m.text ?? ""));
      cursor = page.response_metadata?.next_cursor || undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...texts].reverse());
    const future = `${Math.floor(Date.now() / 1000) + 3600}.000000`;
    expect((await client.conversations.history({ channel: "C1", oldest: future })).messages).toEqual([]);
  });

  it("delays answers by the configured latency", async () => {
    emu.setLatency(60);
    const started = performance.now();
    await client.auth.test();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("waits for a call or a message, and times out clearly", async () => {
    const waiting = emu.waitForMessage("C1", (m) => m.text === "later");
    setTimeout(() => void client.chat.postMessage({ channel: "C1", text: "later" }), 20);
    expect((await waiting).text).toBe("later");
    await expect(emu.waitForCall("views.open", () => true, 50)).rejects.toThrow(/a views.open call not met within 50 ms/);
    const probe = emu.waitFor(() => emu.callsTo("auth.test").length === 2 && "two", 500, "two auth tests");
    await client.auth.test();
    await client.auth.test();
    expect(await probe).toBe("two");
  });

  it("records response_url posts and applies them", async () => {
    const url = emu.issueResponseUrl({ channelId: "C1", userId: "U1" });
    const post = (body: unknown) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post({ text: "only you" })).status).toBe(200);
    expect((await post({ text: "everyone", response_type: "in_channel" })).status).toBe(200);
    expect(emu.ephemeralsIn("C1", "U1").map((m) => m.text)).toEqual(["only you"]);
    expect(emu.messagesIn("C1").map((m) => m.text)).toEqual(["everyone"]);
    expect(emu.callsTo("response_url")[1]?.args).toEqual({ text: "everyone", response_type: "in_channel" });
    expect((await post({ blocks: [section("")] })).status).toBe(400);
    await post({ text: "4" });
    await post({ text: "5" });
    expect((await post({ text: "6" })).status).toBe(404);
  });
});

describe("render", () => {
  it("prints channels, authors, blocks and threads", async () => {
    const parent = await client.chat.postMessage({
      channel: "C1",
      text: "Decision",
      blocks: [
        { type: "header", text: pt("Prompt first") },
        {
          type: "section",
          text: { type: "mrkdwn", text: "Cost is *low*" },
          fields: [
            { type: "mrkdwn", text: "A" },
            { type: "mrkdwn", text: "B" },
          ],
        },
        { type: "context", elements: [{ type: "mrkdwn", text: "by alice" }] },
        {
          type: "actions",
          elements: [
            { type: "button", action_id: "ok", text: pt("Approve") },
            { type: "button", action_id: "no", text: pt("Reject") },
          ],
        },
      ],
    });
    await client.chat.postMessage({ channel: "C1", text: "a reply", thread_ts: parent.ts });
    emu.addReaction("C1", parent.ts ?? "", "eyes", "U1");
    expect(emu.render("C1").split("\n")).toEqual([
      "#ml (C1)",
      `  [${parent.ts}] @should-we-finetune: Decision`,
      "    | # Prompt first",
      "    | Cost is *low*",
      "    | A | B",
      "    | by alice",
      "    | [Approve] [Reject]",
      "    :eyes: 1",
      expect.stringMatching(/^ {4}↳ \[\d+\.\d+\] @should-we-finetune: a reply$/),
    ]);
  });
});
