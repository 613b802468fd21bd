// Hostile input against the real app over HTTP (one harness for the whole file): fast-check generates malformed and
// adversarial requests of every transport Slack uses, and after every batch the app must still be serving, nothing may
// have been written to the database, nothing posted to the channel, and every request must have had an answer.
//
// What Slack and Bolt 5.1.0 (HTTPReceiver) do with each kind of request, i.e. the status codes asserted here:
// - Signature missing, made with another secret, mangled, over another body, or timestamped more than 5 minutes ago
//   (a replay outside Slack's window): 401, before the body is even parsed (receivers/verify-request.js). The one
//   exception is Slack's `ssl_check=1` form, which Bolt answers 200 unsigned after stripping every other field.
// - Signed, but the body is not JSON (or `payload=` is not): 400 "Malformed request body". Over 4 MB: 413. JSON `null`
//   (bare or as `payload=null`): 400 from the app's guard in src/slack/http-receiver.ts; Bolt alone crashed the process.
// - Signed, and a body Bolt can route to one of the app's listeners (our command, our view callback id, our action ids,
//   any Events API envelope): the listener acks it, 200. Bolt acks events itself, and the app answers once the
//   listener returned (processBeforeResponse), so an event of an unknown type, or one the app ignores (its readers
//   reject mistyped ids), is also 200. A questionnaire submission the app cannot read is answered 200 with
//   `response_action: "errors"`.
// - Signed, but nothing acks it (an unknown payload type, callback id, action id or command): Bolt's unhandled-request
//   timer answers 404 after ~3 s (HTTPModuleFunctions
//   defaultUnhandledRequestHandler). Those are sent in large concurrent batches so the delay is paid once per batch.
// - Signed, with an envelope whose fields have types Bolt's own routing code does not expect (`event: "x"`,
//   `event.item: null`, `view: null`, `user: null` without a team, `authorizations: [null]`): Bolt's getTypeAndConversation
//   / buildSource throw before any listener runs and its processEventErrorHandler answers 500. Likewise a command whose
//   team_id names an Object.prototype member (`__proto__`, `constructor`): Bolt looks its client pool up in a plain
//   object. Slack never sends these; the app is not involved and keeps serving.
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACTION, COMMAND, SHORTCUT, VIEW } from "../../src/slack/ids.js";
import { FORM_FIELDS } from "../../src/slack/questionnaire/fields.js";
import { readCommand } from "../../src/slack/readers/read-command.js";
import type { Decision } from "../../src/store/decisions.js";
import { signatureHeaders } from "../emulator/sign-request.js";
import { buildStateValues, type SignOptions, signSlackRequest } from "../emulator/slack-driver.js";
import type { StoredMessage, StoredView } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import {
  CHANNEL,
  type Harness,
  openQuestionnaire,
  REQUESTER,
  REVIEWERS,
  runReview,
  SIGNING_SECRET,
  startHarness,
} from "../support/harness.js";

const [ALICE, BOB] = REVIEWERS;
/** A request that has had no answer after this long is hung; Bolt's own unhandled timer fires at ~3 s. */
const HUNG_AFTER_MS = 8_000;
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

let h: Harness;
let verdict: Decision;
/** A message in the channel that is not a verdict. */
let chatter: StoredMessage;
/** An open questionnaire, for well-formed submissions (forged and replayed). */
let questionnaire: StoredView;
let baseline: DbSnapshot;
let postsBefore = 0;
let ephemeralsBefore = 0;
let payloadsSent = 0;
let modalsChecked = 0;

// Every hostile request the app cannot use is logged by Bolt at error level ("unhandled error: ..."): hundreds of
// lines. They are kept out of the test output; HOSTILE_LOGS=1 shows them.
beforeAll(() => {
  if (process.env.HOSTILE_LOGS) return;
  const original = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (!(typeof args[0] === "string" && args[0].startsWith("[ERROR]"))) original(...args);
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

beforeAll(async () => {
  h = await startHarness();
  ({ decision: verdict } = await runReview(h, validAnswers({ title: "The one real decision" })));
  await h.emulator.waitFor(() => h.decision(verdict.id)?.replyTs, 3000, "reasons posted");
  chatter = h.emulator.addMessage({ channel: CHANNEL, user: ALICE!, text: "lunch?" });
  questionnaire = await openQuestionnaire(h);
  await h.settled();
  rebaseline();
}, 30_000);
afterAll(async () => {
  await h?.stop();
});

// ---------------------------------------------------------------------------------------------------------------------
// The database, as another process sees it

interface DbSnapshot {
  [table: string]: unknown[];
}

/** Every row of every table, through a fresh read-only connection to the app's SQLite file. */
function snapshot(): DbSnapshot {
  const db = new Database(h.dbPath, { readonly: true, fileMustExist: true });
  try {
    // Not the lease: the running app renews it every few seconds, whatever arrives.
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'leases' ORDER BY name")
      .all() as {
      name: string;
    }[];
    const snap: DbSnapshot = {};
    for (const { name } of tables) snap[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    return snap;
  } catch (error) {
    // WITHOUT ROWID tables would need another order; none exist today.
    throw new Error(`cannot snapshot the database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

function rebaseline(): void {
  baseline = snapshot();
  postsBefore = h.emulator.callsTo("chat.postMessage").length;
  ephemeralsBefore = h.emulator.callsTo("chat.postEphemeral").length;
}

// ---------------------------------------------------------------------------------------------------------------------
// Sending

interface Hostile {
  /** What the case is, for failure messages. */
  label: string;
  body: string;
  contentType: string;
  /** The statuses Slack's side may see for it (see the table at the top). */
  allowed: readonly number[];
  /** For view submissions the app must refuse with field errors. */
  expectErrors?: boolean;
  /** A command that must still open a valid questionnaire with this trigger, however hostile its title. */
  opensModal?: string;
  sign?: SignOptions;
  headers?: Record<string, string>;
}

interface Answered {
  status: number;
  ms: number;
  body: string;
}

const endpoint = () => `http://127.0.0.1:${h.app.port}/slack/events`;

async function send(req: Hostile): Promise<Answered> {
  const headers = { "content-type": req.contentType, ...signatureHeaders(SIGNING_SECRET, req.body, req.sign), ...req.headers };
  const started = performance.now();
  payloadsSent += 1;
  try {
    const res = await fetch(endpoint(), { method: "POST", headers, body: req.body, signal: AbortSignal.timeout(HUNG_AFTER_MS) });
    const body = await res.text();
    return { status: res.status, ms: performance.now() - started, body };
  } catch (error) {
    throw new Error(`no answer to ${req.label} within ${HUNG_AFTER_MS} ms (${(error as Error).message}); body starts ${excerpt(req.body)}`);
  }
}

const excerpt = (s: string) => JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);

/** Sends a batch at once; every request must get one of its allowed statuses. */
async function sendBatch(batch: readonly Hostile[]): Promise<Answered[]> {
  const answers = await Promise.all(batch.map(send));
  const opening: Hostile[] = [];
  answers.forEach((answer, i) => {
    const req = batch[i]!;
    if (!req.allowed.includes(answer.status)) {
      throw new Error(
        `${req.label}: answered ${answer.status} after ${Math.round(answer.ms)} ms, expected ${req.allowed.join("/")}; body ${excerpt(req.body)}`,
      );
    }
    if (req.opensModal) opening.push(req);
    if (req.expectErrors) {
      const ack = JSON.parse(answer.body || "{}") as { response_action?: string };
      if (ack.response_action !== "errors")
        throw new Error(`${req.label}: acked ${excerpt(answer.body)}, not with field errors; body ${excerpt(req.body)}`);
    }
  });
  for (const req of opening) {
    const call = await h.emulator.waitForCall("views.open", (c) => c.args.trigger_id === req.opensModal, 3000);
    if (call.response.ok !== true)
      throw new Error(`${req.label}: views.open refused the questionnaire: ${JSON.stringify(call.response).slice(0, 300)}`);
    modalsChecked += 1;
  }
  return answers;
}

/** The app still answers, a real user is still served, and the hostile batch left no trace. */
async function assertUnharmed(what: string): Promise<void> {
  const health = await fetch(`http://127.0.0.1:${h.app.port}/health`, { signal: AbortSignal.timeout(HUNG_AFTER_MS) });
  expect(health.status, `${what}: /health`).toBe(200);
  const command = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
  expect(command.status, `${what}: a valid command`).toBe(200);
  const opened = await h.emulator.waitForCall("views.open", (c) => c.args.trigger_id === command.triggerId, 3000);
  expect(opened.response.ok, `${what}: views.open for a valid command ${JSON.stringify(opened.response)}`).toBe(true);
  await h.settled(); // events are answered once handled; whatever they queued for Slack has run
  expect(snapshot(), `${what}: the database changed`).toEqual(baseline);
  expect(h.emulator.callsTo("chat.postMessage").length, `${what}: chat.postMessage was called`).toBe(postsBefore);
  expect(h.emulator.callsTo("chat.postEphemeral").length, `${what}: chat.postEphemeral was called`).toBe(ephemeralsBefore);
}

// ---------------------------------------------------------------------------------------------------------------------
// Generators

const PIECES = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S0123|@ml-team>",
  "<@UBOT>",
  "<@UREQ|requester>",
  "<#CGENERAL|general>",
  "<https://evil.example/phish|docs.slack.dev>",
  "&lt;!channel&gt;",
  "&amp;lt;!here&amp;gt;",
  "*bold* _it_ ~st~ `code` ```pre```",
  ">quote",
  ":white_check_mark:",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\r\n",
  "\t",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\ud800",
  "\udfff",
  "💥",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈",
  "Z̷̛̖a̶l̸g̵o",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "__proto__",
  "constructor",
  "toString",
  "'; DROP TABLE decisions; --",
  '" OR 1=1 --',
  "%00",
  "%F0%9F",
  "&",
  "=",
  "+",
  "%",
  "show",
  "list",
  "help",
  "all",
  "#1",
];
const piece = fc.constantFrom(...PIECES);

/** 20 000–100 000 characters of one awkward thing: a 100 KB title, user id, metadata... */
const huge = fc
  .tuple(fc.constantFrom("a", "<!channel> ", "💥", "\u0000", "&lt;", "é", "\ud800"), fc.integer({ min: 20_000, max: 100_000 }))
  .map(([p, n]) => p.repeat(Math.ceil(n / p.length)).slice(0, n));

/** Any string field: random, random code points (lone surrogates included), Slack syntax, and now and then huge. */
const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 12 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 8 },
  { arbitrary: piece, weight: 12 },
  { arbitrary: fc.array(piece, { maxLength: 6 }).map((a) => a.join("")), weight: 8 },
  // About one field in 40: most payloads have several string fields, so a good share of them carries one.
  { arbitrary: huge, weight: 1 },
);

const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("__proto__", "constructor", "value", "type", "id", "ts", "channel", "user"),
);
const scalar: fc.Arbitrary<unknown> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), text);
/** Any JSON value (NaN and infinities become null in JSON). */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: scalar, weight: 4 },
  { arbitrary: fc.array(scalar, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(key, scalar, { maxKeys: 4 }), weight: 1 },
);
/** Junk that is never a string: a wrong type where Slack sends a string. */
const notAString = junk.filter((v) => typeof v !== "string");

