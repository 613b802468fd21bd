import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { loadConfig } from "../../src/config.js";
import type { Answers } from "../../src/engine/answers.js";
import { decide } from "../../src/engine/decide.js";
import { type RunningApp, startApp } from "../../src/main.js";
import { FUNCTION, VIEW } from "../../src/slack/ids.js";
import type { Json } from "../emulator/block-kit-checks.js";
import { SlackDriver } from "../emulator/slack-driver.js";
import { SlackEmulator, type StoredView } from "../emulator/slack-emulator.js";
import { buildStateValues, type FillValue } from "../emulator/view-state.js";
import { validAnswers } from "../support/answers.js";
import { captureLogger } from "../support/capture-logger.js";
import { fillFromAnswers, toLastStep, walkQuestionnaire } from "../support/fill.js";
import { TEST_TIMING } from "../support/harness.js";
import { readDb, readDecision, readDecisions } from "../support/read-db.js";

const APP_TOKEN = "xapp-1-A1-1234-socketmodetest";
const CHANNEL = "CGENERAL";
const REQUESTER = "UREQ";
const [ALICE, BOB, CAROL] = ["UALICE", "UBOB", "UCAROL"] as const;

let emulator: SlackEmulator;
let app: RunningApp | undefined;
let dir: string;
let dbPath: string;
const logger = captureLogger();

beforeAll(async () => {
  emulator = await SlackEmulator.start({ appToken: APP_TOKEN });
  for (const id of [REQUESTER, ALICE, BOB, CAROL]) emulator.addUser({ id, name: id.toLowerCase() });
  emulator.addChannel({ id: CHANNEL, name: "ml-decisions", members: [emulator.botUserId, REQUESTER, ALICE, BOB, CAROL] });
  dir = mkdtempSync(join(tmpdir(), "swf-socket-"));
  dbPath = join(dir, "app.db");
  // No signing secret: an app-level token alone selects Socket Mode.
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_PATH: dbPath,
    MODEL_SOURCES: "bundled",
    LOG_LEVEL: "error",
    HEALTH_PORT: "0",
  });
  if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
  expect(loaded.config.slack.mode).toBe("socket");
  app = await startApp(loaded.config, { ...TEST_TIMING, logger, today: () => "2026-11-24", modelCheckDelayMs: 3_600_000 });
});

afterAll(async () => {
  await app?.stop();
  await emulator?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- Slack's side: payloads shaped like the HTTP ones SlackDriver sends (SLACK-NOTES §4) ----

/** The questionnaire's steps, changes and model menus, delivered over the socket as `interactive` envelopes. */
const walker = () => ({
  emulator,
  driver: new SlackDriver({
    emulator,
    appUrl: "http://127.0.0.1:9",
    signingSecret: "unused in Socket Mode",
    interactive: async (payload) => {
      const ack = await emulator.socket.deliver("interactive", payload);
      return { json: ack.payload, applied: ack.applied };
    },
  }),
});

const team = () => ({ id: emulator.teamId, domain: emulator.identity.teamDomain });
const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: emulator.teamId });

function slashCommand(text: string, userId = REQUESTER): Promise<Json | undefined> {
  return emulator.socket.send("slash_commands", {
    token: "verification-token",
    team_id: emulator.teamId,
    team_domain: emulator.identity.teamDomain,
    channel_id: CHANNEL,
    channel_name: "ml-decisions",
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: "/should-we-finetune",
    text,
    api_app_id: emulator.identity.appId,
    is_enterprise_install: "false",
    response_url: emulator.issueResponseUrl({ channelId: CHANNEL, userId }),
    trigger_id: emulator.issueTriggerId({ userId }),
  });
}

/** The command that opens the questionnaire; resolves with the opened view. */
async function openQuestionnaire(): Promise<StoredView> {
  const before = emulator.callsTo("views.open").length;
  expect(await slashCommand("")).toBeUndefined();
  await emulator.waitFor(() => emulator.callsTo("views.open").length > before, 10_000, "views.open");
  expect(emulator.callsTo("views.open").at(-1)?.response.ok).toBe(true);
  return emulator.lastView()!;
}

