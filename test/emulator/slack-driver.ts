// Plays Slack's side toward the app: signed POSTs to `{appUrl}/slack/events` shaped
// like SLACK-NOTES §4 (commands as form fields, interactivity as `payload=<JSON>`,
// events as a JSON envelope). Trigger ids and response_urls come from the emulator,
// and what the app puts in its HTTP ack (command replies, view_submission
// `response_action`s) is applied to the emulator and recorded as an `ack` call.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { formatProblem, isObject, type Json } from "./block-kit-checks.js";
import { validateOptionsAnswer } from "./block-kit-limits.js";
import type { SlackResponse } from "./method-context.js";
import { type SignOptions, signatureHeaders } from "./sign-request.js";
import type { SlackEmulator, StoredMessage, StoredView, WorkflowRun } from "./slack-emulator.js";
import { toSlackMessage } from "./slack-message.js";
import { buildStateValues, elementState, type FillValue, type OfferedOptions, type StateValues, UnsubmittableError } from "./view-state.js";

export { type SignOptions, signSlackRequest } from "./sign-request.js";
export { buildStateValues, type FillValue, type OfferedOptions, type StateValues, UnsubmittableError } from "./view-state.js";

export interface DriverResponse {
  status: number;
  body: string;
  /** The body parsed, when it is JSON. */
  json?: unknown;
  /** What the emulator made of the ack body (commands and view submissions only). */
  ack?: SlackResponse;
  triggerId?: string;
  responseUrl?: string;
  eventId?: string;
}

export interface SuggestionResponse extends DriverResponse {
  /** Every option offered (option groups flattened); empty when Slack would have shown none. */
  options: Json[];
  /** Why Slack would have shown no options: a late or failed answer, or one breaking the limits. */
  refused?: string;
}

/** Slack waits this long for an options request's answer, then shows the menu empty. */
export const OPTIONS_DEADLINE_MS = 3000;
/** Slack's `min_query_length` when an external select sets none. */
const DEFAULT_MIN_QUERY_LENGTH = 3;

export interface DriverOptions {
  emulator: SlackEmulator;
  /** e.g. `http://127.0.0.1:3000` */
  appUrl: string;
  signingSecret: string;
  /** Default `/slack/events`. */
  path?: string;
  /**
   * Delivers interactivity payloads another way (Socket Mode): resolves with the ack's payload and, for a view
   * submission, what the emulator made of it. Commands and events still go over HTTP.
   */
  interactive?: (payload: Json) => Promise<{ json: unknown; applied?: SlackResponse | undefined }>;
  /**
   * Refuse an options answer that comes later than this, as Slack does after `OPTIONS_DEADLINE_MS`. Off by default: on
   * a busy machine a correct app can answer late, and a test must not depend on timing.
   */
  optionsDeadlineMs?: number;
}

type ViewRef = StoredView | Json;

export class SlackDriver {
  private readonly emulator: SlackEmulator;
  private readonly endpoint: string;
  /** Where the app listens, as given. */
  readonly appUrl: string;
  private readonly signingSecret: string;
  private readonly interactive: DriverOptions["interactive"];
  private readonly optionsDeadlineMs: number;

  constructor(opts: DriverOptions) {
    this.emulator = opts.emulator;
    this.appUrl = opts.appUrl;
    this.endpoint = `${opts.appUrl.replace(/\/$/, "")}${opts.path ?? "/slack/events"}`;
    this.signingSecret = opts.signingSecret;
    this.interactive = opts.interactive;
    this.optionsDeadlineMs = opts.optionsDeadlineMs ?? Number.POSITIVE_INFINITY;
  }