const TEAM = "T1";
const realUser = fc.constantFrom(REQUESTER, ALICE!, BOB!, "UNOBODY");
const userId = fc.oneof({ arbitrary: realUser, weight: 3 }, { arbitrary: text, weight: 1 });

/** The fields Bolt routes a form body on; random extra fields never use them (that is the unrouted batch's job). */
const ROUTING_KEYS = new Set(["payload", "ssl_check", "command", "event", "actions", "name", "type"]);
const COMMAND_FIELDS = [
  "token",
  "team_id",
  "team_domain",
  "channel_id",
  "channel_name",
  "user_id",
  "user_name",
  "text",
  "api_app_id",
  "is_enterprise_install",
  "response_url",
  "trigger_id",
] as const;
const extraKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((k) => !ROUTING_KEYS.has(k) && !(COMMAND_FIELDS as readonly string[]).includes(k));

function formBody(fields: Record<string, string | readonly string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of typeof v === "string" ? [v] : v) params.append(k, one);
  return params.toString();
}
const payloadBody = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** Lazily built pieces that need the emulator (fresh trigger ids, response_urls) at send time. */
type Build = () => Hostile;

const triggerId = fc.oneof(
  { arbitrary: fc.constant("fresh"), weight: 2 },
  { arbitrary: fc.constantFrom("", "1234.5678.abc", "exchanged"), weight: 1 },
  { arbitrary: text, weight: 1 },
);
const resolveTrigger = (t: string) => (t === "fresh" ? h.emulator.issueTriggerId({ userId: REQUESTER }) : t);
const responseUrl = fc.oneof(
  { arbitrary: fc.constant("fresh"), weight: 2 },
  { arbitrary: fc.constantFrom("", "not a url", "javascript:alert(1)", "http://127.0.0.1:1/refused", "file:///etc/passwd"), weight: 1 },
  { arbitrary: text, weight: 1 },
);
const resolveResponseUrl = (u: string) => (u === "fresh" ? h.emulator.issueResponseUrl({ channelId: CHANNEL, userId: REQUESTER }) : u);

// (a1) Our slash command with hostile text and fields: the app acks every one (200), whatever the text says.
const commandText = fc.oneof(
  { arbitrary: text, weight: 4 },
  {
    arbitrary: fc.tuple(fc.constantFrom("show", "show #", "list", "help", "list all", "SHOW", "List"), text).map(([a, b]) => `${a} ${b}`),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom("", " ", "show 1", "show 0", "show -1", "show 99999999999999999999999", "list", "list all", "help", "show"),
    weight: 1,
  },
);
const hostileCommand: fc.Arbitrary<Build> = fc
  .oneof(
    // Only the text (and unknown extra fields) hostile: what any user can type.
    fc.record({
      text: commandText,
      trigger: fc.constant("fresh"),
      url: fc.constant("fresh"),
      overrides: fc.constant({} as Record<string, string>),
      dropped: fc.constant([] as string[]),
      extra: fc.dictionary(extraKey, text, { maxKeys: 3 }),
    }),
    // Every field fair game: mistyped ids, missing fields, bad trigger ids and response_urls.
    fc.record({
      text: commandText,
      trigger: triggerId,
      url: responseUrl,
      overrides: fc.dictionary(
        fc.constantFrom("team_id", "channel_id", "user_id", "channel_name", "user_name", "token", "api_app_id", "is_enterprise_install"),
        text,
        { maxKeys: 3 },
      ),
      dropped: fc.subarray([
        "team_domain",
        "channel_name",
        "user_name",
        "token",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
      ]),
      extra: fc.dictionary(extraKey, text, { maxKeys: 3 }),
    }),
  )
  .map((c) => () => {
    const trigger = resolveTrigger(c.trigger);
    const fields: Record<string, string> = {
      token: "verification-token",
      team_id: TEAM,
      team_domain: "emulated",
      channel_id: CHANNEL,
      channel_name: "ml-decisions",
      user_id: REQUESTER,
      user_name: "ureq",
      command: COMMAND,
      text: c.text,
      api_app_id: "A1",
      is_enterprise_install: "false",
      response_url: resolveResponseUrl(c.url),
      trigger_id: trigger,
      ...c.overrides,
      ...c.extra,
    };
    for (const k of c.dropped) delete fields[k];
    const trips = boltTrips(fields.team_id);
    // With a real trigger, channel and response_url, any text that is not a keyword opens the questionnaire with it as
    // the title: it must be a view Slack accepts (the emulator checks Block Kit's limits), `<!channel>` and all.
    const opens =
      !trips &&
      c.trigger === "fresh" &&
      c.url === "fresh" &&
      fields.trigger_id === trigger &&
      fields.response_url !== undefined &&
      fields.channel_id === CHANNEL &&
      readCommand(fields.text ?? "").kind === "open";
    return {
      label: `command ${excerpt(c.text.slice(0, 60))}`,
      body: formBody(fields),
      contentType: FORM,
      allowed: trips ? [500] : [200],
      ...(opens ? { opensModal: trigger } : {}),
    };
  });