function submitView(view: StoredView, values: Record<string, FillValue>, opts: { clientChecks?: boolean } = {}) {
  const state = buildStateValues(view.view, values, opts);
  return emulator.socket.deliver("interactive", {
    type: "view_submission",
    team: team(),
    user: user(REQUESTER),
    api_app_id: emulator.identity.appId,
    token: "verification-token",
    is_enterprise_install: false,
    enterprise: null,
    trigger_id: emulator.issueTriggerId({ userId: REQUESTER, viewId: view.id }),
    view: { ...view.view, state: { values: state } },
    response_urls: [],
  });
}

/** reaction_added (or _removed) by `userId` on a message, applied to the emulator first (what reactions.get reports). */
function react(
  userId: string,
  messageTs: string,
  eventId: string,
  opts: { removed?: boolean; retryAttempt?: number; timeoutMs?: number } = {},
) {
  if (opts.removed) emulator.removeReaction(CHANNEL, messageTs, "white_check_mark", userId);
  else emulator.addReaction(CHANNEL, messageTs, "white_check_mark", userId);
  const now = Math.floor(Date.now() / 1000);
  return emulator.socket.send(
    "events_api",
    {
      token: "verification-token",
      team_id: emulator.teamId,
      api_app_id: emulator.identity.appId,
      event: {
        type: opts.removed ? "reaction_removed" : "reaction_added",
        user: userId,
        reaction: "white_check_mark",
        item_user: emulator.botUserId,
        item: { type: "message", channel: CHANNEL, ts: messageTs },
        event_ts: `${now}.000100`,
      },
      type: "event_callback",
      event_id: eventId,
      event_time: now,
      authorizations: [
        { enterprise_id: null, team_id: emulator.teamId, user_id: emulator.botUserId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      event_context: "4-socket-mode-test",
    },
    {
      ...(opts.retryAttempt ? { retryAttempt: opts.retryAttempt, retryReason: "timeout" } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    },
  );
}

const decisions = () => readDecisions(dbPath);
const decision = (id: number) => readDecision(dbPath, id);
const approvers = (id: number) =>
  readDb(dbPath, (db) =>
    (
      db.prepare("select reviewer_id from reviews where decision_id = ? and kind = 'approve' order by created_at").all(id) as {
        reviewer_id: string;
      }[]
    ).map((r) => r.reviewer_id),
  );
const texts = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify([m.text, m.blocks]);

describe("the real app in Socket Mode, over a WebSocket, against the Slack emulator", () => {
  const answers: Answers = validAnswers({ title: "Socket triage classifier" });
  let decisionId = 0;
  let verdictTs = "";

  it("connects with the app-level token and no HTTP port", () => {
    expect(app?.port).toBeUndefined();
    const open = emulator.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    // Only the app-level token, as a Bearer header, gets a URL.
    expect(open[0]?.response).toMatchObject({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/) });
    expect(emulator.callsTo("socket:connect").map((c) => c.response.ok)).toEqual([true]);
    expect(emulator.socket.connected()).toBe(true);
  });

  it("opens the questionnaire for a slash_commands envelope and answers help in the ack", async () => {
    const view = await openQuestionnaire();
    expect(view.view.callback_id).toBe(VIEW.questionnaire);
    const [command] = emulator.callsTo("socket:slash_commands");
    expect(command?.args).toMatchObject({ type: "slash_commands", accepts_response_payload: true });

    const help = await slashCommand("help");
    expect(help).toMatchObject({ response_type: "ephemeral" });
    // The ack's payload became an ephemeral message, as an HTTP ack body does.
    expect(emulator.callsTo("ack").at(-1)?.response.ok).toBe(true);
    expect(texts(emulator.ephemeralsIn(CHANNEL, REQUESTER).at(-1)!)).toContain("list all");
  });

  it("walks the three steps over the socket, and stores and posts the verdict", async () => {
    const view = await toLastStep(walker(), await openQuestionnaire(), answers, REQUESTER);
    const ack = await submitView(view, fillFromAnswers(answers, view.view));
    expect(ack.payload).toEqual({ response_action: "clear" });
    expect(ack.applied?.ok).toBe(true);
    expect(emulator.view(view.id)?.open).toBe(false);

    const stored = await emulator.waitFor(() => decisions().find((d) => d.messageTs), 10_000, "verdict posted");
    expect(stored.verdict).toEqual(decide(answers));
    expect(stored.requesterId).toBe(REQUESTER);
    expect(stored.title).toBe("Socket triage classifier");
    const message = emulator.message(CHANNEL, stored.messageTs!)!;
    expect(texts(message)).toContain(`#${stored.id}`);
    expect(texts(message)).toContain("2 approvals needed");
    await emulator.waitFor(() => emulator.threadReplies(CHANNEL, stored.messageTs!).length === 1, 10_000, "reasons reply");
    expect(texts(emulator.threadReplies(CHANNEL, stored.messageTs!)[0]!)).toContain("Next steps");
    decisionId = stored.id;
    verdictTs = stored.messageTs!;
  });

  it("answers an invalid submission with response_action errors in the ack payload", async () => {
    const before = decisions().length;
    const posts = emulator.callsTo("chat.postMessage").length;
    const { views } = await walkQuestionnaire(walker(), await openQuestionnaire(), validAnswers(), {
      userId: REQUESTER,
      stopAt: "evidence",
    });
    const view = views.at(-1)!;
    const values = { ...fillFromAnswers(validAnswers(), view.view), "data.labeledExamples": "-3", "evals.baselineScore": "140" };
    const ack = await submitView(view, values, { clientChecks: false });
    const body = ack.payload as { response_action?: string; errors?: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(Object.keys(body.errors ?? {}).sort()).toEqual(["data.labeledExamples", "evals.baselineScore"]);
    // Slack accepted the errors (every key is an input block) and the modal stays open.
    expect(ack.applied?.ok).toBe(true);
    expect(emulator.view(view.id)?.open).toBe(true);
    await app!.idle();
    await app!.jobsSettled();
    expect(decisions()).toHaveLength(before);
    expect(emulator.callsTo("chat.postMessage")).toHaveLength(posts);
  });

  it("counts reviewers' reactions from events_api envelopes, a retried delivery once", async () => {
    expect(await react(ALICE, verdictTs, "EvSOCKET0001")).toBeUndefined();
    await emulator.waitFor(() => texts(emulator.message(CHANNEL, verdictTs)!).includes("1 so far"), 10_000, "1 approval shown");
    expect(approvers(decisionId)).toEqual([ALICE]);
    // Alice takes her approval back...
    await react(ALICE, verdictTs, "EvSOCKET0002", { removed: true });
    await emulator.waitFor(() => approvers(decisionId).length === 0, 10_000, "approval withdrawn");
    await emulator.waitFor(() => !texts(emulator.message(CHANNEL, verdictTs)!).includes("1 so far"), 10_000, "0 approvals shown");
    const updates = emulator.callsTo("chat.update").length;

    // ...and then Slack redelivers her first reaction (same event_id, retry_attempt 1), as if its ack had been lost.
    // Only its event_id tells it from a new approval: it must not count.
    expect(await react(ALICE, verdictTs, "EvSOCKET0001", { retryAttempt: 1 })).toBeUndefined();
    expect(emulator.callsTo("socket:events_api").at(-1)?.args).toMatchObject({ retry_attempt: 1, retry_reason: "timeout" });
    await app!.idle();
    // Acknowledged only once handled: nothing of it is still to come.
    await app!.jobsSettled();
    expect(approvers(decisionId)).toEqual([]);
    expect(emulator.callsTo("chat.update")).toHaveLength(updates);

    await react(ALICE, verdictTs, "EvSOCKET0003");
    await react(BOB, verdictTs, "EvSOCKET0004");
    await emulator.waitFor(() => decision(decisionId)?.status === "approved", 10_000, "approved");
    await emulator.waitFor(() => texts(emulator.message(CHANNEL, verdictTs)!).includes("*Approved* by"), 10_000, "message updated");
    await emulator.waitFor(() => emulator.threadReplies(CHANNEL, verdictTs).length === 2, 10_000, "approval reply");
    const approval = emulator.threadReplies(CHANNEL, verdictTs)[1]!;
    expect(texts(approval)).toContain(`<@${ALICE}>`);
    expect(texts(approval)).toContain(`<@${BOB}>`);
  });

  it("does not acknowledge a reaction it could not store, so Slack delivers it again", async () => {
    const { sql } = await import("drizzle-orm");
    const before = approvers(decisionId);
    const acks = emulator.callsTo("socket:ack").length;
    await app!.store.run(sql`pragma query_only = 1`);
    // Left waiting for an ack that does not come (settled when the emulator stops).
    void react(CAROL, verdictTs, "EvSOCKETLOST", { timeoutMs: 120_000 }).catch(() => undefined);
    await emulator.waitFor(() => logger.text().includes("envelope was not handled"), 10_000, "the app gave up on the envelope");
    expect(emulator.callsTo("socket:ack")).toHaveLength(acks);
    expect(approvers(decisionId)).toEqual(before);
    await app!.store.run(sql`pragma query_only = 0`);
    expect(await react(CAROL, verdictTs, "EvSOCKETLOST", { retryAttempt: 1 })).toBeUndefined();
    expect(approvers(decisionId)).toEqual([...before, CAROL]);
  });

  it("runs the workflow step from a function_executed envelope, acknowledged once stored, and completes it with the verdict", async () => {
    const manifest = JSON.parse(readFileSync(new URL("../../manifests/manifest.socket-mode.json", import.meta.url), "utf8"));
    emulator.declareFunctions(manifest.functions);
    const { title, baseModel, ...rest } = validAnswers({ title: "A step over Socket Mode" });
    const inputs = { channel: CHANNEL, requester: REQUESTER, title, production_model: baseModel, answers: JSON.stringify(rest) };
    const run = emulator.startWorkflowStep(FUNCTION.assessFineTuning, inputs);
    const envelope = {
      token: "verification-token",
      team_id: emulator.teamId,
      api_app_id: emulator.identity.appId,
      event: { ...emulator.functionExecutedEvent(run), event_ts: `${Math.floor(Date.now() / 1000)}.000200` },
      type: "event_callback",
      event_id: "EvSOCKETSTEP",
      event_time: Math.floor(Date.now() / 1000),
    };
    expect(await emulator.socket.send("events_api", envelope)).toBeUndefined();
    const stored = readDecisions(dbPath).find((d) => d.title === title);
    expect(stored).toBeDefined();
    const done = await emulator.waitFor(
      () => (emulator.workflowRun(run.id)?.state === "completed" ? emulator.workflowRun(run.id) : undefined),
      10_000,
      "the step completed",
    );
    expect(done?.outputs).toMatchObject({ decision_number: stored!.number, fine_tune: decide(validAnswers()).fineTune });
  });

  it("reconnects after a refresh_requested disconnect, through a short Slack outage, and still serves commands", async () => {
    // apps.connections.open fails more often than the app's own Web API retries (3) would retry it.
    emulator.failNext("apps.connections.open", { status: 503 }, 4);
    await emulator.socket.disconnect("refresh_requested");
    expect(emulator.socket.connected()).toBe(false);
    expect(emulator.callsTo("socket:close").at(-1)?.args).toMatchObject({ code: 1000 });
    // @slack/socket-mode waits clientPingTimeout (5 s) before it reconnects, then 1 + 1.3 + 1.7 + 2.2 s between tries.
    await emulator.socket.waitForConnection(60_000);
    expect(emulator.socket.connectionCount).toBe(2);
    expect(emulator.callsTo("apps.connections.open").map((c) => c.status)).toEqual([200, 503, 503, 503, 503, 200]);

    const list = await slashCommand("list");
    expect(JSON.stringify(list)).toContain("Socket triage classifier");
    const view = await openQuestionnaire();
    expect(view.view.callback_id).toBe(VIEW.questionnaire);
  });

  it("has finished the WebSocket close handshake when stop() resolves", async () => {
    const closes = emulator.callsTo("socket:close").length;
    await app!.stop();
    app = undefined;
    // Cut whatever is left at once: a handshake still under way would show as 1006, not 1000.
    await emulator.socket.close();
    expect(
      emulator
        .callsTo("socket:close")
        .slice(closes)
        .map((c) => c.args.code),
    ).toEqual([1000]);
    expect(emulator.socket.connected()).toBe(false);
    // Closing did not start a reconnect. (@slack/socket-mode would wait 5 s before one: no short sleep can show more.)
    expect(emulator.callsTo("apps.connections.open")).toHaveLength(6);
  });
});

describe("the emulator's Socket Mode endpoint", () => {
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await SlackEmulator.start();
  });
  afterAll(async () => {
    await emu.stop();
  });

  const open = async (headers: Record<string, string>, body = "") => {
    const res = await fetch(`${emu.apiUrl}apps.connections.open`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });
    return (await res.json()) as { ok: boolean; error?: string; url?: string };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A raw client: connects, and resolves with the socket and the first message (hello). */
  const connect = (url: string) =>
    new Promise<{ ws: WebSocket; hello: Json }>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once("message", (data) => resolve({ ws, hello: JSON.parse(String(data)) as Json }));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`handshake answered ${res.statusCode}`)));
      ws.once("error", reject);
    });

  it("gives a URL only for the app-level token sent as a Bearer header", async () => {
    expect(await open({})).toEqual({ ok: false, error: "not_authed" });
    expect(await open(bearer(emu.botToken))).toEqual({ ok: false, error: "not_allowed_token_type" });
    expect(await open(bearer("xapp-someone-else"))).toEqual({ ok: false, error: "invalid_auth" });
    expect(await open({}, `token=${emu.socket.appToken}`)).toEqual({ ok: false, error: "invalid_auth" });
    expect(emu.socket.appToken).toBe("xapp-test-token");
    const ok = await open(bearer("xapp-test-token"));
    expect(ok.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/link/\\?ticket=[\\w-]+&app_id=${emu.identity.appId}$`));
  });

  it("says hello once per one-use ticket, and times out an envelope nobody acks", async () => {
    const { url } = await open(bearer(emu.socket.appToken));
    const { ws, hello } = await connect(url!);
    expect(hello).toMatchObject({ type: "hello", num_connections: 1, connection_info: { app_id: emu.identity.appId } });
    await emu.socket.waitForConnection(1000);
    await expect(connect(url!)).rejects.toThrow("handshake answered 401");

    const ackOf = (payload: Json) => (data: unknown) => {
      const { envelope_id } = JSON.parse(String(data)) as { envelope_id: string };
      ws.send(JSON.stringify({ envelope_id, payload }));
    };
    ws.once("message", ackOf({ text: "hi" }));
    expect(await emu.socket.send("slash_commands", { channel_id: "C1", user_id: "U1" })).toEqual({ text: "hi" });
    ws.once("message", ackOf({}));
    expect(await emu.socket.send("events_api", { event: { type: "app_mention" } })).toBeUndefined();
    expect(emu.callsTo("socket:ack").map((c) => c.response.ok)).toEqual([true, true]);

    await expect(emu.socket.send("events_api", { event: { type: "app_mention" } }, { timeoutMs: 100 })).rejects.toThrow(
      /no ack for the events_api envelope/,
    );
    ws.close();
    await emu.waitFor(() => !emu.socket.connected(), 1000, "closed");
    await expect(emu.socket.send("events_api", {})).rejects.toThrow(/no app is connected/);
  });
});