  /** A slash command; its `response_url` points at the emulator. A non-empty ack becomes a message. */
  async sendSlashCommand(opts: {
    command?: string;
    text?: string;
    userId: string;
    channelId: string;
    triggerId?: string;
    sign?: SignOptions;
  }): Promise<DriverResponse> {
    const { userId, channelId } = opts;
    const triggerId = opts.triggerId ?? this.emulator.issueTriggerId({ userId });
    const responseUrl = this.emulator.issueResponseUrl({ channelId, userId });
    const fields: Record<string, string> = {
      token: "verification-token",
      team_id: this.emulator.teamId,
      team_domain: this.emulator.identity.teamDomain,
      channel_id: channelId,
      channel_name: this.channelName(channelId),
      user_id: userId,
      user_name: this.emulator.user(userId)?.name ?? userId,
      command: opts.command ?? "/should-we-finetune",
      text: opts.text ?? "",
      api_app_id: this.emulator.identity.appId,
      ...(this.emulator.identity.enterpriseId ? { enterprise_id: this.emulator.identity.enterpriseId } : {}),
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const res = await this.post(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", opts.sign);
    const ackBody = res.json ?? res.body;
    if (res.status === 200 && ackBody !== "") {
      res.ack = this.emulator.applyAck({ type: "command", body: ackBody, channelId, userId });
    }
    return { ...res, triggerId, responseUrl };
  }

  /**
   * Submits a view like a user pressing Submit. `values` fills input blocks by block_id
   * (see buildStateValues); `stateValues` overrides the built state entirely. The ack's
   * `response_action` (or its absence, which closes the view) is applied to the emulator.
   */
  async sendViewSubmission(opts: {
    userId: string;
    view: ViewRef;
    values?: Record<string, FillValue>;
    stateValues?: StateValues;
    clientChecks?: boolean;
    triggerId?: string;
    sign?: SignOptions;
  }): Promise<DriverResponse> {
    const view = this.resolveView(opts.view);
    const viewId = String(view.id);
    const offered = opts.clientChecks === false ? undefined : this.offeredIn(viewId);
    const state = opts.stateValues ?? buildStateValues(view, opts.values ?? {}, { clientChecks: opts.clientChecks, offered });
    const triggerId = opts.triggerId ?? this.emulator.issueTriggerId({ userId: opts.userId, viewId });
    const payload = {
      type: "view_submission",
      ...this.common(opts.userId),
      trigger_id: triggerId,
      view: { ...view, state: { values: state } },
      response_urls: [],
    };
    const res = await this.postPayload(payload, opts.sign);
    if (res.status === 200 && !this.interactive) res.ack = this.emulator.applyAck({ type: "view_submission", viewId, body: res.json });
    return { ...res, triggerId };
  }

  /**
   * The user closed a modal (`cleared`: the whole stack, with the X). Closes it in the
   * emulator, and posts `view_closed` only if the view set `notify_on_close` (else resolves undefined).
   */
  async sendViewClosed(opts: {
    userId: string;
    view: ViewRef;
    cleared?: boolean;
    /** What the user had entered, sent in the view's state as Slack does. */
    values?: Record<string, FillValue>;
    sign?: SignOptions;
  }): Promise<DriverResponse | undefined> {
    const view = this.resolveView(opts.view);
    const state = buildStateValues(view, opts.values ?? {}, { clientChecks: false, offered: this.offeredIn(String(view.id)) });
    this.emulator.closeView(String(view.id), { wholeStack: opts.cleared ?? false });
    if (view.notify_on_close !== true) return undefined;
    const payload = {
      type: "view_closed",
      ...this.common(opts.userId),
      view: { ...view, state: { values: state } },
      is_cleared: opts.cleared ?? false,
    };
    return this.postPayload(payload, opts.sign);
  }

  /**
   * The user typed `value` into an external select of a view: Slack's options request (`block_suggestion`), sent only
   * once the query is `min_query_length` long (default 3). The answer is checked as Slack checks it (within 3 s, at
   * most 100 options, the option limits); what it offers is what the user can then pick. Recorded as a
   * `block_suggestion` call.
   */
  async sendBlockSuggestion(opts: {
    userId: string;
    view: ViewRef;
    blockId: string;
    actionId: string;
    value: string;
    values?: Record<string, FillValue>;
    sign?: SignOptions;
  }): Promise<SuggestionResponse> {
    const view = this.resolveView(opts.view);
    const viewId = String(view.id);
    const element = findElement(view.blocks, opts.blockId, opts.actionId);
    if (!element || (element.type !== "external_select" && element.type !== "multi_external_select")) {
      throw new UnsubmittableError(`no external select ${opts.blockId}/${opts.actionId} in the view; Slack would ask for no options`);
    }
    const minLength = typeof element.min_query_length === "number" ? element.min_query_length : DEFAULT_MIN_QUERY_LENGTH;
    if (opts.value.length < minLength) {
      throw new UnsubmittableError(`"${opts.value}" is shorter than min_query_length ${minLength}; Slack sends no options request yet`);
    }
    const payload = {
      type: "block_suggestion",
      ...this.common(opts.userId),
      container: { type: "view", view_id: viewId },
      view: {
        ...view,
        state: { values: buildStateValues(view, opts.values ?? {}, { clientChecks: false, offered: this.offeredIn(viewId) }) },
      },
      action_id: opts.actionId,
      block_id: opts.blockId,
      value: opts.value,
      action_ts: actionTs(),
    };
    const at = performance.now();
    const res = await this.postPayload(payload, opts.sign);
    const elapsed = performance.now() - at;
    const problems = res.status === 200 ? validateOptionsAnswer(res.json) : [];
    const refused =
      res.status !== 200
        ? `HTTP ${res.status}`
        : elapsed > this.optionsDeadlineMs
          ? `answered after ${Math.round(elapsed)} ms`
          : problems.length > 0
            ? problems.map(formatProblem).join("; ")
            : undefined;
    const body = isObject(res.json) ? res.json : {};
    const groups = Array.isArray(body.option_groups) ? body.option_groups.filter(isObject) : [];
    const options = refused
      ? []
      : [
          ...(Array.isArray(body.options) ? body.options : []),
          ...groups.flatMap((g) => (Array.isArray(g.options) ? g.options : [])),
        ].filter(isObject);
    this.emulator.recordOffered(viewId, opts.blockId, opts.actionId, options, {
      method: "block_suggestion",
      args: { view_id: viewId, block_id: opts.blockId, action_id: opts.actionId, value: opts.value },
      at,
      status: res.status,
      response: refused ? { ok: false, error: refused } : { ok: true, options: options.length },
    });
    return { ...res, options, ...(refused ? { refused } : {}) };
  }

  /**
   * A click (or selection) on an element of a message or view. With `message`/`messageTs`
   * or `view`, the element must exist there (its type, text and value are read from it);
   * `value` is the option value(s) for selects/checkboxes, or the text of an input. On a view,
   * the payload's state holds `values` (what else the user has entered) and the new value.
   */
  async sendBlockAction(opts: {
    userId: string;
    actionId: string;
    blockId: string;
    value?: FillValue;
    values?: Record<string, FillValue>;
    channelId?: string;
    message?: StoredMessage;
    messageTs?: string;
    view?: ViewRef;
    triggerId?: string;
    sign?: SignOptions;
  }): Promise<DriverResponse> {
    const { userId, channelId } = opts;
    const message = opts.message ?? (channelId && opts.messageTs ? this.findMessage(channelId, opts.messageTs) : undefined);
    const view = opts.view ? this.resolveView(opts.view) : undefined;
    const offered = view ? this.offeredIn(String(view.id)) : undefined;
    const action = buildAction(view ?? message, opts, offered);
    const triggerId = opts.triggerId ?? this.emulator.issueTriggerId({ userId, viewId: view ? String(view.id) : undefined });
    const msgChannel = message?.channel ?? channelId;
    const responseUrl = view ? undefined : this.emulator.issueResponseUrl({ channelId: msgChannel, userId, messageTs: message?.ts });
    const payload = {
      type: "block_actions",
      ...this.common(userId),
      container: view
        ? { type: "view", view_id: view.id }
        : {
            type: "message",
            // A forged action may name a message the emulator does not hold.
            message_ts: message?.ts ?? opts.messageTs,
            channel_id: msgChannel,
            is_ephemeral: message?.visibleTo !== undefined,
          },
      trigger_id: triggerId,
      ...(msgChannel ? { channel: { id: msgChannel, name: this.channelName(msgChannel) } } : {}),
      ...(message && !message.visibleTo ? { message: toSlackMessage(message, this.emulator.identity) } : {}),
      ...(view ? { view: { ...view, state: { values: viewStateWith(view, opts, offered) } } } : {}),
      state: { values: {} },
      ...(responseUrl ? { response_url: responseUrl } : {}),
      actions: [action],
    };
    const res = await this.postPayload(payload, opts.sign);
    return { ...res, triggerId, responseUrl };
  }

  /** A message shortcut on `messageTs`; uses the emulator's copy of the message when it has one. */
  async sendMessageShortcut(opts: {
    callbackId: string;
    userId: string;
    channelId: string;
    messageTs: string;
    threadTs?: string;
    text?: string;
    authorId?: string;
    triggerId?: string;
    sign?: SignOptions;
  }): Promise<DriverResponse> {
    const { userId, channelId, messageTs } = opts;
    const known = this.findMessage(channelId, messageTs);
    const message = known
      ? toSlackMessage(known, this.emulator.identity)
      : {
          type: "message",
          user: opts.authorId ?? userId,
          ts: messageTs,
          text: opts.text ?? "",
          ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
        };
    const triggerId = opts.triggerId ?? this.emulator.issueTriggerId({ userId });
    const responseUrl = this.emulator.issueResponseUrl({ channelId, userId });
    const payload = {
      type: "message_action",
      ...this.common(userId),
      callback_id: opts.callbackId,
      trigger_id: triggerId,
      action_ts: actionTs(),
      channel: { id: channelId, name: this.channelName(channelId) },
      message_ts: messageTs,
      message,
      response_url: responseUrl,
    };
    const res = await this.postPayload(payload, opts.sign);
    return { ...res, triggerId, responseUrl };
  }

  /** An Events API delivery (`event_callback` envelope); a retry repeats `eventId` with `retryNum`. */
  async sendEvent(
    event: Json,
    opts: { eventId?: string; retryNum?: number; retryReason?: string; sign?: SignOptions } = {},
  ): Promise<DriverResponse> {
    const eventId = opts.eventId ?? `Ev${randomBytes(5).toString("hex").toUpperCase()}`;
    const now = Math.floor(Date.now() / 1000);
    const { teamId, botUserId } = this.emulator;
    const enterpriseId = this.emulator.identity.enterpriseId ?? null;
    const envelope = {
      token: "verification-token",
      team_id: teamId,
      ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
      api_app_id: this.emulator.identity.appId,
      event: { event_ts: actionTs(), ...event },
      type: "event_callback",
      event_id: eventId,
      event_time: now,
      authorizations: [{ enterprise_id: enterpriseId, team_id: teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(8).toString("hex")}`,
    };
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) headers["x-slack-retry-num"] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers["x-slack-retry-reason"] = opts.retryReason;
    const res = await this.post(JSON.stringify(envelope), "application/json", opts.sign, headers);
    return { ...res, eventId };
  }

  /**
   * A run of a workflow step reaches the app: its `function_executed` event over the Events API. Send the same run
   * again (with its `eventId` and a `retryNum`) for Slack's redelivery.
   */
  async sendFunctionExecuted(
    run: WorkflowRun,
    opts: { eventId?: string; retryNum?: number; sign?: SignOptions } = {},
  ): Promise<DriverResponse> {
    return this.sendEvent(this.emulator.functionExecutedEvent(run), opts);
  }

  /** reaction_added / reaction_removed on a message, also applied to the emulator's reactions. */
  async sendReaction(opts: {
    userId: string;
    reaction: string;
    channelId: string;
    messageTs: string;
    removed?: boolean;
    eventId?: string;
    retryNum?: number;
  }): Promise<DriverResponse> {
    const { userId, reaction, channelId, messageTs } = opts;
    if (opts.removed) this.emulator.removeReaction(channelId, messageTs, reaction, userId);
    else this.emulator.addReaction(channelId, messageTs, reaction, userId);
    const author = this.findMessage(channelId, messageTs)?.user;
    const event = {
      type: opts.removed ? "reaction_removed" : "reaction_added",
      user: userId,
      reaction,
      ...(author ? { item_user: author } : {}),
      item: { type: "message", channel: channelId, ts: messageTs },
    };
    return this.sendEvent(event, { eventId: opts.eventId, retryNum: opts.retryNum });
  }

  async sendAppHomeOpened(userId: string): Promise<DriverResponse> {
    return this.sendEvent({ type: "app_home_opened", user: userId, channel: `D${userId}`, tab: "home" });
  }

  async sendUrlVerification(challenge: string): Promise<DriverResponse> {
    const body = JSON.stringify({ token: "verification-token", challenge, type: "url_verification" });
    return this.post(body, "application/json");
  }

  /** Any body, signed per `sign` (default: correctly), for hostile or malformed payloads. */
  async sendRaw(
    body: string,
    opts: { contentType?: string; sign?: SignOptions; headers?: Record<string, string> } = {},
  ): Promise<DriverResponse> {
    return this.post(body, opts.contentType ?? "application/x-www-form-urlencoded", opts.sign, opts.headers);
  }

  private async postPayload(payload: Json, sign?: SignOptions): Promise<DriverResponse> {
    if (this.interactive) {
      const answer = await this.interactive(payload);
      const body = answer.json === undefined ? "" : JSON.stringify(answer.json);
      return { status: 200, body, json: answer.json, ...(answer.applied ? { ack: answer.applied } : {}) };
    }
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, "application/x-www-form-urlencoded", sign);
  }

  private async post(body: string, contentType: string, sign?: SignOptions, extra: Record<string, string> = {}): Promise<DriverResponse> {
    const headers = { "content-type": contentType, ...signatureHeaders(this.signingSecret, body, sign), ...extra };
    const res = await fetch(this.endpoint, { method: "POST", headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, body: text, json };
  }

  private common(userId: string): Json {
    const { teamId, identity } = this.emulator;
    const name = this.emulator.user(userId)?.name ?? userId;
    return {
      team: { id: teamId, domain: identity.teamDomain },
      user: { id: userId, username: name, name, team_id: teamId },
      api_app_id: identity.appId,
      token: "verification-token",
      is_enterprise_install: false,
      enterprise: identity.enterpriseId ? { id: identity.enterpriseId, name: identity.enterpriseId.toLowerCase() } : null,
    };
  }

  private offeredIn(viewId: string): OfferedOptions {
    return (blockId, actionId) => this.emulator.offered(viewId, blockId, actionId);
  }

  private channelName(channelId: string): string {
    const channel = this.emulator.channel(channelId);
    if (channel) return channel.isIm ? "directmessage" : channel.name;
    return channelId.startsWith("D") ? "directmessage" : "privategroup";
  }

  private findMessage(channelId: string, ts: string): StoredMessage | undefined {
    return this.emulator.message(channelId, ts) ?? this.emulator.ephemeralsIn(channelId).find((m) => m.ts === ts);
  }

  /** The view JSON to submit; refuses a view the emulator knows is closed. */
  private resolveView(ref: ViewRef): Json {
    const stored = "rootViewId" in ref && isObject(ref.view) ? (ref as StoredView) : this.emulator.view(String(ref.id));
    if (stored && !stored.open && stored.type === "modal") {
      throw new UnsubmittableError(`view ${stored.id} is closed; the user can no longer interact with it`);
    }
    return stored ? stored.view : (ref as Json);
  }
}

const actionTs = (): string => (Date.now() / 1000).toFixed(6);

/** The view's state with the user's other entries and the value just chosen (for an input block's element). */
function viewStateWith(
  view: Json,
  opts: { blockId: string; value?: FillValue; values?: Record<string, FillValue> },
  offered: OfferedOptions | undefined,
) {
  const inputs = Array.isArray(view.blocks) ? view.blocks.filter(isObject).filter((b) => b.type === "input") : [];
  const own = opts.value !== undefined && inputs.some((b) => b.block_id === opts.blockId) ? { [opts.blockId]: opts.value } : {};
  return buildStateValues(view, { ...opts.values, ...own }, { clientChecks: false, offered });
}

/** The `actions[0]` entry Slack sends for the element at blockId/actionId. */
function buildAction(
  surface: { blocks?: unknown } | undefined,
  opts: { actionId: string; blockId: string; value?: FillValue },
  offered?: OfferedOptions,
): Json {
  const base = { action_id: opts.actionId, block_id: opts.blockId, action_ts: actionTs() };
  if (!surface) return { type: "button", ...base, value: opts.value ?? undefined };
  const element = findElement(surface.blocks, opts.blockId, opts.actionId);
  if (!element) {
    throw new UnsubmittableError(`no element ${opts.blockId}/${opts.actionId} in the message or view; a user could not click it`);
  }
  if (element.type === "button") {
    if (opts.value !== undefined && opts.value !== element.value) {
      throw new UnsubmittableError(`button ${opts.actionId} carries value ${String(element.value)}, not ${String(opts.value)}`);
    }
    return { type: "button", ...base, text: element.text, ...(element.value !== undefined ? { value: element.value } : {}) };
  }
  return { type: element.type, ...base, ...elementState(element, opts.value, opts.blockId, offered) };
}

function findElement(blocks: unknown, blockId: string, actionId: string): Json | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const block = blocks.filter(isObject).find((b) => b.block_id === blockId);
  if (!block) return undefined;
  const candidates = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory, block.element].filter(isObject);
  return candidates.find((e) => e.action_id === actionId);
}