/** The envelope of every interactivity payload, with the shapes Bolt's routing reads left intact. */
const envelope = (user: string) => ({
  team: { id: TEAM, domain: "emulated" },
  user: { id: user, username: "someone", name: "someone", team_id: TEAM },
  api_app_id: "A1",
  token: "verification-token",
  is_enterprise_install: false,
  enterprise: null,
});

// (a2) Questionnaire submissions the app cannot take: garbage private_metadata and/or garbage (but Slack-shaped)
// state.values. Each must be refused with field errors (200 + response_action "errors") and store nothing.
const BLOCK_IDS = FORM_FIELDS.map((f) => f.path);
const stateValue = fc.record(
  {
    type: fc.constantFrom(
      "plain_text_input",
      "number_input",
      "static_select",
      "multi_static_select",
      "radio_buttons",
      "datepicker",
      "checkboxes",
      "junk",
    ),
    value: fc.option(junk),
    selected_option: fc.option(fc.record({ value: junk })),
    selected_options: fc.array(fc.record({ value: junk }), { maxLength: 3 }),
    selected_date: fc.option(junk),
  },
  { requiredKeys: ["type"] },
);
const metadata = fc.oneof(
  { arbitrary: text, weight: 2 },
  { arbitrary: junk.map((v) => JSON.stringify(v)), weight: 2 },
  {
    arbitrary: fc
      .record(
        { channelId: fc.oneof(junk, fc.constantFrom(CHANNEL, "")), threadTs: junk, parentId: junk, responseUrl: junk },
        { requiredKeys: [] },
      )
      .map((m) => JSON.stringify(m)),
    weight: 2,
  },
  { arbitrary: fc.constant(JSON.stringify({ channelId: CHANNEL })), weight: 2 }, // readable: then the answers must be refused
);
const hostileSubmission: fc.Arbitrary<Build> = fc
  .record({
    user: userId,
    privateMetadata: metadata,
    values: fc.dictionary(
      fc.oneof(fc.constantFrom(...BLOCK_IDS), key),
      fc.dictionary(fc.oneof(fc.constant(ACTION.field), key), stateValue, { maxKeys: 2 }),
      {
        maxKeys: 8,
      },
    ),
    viewId: fc.oneof(fc.constant("VHOSTILE"), text),
    blocks: junk,
  })
  .map((s) => () => {
    // Never a readable set of answers: the task is always one the questionnaire does not offer.
    const values = { ...s.values, task: { [ACTION.field]: { type: "static_select", selected_option: { value: "not-a-task" } } } };
    const payload = {
      type: "view_submission",
      ...envelope(s.user),
      trigger_id: h.emulator.issueTriggerId({ userId: REQUESTER }),
      view: {
        id: s.viewId,
        type: "modal",
        callback_id: VIEW.questionnaire,
        private_metadata: s.privateMetadata,
        blocks: s.blocks,
        state: { values },
        hash: "x",
      },
      response_urls: [],
    };
    return {
      label: `questionnaire submission, metadata ${excerpt(s.privateMetadata.slice(0, 60))}`,
      body: payloadBody(payload),
      contentType: FORM,
      allowed: [200],
      expectErrors: true,
    };
  });

// (a3) Clicks on the app's own buttons (model notices) carrying garbage values, channels and messages: acked, and
// nothing stored or posted (re_evaluate answers through response_url; the emulator records that separately).
const hostileAction: fc.Arbitrary<Build> = fc
  .record({
    actionId: fc.constantFrom(ACTION.reEvaluate, ACTION.ignoreVersion, ACTION.snoozeVersion),
    user: userId,
    value: fc.oneof(
      { arbitrary: text, weight: 3 },
      { arbitrary: notAString, weight: 1 },
      { arbitrary: junk.map((v) => JSON.stringify(v)), weight: 2 },
      // Well-formed values for decisions that do not exist, or with no models.
      {
        arbitrary: fc
          .record({ decisionId: fc.oneof(fc.integer({ min: 1_000_000 }), junk), models: fc.oneof(fc.array(text, { maxLength: 2 }), junk) })
          .map((v) => JSON.stringify(v)),
        weight: 2,
      },
    ),
    channel: fc.option(fc.record({ id: fc.oneof(fc.constant("CNOBOT"), text), name: text })),
    message: fc.option(fc.record({ ts: fc.oneof(fc.constant("1.000001"), text), text: junk, blocks: junk }, { requiredKeys: [] })),
    trigger: triggerId,
    url: fc.option(responseUrl),
    blockId: text,
    container: junk,
  })
  .map((a) => () => {
    const payload = {
      type: "block_actions",
      ...envelope(a.user),
      container: a.container,
      trigger_id: resolveTrigger(a.trigger),
      ...(a.channel ? { channel: a.channel } : {}),
      ...(a.message ? { message: a.message } : {}),
      ...(a.url !== null ? { response_url: resolveResponseUrl(a.url) } : {}),
      state: { values: {} },
      actions: [{ type: "button", action_id: a.actionId, block_id: a.blockId, value: a.value, action_ts: "1.2" }],
    };
    return {
      label: `${a.actionId} click, value ${excerpt(String(JSON.stringify(a.value)).slice(0, 60))}`,
      body: payloadBody(payload),
      contentType: FORM,
      allowed: [200],
    };
  });

// (a3') The message shortcut on garbage messages.
const hostileShortcut: fc.Arbitrary<Build> = fc
  .record({ user: userId, message: junk, channel: fc.option(fc.record({ id: text, name: text })), trigger: triggerId, url: responseUrl })
  .map((s) => () => {
    const payload = {
      type: "message_action",
      ...envelope(s.user),
      callback_id: SHORTCUT.reviewInThread,
      trigger_id: resolveTrigger(s.trigger),
      action_ts: "1.2",
      ...(s.channel ? { channel: s.channel } : {}),
      message_ts: "1.000001",
      message: s.message,
      response_url: resolveResponseUrl(s.url),
    };
    return { label: "message shortcut on garbage", body: payloadBody(payload), contentType: FORM, allowed: [200] };
  });

// (a4) Events API deliveries: reactions on messages that are not verdicts, on the verdict but not a review reaction,
// with missing or mistyped fields; event types the app does not handle; app_home_opened / member_joined_channel with
// garbage. Each is answered once its listener returned, having written nothing (the readers reject what is mistyped): 200.
const APPROVE_OR_REJECT = ["white_check_mark", "x"];
const isReviewReaction = (name: unknown) => typeof name === "string" && APPROVE_OR_REJECT.includes(name.split("::")[0] ?? "");
const reactionName = fc.oneof(
  fc.constantFrom(
    "white_check_mark",
    "white_check_mark::skin-tone-3",
    "x",
    "+1",
    "tada",
    "heavy_check_mark",
    "WHITE_CHECK_MARK",
    "white_check_mark::",
    "::white_check_mark",
  ),
  text,
);

type Target = "chatter" | "reasons" | "verdict-elsewhere" | "nowhere" | "verdict";
const reactionEvent = fc
  .record(
    {
      type: fc.constantFrom("reaction_added", "reaction_removed"),
      user: fc.oneof({ arbitrary: realUser, weight: 3 }, { arbitrary: junk, weight: 1 }),
      reaction: fc.oneof({ arbitrary: reactionName, weight: 4 }, { arbitrary: notAString, weight: 1 }),
      itemType: fc.oneof(
        { arbitrary: fc.constant("message"), weight: 4 },
        { arbitrary: fc.constantFrom("file", "file_comment"), weight: 1 },
        { arbitrary: junk, weight: 1 },
      ),
      target: fc.constantFrom<Target>("chatter", "reasons", "verdict-elsewhere", "nowhere", "verdict"),
      nowhereTs: junk,
      itemUser: junk,
      dropped: fc.subarray(["user", "reaction", "item_user", "event_ts", "item.type", "item.channel", "item.ts"]),
    },
    { requiredKeys: ["type", "user", "reaction", "itemType", "target", "dropped"] },
  )
  // On the verdict itself, a review reaction with all its fields is a valid request (an approval, a reject, or the
  // requester's own approval, which is claimed and answered): only broken ones, without the reaction, the item's
  // channel or ts, or with an item that is not a message. (A missing or mistyped user there is acted on today: see the
  // known gaps at the end.)
  .filter(
    (r) =>
      r.target !== "verdict" ||
      !isReviewReaction(r.reaction) ||
      r.itemType !== "message" ||
      ["reaction", "item.type", "item.channel", "item.ts"].some((f) => r.dropped.includes(f)),
  )
  .map((r) => () => {
    const where: Record<Target, { channel: unknown; ts: unknown }> = {
      chatter: { channel: CHANNEL, ts: chatter.ts },
      reasons: { channel: CHANNEL, ts: verdict.replyTs },
      "verdict-elsewhere": { channel: "CNOBOT", ts: verdict.messageTs },
      nowhere: { channel: CHANNEL, ts: r.nowhereTs ?? "1.000001" },
      verdict: { channel: CHANNEL, ts: verdict.messageTs },
    };
    const item: Record<string, unknown> = { type: r.itemType, ...where[r.target] };
    const event: Record<string, unknown> = {
      type: r.type,
      user: r.user,
      reaction: r.reaction,
      item_user: r.itemUser,
      item,
      event_ts: "1.2",
    };
    for (const path of r.dropped) {
      if (path.startsWith("item.")) delete item[path.slice(5)];
      else delete event[path];
    }
    return event;
  });
const otherEvent = fc.oneof(
  fc.record({
    type: fc.constantFrom("message", "app_mention", "team_join", "channel_created", "reaction_added_v2", "emoji_changed"),
    text,
    user: junk,
    channel: junk,
  }),
  fc.record({
    type: fc.constant("app_home_opened"),
    user: fc.oneof(realUser, junk),
    channel: junk,
    tab: fc.oneof(fc.constantFrom("home", "messages"), junk),
    view: junk,
  }),
  fc.record({
    type: fc.constant("member_joined_channel"),
    user: fc.oneof(fc.constant("UBOT"), junk),
    channel: fc.oneof(fc.constantFrom(CHANNEL, "CNOBOT"), junk),
    channel_type: junk,
    team: junk,
  }),
  fc.record({ type: fc.oneof(text, notAString), user: junk, item: fc.dictionary(key, scalar, { maxKeys: 3 }) }, { requiredKeys: ["type"] }),
);
/**
 * Events whose shape Bolt's own routing code (helpers.getTypeAndConversation, App.buildSource) trips over before any
 * listener runs: `'channel' in event.item` with a non-object item, `event.user.id` with a null user, `'creator' in
 * event.channel` with a channel that is neither a string nor an object. Bolt answers those 500.
 */
function boltCannotRoute(event: unknown): boolean {
  if (event === null || typeof event !== "object") return true; // 'channel' in event
  const e = event as Record<string, unknown>;
  const isObject = (v: unknown) => v !== null && typeof v === "object";
  // getTypeAndConversation
  if ("channel" in e && e.channel === null) return true; // 'id' in event.channel
  if ("item" in e && !isObject(e.item)) return true; // 'channel' in event.item
  // buildSource, user id: a string or object user ends the search
  if ("user" in e && typeof e.user === "string") return false;
  if ("user" in e && typeof e.user === "object") return e.user === null; // event.user.id
  if ("channel" in e && typeof e.channel !== "string" && !isObject(e.channel)) return true; // 'creator' in event.channel
  if ("subteam" in e && e.subteam === null) return true; // event.subteam.created_by
  return false;
}

/**
 * Bolt keeps its Web API clients per team in a plain object (App.clients[teamId]): a team id that names an
 * Object.prototype member (`__proto__`, `constructor`, `toString`) finds no pool there and Bolt answers 500.
 */
const boltTrips = (teamId: string | undefined) => teamId !== undefined && teamId in Object.prototype;

const hostileEvent: fc.Arbitrary<Build> = fc
  .record({
    event: fc.oneof({ arbitrary: reactionEvent.map((b) => b()), weight: 3 }, { arbitrary: otherEvent, weight: 2 }),
    eventId: fc.oneof(fc.constant("fresh"), text, notAString),
    teamId: fc.oneof(fc.constant(TEAM), junk),
    envelopeType: fc.oneof(fc.constant("event_callback"), text),
    retry: fc.option(fc.constantFrom("1", "2", "3", "x", "-1")),
  })
  .map((e) => () => {
    const eventId = e.eventId === "fresh" ? `EvHOSTILE${payloadsSent}` : e.eventId;
    const body = {
      token: "verification-token",
      team_id: e.teamId,
      api_app_id: "A1",
      event: e.event,
      type: e.envelopeType,
      event_id: eventId,
      event_time: 1,
      authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    };
    const label = `event ${excerpt(JSON.stringify(e.event).slice(0, 80))}`;
    return {
      label,
      body: JSON.stringify(body),
      contentType: JSON_TYPE,
      allowed: boltCannotRoute(JSON.parse(JSON.stringify(body)).event) ? [500] : [200],
      ...(e.retry ? { headers: { "x-slack-retry-num": e.retry, "x-slack-retry-reason": "http_timeout" } } : {}),
    };
  });

// (a5) Bodies that are not what they say they are: 400 once the signature checks out.
const notJson = fc
  .oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom("", "{", "[", "{'a':1}", "undefined", "NaN", '{"a":1,}', "\u0000", "<xml/>", "payload=", '{"event":'),
    huge,
  )
  .filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  });
const malformed: fc.Arbitrary<Build> = fc.oneof(
  notJson.map((s) => () => ({ label: "JSON body that is not JSON", body: s, contentType: JSON_TYPE, allowed: [400] })),
  notJson.map((s) => () => ({ label: "payload= that is not JSON", body: formBody({ payload: s }), contentType: FORM, allowed: [400] })),
  // A form body declared as anything else is parsed as JSON by Bolt.
  fc.constantFrom("text/plain", "multipart/form-data", "application/x-www-form-urlencoded; charset=utf-8").map((ct) => () => ({
    label: `form body sent as ${ct}`,
    body: formBody({ command: COMMAND, text: "list", user_id: REQUESTER, channel_id: CHANNEL, team_id: TEAM }),
    contentType: ct,
    allowed: [400],
  })),
  // JSON `null`, bare or as the interactivity payload. Bolt 5.1.0 reads `body.ssl_check` off it unchecked.
  // It used to end the process (src/slack/http-receiver.ts); unsigned, it is refused like any other.
  fc.constantFrom(
    () => ({ label: "JSON body null", body: "null", contentType: JSON_TYPE, allowed: [400] }),
    () => ({ label: "payload=null", body: "payload=null", contentType: FORM, allowed: [400] }),
    () => ({ label: "JSON body null, unsigned", body: "null", contentType: JSON_TYPE, allowed: [401], sign: { unsigned: true } }),
    () => ({ label: "payload=null, wrong secret", body: "payload=null", contentType: FORM, allowed: [401], sign: { secret: "guess" } }),
    () => ({ label: "JSON body null with whitespace", body: " \n null\t", contentType: JSON_TYPE, allowed: [400] }),
    () => ({ label: "payload=null among other fields", body: "team_id=T1&payload=%20null%20&text=x", contentType: FORM, allowed: [400] }),
  ),
  // Slack's SSL check: answered 200 unsigned, with anything smuggled next to it dropped.
  fc
    .record({ smuggled: fc.constantFrom("payload", "command", "event", "null payload"), unsigned: fc.boolean() })
    .map(({ smuggled, unsigned }) => () => ({
      label: `ssl_check with a smuggled ${smuggled}`,
      body: formBody({
        ssl_check: "1",
        ...(smuggled === "null payload"
          ? { payload: "null" }
          : {
              [smuggled]:
                smuggled === "command"
                  ? COMMAND
                  : JSON.stringify({ type: "block_actions", actions: [{ action_id: ACTION.ignoreVersion }] }),
            }),
        text: "list",
        team_id: TEAM,
      }),
      contentType: FORM,
      allowed: [200],
      ...(unsigned ? { sign: { unsigned: true } } : {}),
    })),
  // url_verification echoes the challenge, whatever it is.
  junk.map((challenge) => () => ({
    label: "url_verification",
    body: JSON.stringify({ token: "t", challenge, type: "url_verification" }),
    contentType: JSON_TYPE,
    allowed: [200],
  })),
);

// (a6) Requests nothing in the app acknowledges, or whose envelope Bolt itself cannot route: 404 after Bolt's 3 s
// timer, or 500 from Bolt's routing code; a few are routed and acked (200) or refused as malformed (400).
const UNROUTED = [200, 400, 404, 500];
const unrouted: fc.Arbitrary<Build> = fc.oneof(
  // Form bodies with random fields (including, sometimes, Bolt's routing keys with string values).
  fc
    .dictionary(
      fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom("type", "event", "actions", "name", "command", "view")),
      text,
      { minKeys: 1, maxKeys: 5 },
    )
    .filter((f) => f.payload === undefined && f.ssl_check === undefined && f.command !== COMMAND)
    .map((f) => () => ({ label: "form with random fields", body: formBody(f), contentType: FORM, allowed: UNROUTED })),
  // payload= with random JSON (never null: that is a malformed body, above).
  junk
    .filter((v) => v !== null)
    .map((v) => () => ({ label: "payload= random JSON", body: payloadBody(v), contentType: FORM, allowed: UNROUTED })),
  // Payload types the app has no listener for, or wrong types for the type field.
  fc
    .record({
      type: fc.oneof(
        fc.constantFrom(
          "view_closed",
          "block_suggestion",
          "dialog_submission",
          "interactive_message",
          "shortcut",
          "workflow_step_edit",
          "view_submission",
          "block_actions",
        ),
        text,
        notAString,
      ),
      user: userId,
      extra: fc.dictionary(key, junk, { maxKeys: 3 }),
    })
    .map((p) => () => ({
      label: `payload type ${excerpt(String(JSON.stringify(p.type)).slice(0, 40))}`,
      body: payloadBody({ ...p.extra, type: p.type, ...envelope(p.user) }),
      contentType: FORM,
      allowed: UNROUTED,
    })),
  // Our payload types with callback / action ids the app does not have.
  fc
    .record({
      id: text.filter(
        (t) =>
          ![VIEW.questionnaire, SHORTCUT.reviewInThread, ACTION.reEvaluate, ACTION.ignoreVersion, ACTION.snoozeVersion].includes(
            t as never,
          ),
      ),
      user: userId,
      kind: fc.constantFrom("view", "action", "shortcut", "message_action"),
    })
    .map((u) => () => {
      const base = envelope(u.user);
      const payload =
        u.kind === "view"
          ? { type: "view_submission", ...base, view: { id: "V1", callback_id: u.id, private_metadata: "", state: { values: {} } } }
          : u.kind === "action"
            ? { type: "block_actions", ...base, actions: [{ action_id: u.id, block_id: "b", type: "button", value: "v" }] }
            : {
                type: u.kind,
                ...base,
                callback_id: u.id,
                trigger_id: "1.2.3",
                ...(u.kind === "message_action" ? { channel: { id: CHANNEL }, message: { ts: "1.2" } } : {}),
              };
      return {
        label: `unknown ${u.kind} id ${excerpt(u.id.slice(0, 40))}`,
        body: payloadBody(payload),
        contentType: FORM,
        allowed: UNROUTED,
      };
    }),
  // Other slash commands; and our command with repeated fields (arrays where Bolt's types say string).
  fc
    .record({
      command: fc.oneof(
        fc.constantFrom("/should-we-finetunes", "/SHOULD-WE-FINETUNE", "/should-we-finetune ", "should-we-finetune", ""),
        text,
      ),
      text,
    })
    .map((c) => () => ({
      label: `command ${excerpt(c.command.slice(0, 40))}`,
      body: formBody({ command: c.command, text: c.text, team_id: TEAM, user_id: REQUESTER, channel_id: CHANNEL, trigger_id: "1.2.3" }),
      contentType: FORM,
      allowed: UNROUTED,
    })),
  fc.subarray(["command", "text", "team_id", "channel_id", "user_id", "trigger_id"], { minLength: 1 }).map((twice) => () => {
    const fields: Record<string, string | string[]> = {
      command: COMMAND,
      text: "list",
      team_id: TEAM,
      channel_id: CHANNEL,
      user_id: REQUESTER,
      trigger_id: "1.2.3",
    };
    for (const k of twice) fields[k] = [String(fields[k]), "show 1"];
    return { label: `command with ${twice.join(", ")} repeated`, body: formBody(fields), contentType: FORM, allowed: UNROUTED };
  }),
  // Questionnaire submissions whose state is not shaped like Slack's at all (no state, values null or a list,
  // selected_options not a list, options that are null).
  fc
    .record({
      state: fc.oneof(
        fc.constant(undefined),
        junk.map((values) => ({ values })),
        fc
          .constantFrom(...BLOCK_IDS)
          .chain((id) => notAString.map((bad) => ({ values: { [id]: { [ACTION.field]: { type: "x", selected_options: bad } } } }))),
      ),
    })
    .map(({ state }) => () => ({
      label: `questionnaire with state ${excerpt(String(JSON.stringify(state)).slice(0, 60))}`,
      body: payloadBody({
        type: "view_submission",
        ...envelope(REQUESTER),
        view: {
          id: "VBAD",
          callback_id: VIEW.questionnaire,
          private_metadata: JSON.stringify({ channelId: CHANNEL }),
          ...(state === undefined ? {} : { state }),
        },
      }),
      contentType: FORM,
      allowed: UNROUTED,
    })),
  // Envelopes with wrong types where Bolt's routing reads: event / item / view / user / team / authorizations.
  fc
    .oneof(
      notAString.filter((v) => typeof v !== "object" || v === null).map((event) => ({ type: "event_callback", team_id: TEAM, event })),
      fc.constantFrom(null, 5, "x", true).map((item) => ({
        type: "event_callback",
        team_id: TEAM,
        event: { type: "reaction_added", user: ALICE, reaction: "white_check_mark", item },
      })),
      fc
        .constantFrom<unknown>([null], [5], "x", {})
        .map((authorizations) => ({ type: "event_callback", team_id: TEAM, authorizations, event: { type: "reaction_added" } })),
      fc.record({ team: junk, user: junk, view: junk }).map((p) => ({ type: "view_submission", ...p })),
      fc.record({ team: junk, user: junk, actions: junk }).map((p) => ({ type: "block_actions", ...p })),
    )
    .map((body) => () => ({
      label: `envelope ${excerpt(JSON.stringify(body).slice(0, 80))}`,
      body: JSON.stringify(body),
      contentType: JSON_TYPE,
      allowed: UNROUTED,
    })),
);

// (b) Forged requests: a valid request of each kind, then signed wrongly. Always 401, and nothing at all happens.
type Valid = () => { label: string; body: string; contentType: string };
const validRequests: Valid[] = [
  () => ({
    label: "slash command",
    body: formBody({
      command: COMMAND,
      text: "",
      team_id: TEAM,
      channel_id: CHANNEL,
      user_id: REQUESTER,
      trigger_id: h.emulator.issueTriggerId({ userId: REQUESTER }),
      response_url: h.emulator.issueResponseUrl({ channelId: CHANNEL }),
    }),
    contentType: FORM,
  }),
  () => ({
    label: "questionnaire submission with valid answers",
    body: payloadBody({
      type: "view_submission",
      ...envelope(REQUESTER),
      trigger_id: h.emulator.issueTriggerId({ userId: REQUESTER }),
      view: {
        ...questionnaire.view,
        state: { values: buildStateValues(questionnaire.view, fillFromAnswers(validAnswers({ title: "forged" }), questionnaire.view)) },
      },
      response_urls: [],
    }),
    contentType: FORM,
  }),
  () => ({
    label: "an approval on the verdict",
    body: JSON.stringify({
      type: "event_callback",
      team_id: TEAM,
      api_app_id: "A1",
      event_id: `EvFORGED${payloadsSent}`,
      event: {
        type: "reaction_added",
        user: ALICE,
        reaction: "white_check_mark",
        item: { type: "message", channel: CHANNEL, ts: verdict.messageTs },
      },
      authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    }),
    contentType: JSON_TYPE,
  }),
  () => ({
    label: "re_evaluate on the verdict's decision",
    body: payloadBody({
      type: "block_actions",
      ...envelope(ALICE!),
      trigger_id: h.emulator.issueTriggerId({ userId: ALICE! }),
      channel: { id: CHANNEL, name: "ml-decisions" },
      response_url: h.emulator.issueResponseUrl({ channelId: CHANNEL }),
      actions: [
        {
          type: "button",
          action_id: ACTION.reEvaluate,
          block_id: "b",
          value: JSON.stringify({ decisionId: verdict.id, models: ["gpt-5"] }),
        },
      ],
    }),
    contentType: FORM,
  }),
  () => ({
    label: "message shortcut",
    body: payloadBody({
      type: "message_action",
      ...envelope(ALICE!),
      callback_id: SHORTCUT.reviewInThread,
      trigger_id: h.emulator.issueTriggerId({ userId: ALICE! }),
      channel: { id: CHANNEL },
      message_ts: chatter.ts,
      message: { ts: chatter.ts, text: "lunch?" },
    }),
    contentType: FORM,
  }),
  () => ({
    label: "app_home_opened",
    body: JSON.stringify({
      type: "event_callback",
      team_id: TEAM,
      event_id: `EvFORGEDHOME${payloadsSent}`,
      event: { type: "app_home_opened", user: ALICE, channel: "DALICE", tab: "home" },
    }),
    contentType: JSON_TYPE,
  }),
  () => ({
    label: "url_verification",
    body: JSON.stringify({ token: "t", challenge: "forged-challenge", type: "url_verification" }),
    contentType: JSON_TYPE,
  }),
];

const now = () => Math.floor(Date.now() / 1000);
type Forgery = (body: string) => { how: string; sign: SignOptions; headers?: Record<string, string>; body?: string };
const forgery: fc.Arbitrary<Forgery> = fc.oneof(
  fc
    .string({ maxLength: 40 })
    .filter((s) => s !== SIGNING_SECRET)
    .map((secret) => () => ({ how: `signed with ${excerpt(secret)}`, sign: { secret } })),
  fc
    .constantFrom("TEST-SIGNING-SECRET", "test-signing-secret ", "test-signing-secre", "")
    .map((secret) => () => ({ how: `signed with near-miss ${excerpt(secret)}`, sign: { secret } })),
  // A request captured and replayed after Slack's five-minute window: the correct signature for an old timestamp.
  fc
    .integer({ min: 302, max: 1_000_000_000 })
    .map((age) => () => ({ how: `replayed ${age} s later`, sign: { timestampSec: now() - age } })),
  fc.constantFrom("unsigned", "timestamp only", "signature only").map((which) => (body: string) => {
    const ts = now();
    const signature = signSlackRequest(SIGNING_SECRET, ts, body);
    const headers: Record<string, string> | undefined =
      which === "timestamp only"
        ? { "x-slack-request-timestamp": String(ts) }
        : which === "signature only"
          ? { "x-slack-signature": signature }
          : undefined;
    return { how: which, sign: { unsigned: true }, ...(headers ? { headers } : {}) };
  }),
  fc
    .record({
      mangle: fc.constantFrom("flip", "truncate", "upper", "v1", "bare", "empty", "prefix-only", "extend", "random"),
      at: fc.nat(),
      random: fc.string({ maxLength: 70 }),
    })
    .map(({ mangle, at, random }) => (body: string) => {
      const ts = now();
      const good = signSlackRequest(SIGNING_SECRET, ts, body);
      const hex = good.slice(3);
      const i = at % hex.length;
      const flipped = hex.slice(0, i) + (hex[i] === "0" ? "1" : "0") + hex.slice(i + 1);
      const signature = {
        flip: `v0=${flipped}`,
        truncate: good.slice(0, 3 + (at % hex.length)),
        upper: `v0=${hex.toUpperCase()}`,
        v1: `v1=${hex}`,
        bare: hex,
        empty: "",
        "prefix-only": "v0=",
        extend: `${good}0`,
        random: random === good ? "x" : random,
      }[mangle];
      return { how: `signature ${mangle}`, sign: { timestampSec: ts, signature } };
    }),
  fc.constantFrom("ahead", "behind", "not a number", "").map((shift) => (body: string) => {
    const ts = now();
    const header = shift === "ahead" ? String(ts + 1) : shift === "behind" ? String(ts - 1) : shift;
    return {
      how: `timestamp header ${shift}`,
      sign: { unsigned: true },
      headers: { "x-slack-request-timestamp": header, "x-slack-signature": signSlackRequest(SIGNING_SECRET, ts, body) },
    };
  }),
  // Signed correctly, then the body changed on the way (another user, another decision, a byte appended).
  fc.constantFrom("append", "user", "truncate").map((how) => (body: string) => {
    const ts = now();
    const signature = signSlackRequest(SIGNING_SECRET, ts, body);
    const tampered =
      how === "append" ? `${body} ` : how === "truncate" ? body.slice(0, -1) : body.split(REQUESTER).join(BOB!).split(ALICE!).join(BOB!);
    return { how: `body tampered (${how})`, sign: { timestampSec: ts, signature }, body: tampered === body ? `${body}x` : tampered };
  }),
);

// ---------------------------------------------------------------------------------------------------------------------
// The properties

/** HOSTILE_SCALE=5 runs five times as many batches, for a longer hunt than CI's. */
const SCALE = Math.max(1, Number(process.env.HOSTILE_SCALE ?? 1) || 1);

/**
 * The same function, printed in fast-check's counterexamples as what it last built (the request sent) rather than as
 * its source text.
 */
function remembering<A extends unknown[], R extends { label?: string; how?: string; body?: string }>(
  fn: (...args: A) => R,
): (...args: A) => R {
  let last: R | undefined;
  const wrapped = (...args: A): R => (last = fn(...args));
  return Object.assign(wrapped, {
    [fc.toStringMethod]: () =>
      last ? `${last.label ?? last.how ?? "?"}${last.body === undefined ? "" : `: ${excerpt(last.body)}`}` : "(not sent)",
  });
}

/** Runs `numRuns` batches of `batch` (built at send time), checking the app after each. */
async function hostileBatches(name: string, arb: fc.Arbitrary<Build>, opts: { numRuns: number; minBatch: number; maxBatch: number }) {
  await fc.assert(
    fc.asyncProperty(fc.array(arb.map(remembering), { minLength: opts.minBatch, maxLength: opts.maxBatch }), async (builds) => {
      await sendBatch(builds.map((build) => build()));
      await assertUnharmed(name);
    }),
    { numRuns: opts.numRuns * SCALE, endOnFailure: true },
  );
}

describe("correctly signed but malformed or adversarial requests", () => {
  it(
    "our slash command with hostile text and fields: acked, nothing stored or posted",
    async () => {
      await hostileBatches("commands", hostileCommand, { numRuns: 40, minBatch: 4, maxBatch: 6 });
      // Dozens of those opened the questionnaire with the hostile text as its title, every one a view Slack accepts.
      expect(modalsChecked).toBeGreaterThan(10);
    },
    60_000 * SCALE,
  );

  it(
    "questionnaire submissions with garbage private_metadata or state: refused with field errors, nothing stored",
    async () => {
      await hostileBatches("submissions", hostileSubmission, { numRuns: 40, minBatch: 4, maxBatch: 6 });
    },
    60_000 * SCALE,
  );

  it(
    "clicks on re_evaluate / ignore_version / snooze_version and the message shortcut with garbage: acked, nothing stored",
    async () => {
      await hostileBatches("actions", fc.oneof({ arbitrary: hostileAction, weight: 3 }, { arbitrary: hostileShortcut, weight: 1 }), {
        numRuns: 40,
        minBatch: 4,
        maxBatch: 6,
      });
    },
    60_000 * SCALE,
  );

  it(
    "Events API deliveries: reactions on non-verdicts or with missing or mistyped fields, unknown events: acked, nothing stored",
    async () => {
      await hostileBatches("events", hostileEvent, { numRuns: 50, minBatch: 4, maxBatch: 6 });
    },
    60_000 * SCALE,
  );

  it(
    "bodies that are not what they claim to be: 400 (ssl_check and url_verification: 200), nothing stored",
    async () => {
      await hostileBatches("malformed", malformed, { numRuns: 20, minBatch: 3, maxBatch: 5 });
    },
    60_000 * SCALE,
  );

  it("a body over Bolt's 4 MB limit: 413", async () => {
    // Bolt answers from Content-Length without reading the body, then drops the connection: its own socket, so the
    // client does not reuse a connection the server is closing.
    const body = JSON.stringify({ type: "event_callback", event: { type: "x", text: "a".repeat(5 * 1024 * 1024) } });
    const headers = {
      "content-type": JSON_TYPE,
      "content-length": String(Buffer.byteLength(body)),
      ...signatureHeaders(SIGNING_SECRET, body),
    };
    payloadsSent += 1;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(endpoint(), { method: "POST", headers, agent: false, timeout: HUNG_AFTER_MS }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("timeout", () => req.destroy(new Error("hung")));
      req.on("error", reject);
      req.end(body);
    });
    expect(status).toBe(413);
    await assertUnharmed("oversized");
  });

  it(
    "requests nothing acks or Bolt cannot route: answered (404 after Bolt's 3 s timer, or 500), never hung, nothing stored",
    async () => {
      // Each batch waits out Bolt's 3 s unhandled-request timer once, so few, large batches.
      await hostileBatches("unrouted", unrouted, { numRuns: 2, minBatch: 60, maxBatch: 75 });
    },
    60_000 * SCALE,
  );
});

describe("forged requests", () => {
  it(
    "a wrong secret, a stale timestamp, missing headers, a mangled signature or a tampered body: always 401, no effect",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat({ max: validRequests.length - 1 }), forgery.map(remembering)), { minLength: 4, maxLength: 6 }),
          async (cases) => {
            const callsBefore = h.emulator.calls.length;
            const batch = cases.map(([which, forge]): Hostile => {
              const valid = validRequests[which]!();
              const f = forge(valid.body);
              return {
                label: `forged ${valid.label}: ${f.how}`,
                body: f.body ?? valid.body,
                contentType: valid.contentType,
                allowed: [401],
                sign: f.sign,
                ...(f.headers ? { headers: f.headers } : {}),
              };
            });
            const answers = await sendBatch(batch);
            // 401 with no body, and Slack's side heard nothing at all: no views opened, no response_url used.
            expect(answers.map((a) => a.body)).toEqual(batch.map(() => ""));
            await h.settled();
            expect(h.emulator.calls.slice(callsBefore)).toEqual([]);
            await assertUnharmed("forged");
          },
        ),
        { numRuns: 40 * SCALE, endOnFailure: true },
      );
    },
    60_000 * SCALE,
  );
});

describe("replayed requests", () => {
  it("a reaction delivered again byte for byte (and as a Slack retry) is counted once", async () => {
    const ts = now();
    const body = JSON.stringify({
      token: "verification-token",
      type: "event_callback",
      team_id: TEAM,
      api_app_id: "A1",
      event_id: "EvREPLAYED1",
      event_time: ts,
      event: {
        type: "reaction_added",
        user: ALICE,
        reaction: "white_check_mark",
        item_user: "UBOT",
        item: { type: "message", channel: CHANNEL, ts: verdict.messageTs },
        event_ts: "1.2",
      },
      authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    });
    const replay = (headers?: Record<string, string>): Hostile => ({
      label: "replayed approval",
      body,
      contentType: JSON_TYPE,
      allowed: [200],
      sign: { timestampSec: ts },
      ...(headers ? { headers } : {}),
    });
    await sendBatch([replay(), replay(), replay()]);
    await sendBatch([replay(), replay({ "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })]);
    await h.emulator.waitFor(
      () => JSON.stringify(h.emulator.message(CHANNEL, verdict.messageTs!)?.blocks).includes("1 so far"),
      3000,
      "one approval shown",
    );
    await h.settled();
    const after = snapshot();
    expect(after.reviews).toEqual([expect.objectContaining({ decision_id: verdict.id, reviewer_id: ALICE, kind: "approve" })]);
    expect((after.processed_events as { event_id: string }[]).filter((e) => e.event_id === "EvREPLAYED1")).toHaveLength(1);
    expect(h.decision(verdict.id)?.status).toBe("in-review");
    // One update of the verdict message at most per change; no reply for a mere count.
    expect(h.emulator.threadReplies(CHANNEL, verdict.messageTs!)).toHaveLength(1);
    expect(h.emulator.callsTo("chat.postMessage")).toHaveLength(postsBefore);
    rebaseline();
  });

  it("a questionnaire submission delivered again byte for byte is stored and posted once", async () => {
    const decisionsBefore = h.decisions().length;
    const answers = validAnswers({ title: "Submitted twice" });
    const last = await toLastStep(h, await openQuestionnaire(h), answers, REQUESTER);
    const ts = now();
    const body = payloadBody({
      type: "view_submission",
      ...envelope(REQUESTER),
      trigger_id: h.emulator.issueTriggerId({ userId: REQUESTER }),
      view: { ...last.view, state: { values: buildStateValues(last.view, fillFromAnswers(answers, last.view)) } },
      response_urls: [],
    });
    const replay: Hostile = { label: "replayed submission", body, contentType: FORM, allowed: [200], sign: { timestampSec: ts } };
    await sendBatch([replay, replay]);
    await sendBatch([replay]);
    const stored = await h.emulator.waitFor(
      () => {
        const d = h.decisions().find((x) => x.title === "Submitted twice");
        return d?.replyTs ? d : undefined;
      },
      5000,
      "replayed submission posted",
    );
    await h.settled();
    await sendBatch([replay]);
    await h.settled();
    expect(h.decisions()).toHaveLength(decisionsBefore + 1);
    const posts = h.emulator.messagesIn(CHANNEL).filter((m) => (m.text ?? "").includes("Submitted twice"));
    expect(posts).toHaveLength(1);
    expect(h.emulator.threadReplies(CHANNEL, stored.messageTs!)).toHaveLength(1);
    rebaseline();
  });
});

describe("after all of it", () => {
  it("the app still serves a whole review, and the real decision is approved once", async () => {
    await assertUnharmed("the end");
    await h.driver.sendReaction({
      userId: BOB!,
      reaction: "white_check_mark::skin-tone-2",
      channelId: CHANNEL,
      messageTs: verdict.messageTs!,
    });
    await h.emulator.waitFor(() => h.decision(verdict.id)?.status === "approved", 3000, "approved");
    await h.emulator.waitFor(
      () => JSON.stringify(h.emulator.message(CHANNEL, verdict.messageTs!)?.blocks).includes("*Approved* by"),
      3000,
      "message updated",
    );
    await h.settled();
    const replies = h.emulator.threadReplies(CHANNEL, verdict.messageTs!);
    expect(replies.filter((m) => (m.text ?? "").includes("is approved by"))).toHaveLength(1);
    expect(payloadsSent).toBeGreaterThanOrEqual(1000);
  });

  it("a decision whose title and models are Slack's mention syntax is stored as typed and posted inert", async () => {
    const mark = h.emulator.calls.length;
    const title = "<!channel> <!here|here> <!everyone> <!subteam^S0123|@ml> <#CEVIL0001> <https://evil.example|docs> \u202e";
    const { decision } = await runReview(h, validAnswers({ title, baseModel: "<!here>-model", candidateModel: "<!channel>" }));
    expect(h.decision(decision.id)?.title).toBe(title);
    await h.driver.sendReaction({ userId: ALICE!, reaction: "x", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "changes-requested", 10_000, "changes requested");
    await h.settled();
    await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: "list" });
    await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: `show ${decision.number}` });
    await h.driver.sendAppHomeOpened(REQUESTER);
    await h.emulator.waitForCall("views.publish", (c) => h.emulator.calls.indexOf(c) >= mark && c.args.user_id === REQUESTER, 3000);
    // Everything Slack would parse as mrkdwn since: top-level texts, mrkdwn text objects, command replies.
    const mrkdwn: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o.type === "mrkdwn" && typeof o.text === "string") mrkdwn.push(o.text);
        Object.values(o).forEach(walk);
      }
    };
    for (const call of h.emulator.calls.slice(mark)) {
      if (typeof call.args.text === "string") mrkdwn.push(call.args.text);
      walk(call.args);
    }
    expect(mrkdwn.join("\n")).toContain("&lt;!channel&gt;");
    // The app's own tokens (a date, the decision's channel) may be there; nothing the user typed is.
    for (const t of mrkdwn) expect(t).not.toMatch(/<!(?!date\^\d+\^\{date_[a-z_]+\}(?: at \{time\})?\|[\w :-]+>)|<#CEVIL|<https:\/\/evil/);
    expect(mrkdwn.join("\n")).toContain("<!date^");
  });
});

// Found by this file: the app trusted the types of the ids in a signed payload. Slack never sends these, but a
// mistyped payload must write nothing; the readers now check ids at the edge.
describe("mistyped ids in otherwise valid payloads write nothing", () => {
  it("a reaction whose user is not a user id is not counted", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Mistyped reviewers" }));
    for (const user of [5, ""]) {
      const res = await h.driver.sendEvent({
        type: "reaction_added",
        user,
        reaction: "white_check_mark",
        item: { type: "message", channel: CHANNEL, ts: decision.messageTs },
      });
      expect(res.status).toBe(200);
    }
    await h.settled();
    expect(snapshot().reviews).not.toContainEqual(expect.objectContaining({ decision_id: decision.id }));
    expect(h.decision(decision.id)?.status).toBe("in-review");
  });

  it("a reaction_removed without a user writes nothing", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Reviewer-less removal" }));
    const before = snapshot().processed_events;
    const res = await h.driver.sendEvent(
      { type: "reaction_removed", reaction: "white_check_mark", item: { type: "message", channel: CHANNEL, ts: decision.messageTs } },
      { eventId: "EvNOUSER" },
    );
    expect(res.status).toBe(200);
    await h.settled();
    expect(snapshot().processed_events).toEqual(before);
  });

  it("a submission whose user id is not a user id stores nothing", async () => {
    const before = h.decisions().length;
    const view = await openQuestionnaire(h);
    const payload = {
      type: "view_submission",
      ...envelope(REQUESTER),
      user: { id: 5, team_id: TEAM },
      view: {
        ...view.view,
        state: { values: buildStateValues(view.view, fillFromAnswers(validAnswers({ title: "Mistyped requester" }), view.view)) },
      },
    };
    await sendBatch([{ label: "submission by user 5", body: payloadBody(payload), contentType: FORM, allowed: [200] }]);
    await h.settled();
    expect(h.decisions()).toHaveLength(before);
  });
});
