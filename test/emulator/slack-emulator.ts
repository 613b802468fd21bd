// An in-process stand-in for Slack's Web API on 127.0.0.1. Point Bolt at it with
// `clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } }`.
// It keeps a small workspace (channels, users, messages, views), enforces the
// Block Kit limits of SLACK-NOTES §1, answers with Slack's error names, and
// records every call.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { applyCommandAck, applyViewSubmissionAck } from "./ack-effects.js";
import type { Json } from "./block-kit-checks.js";
import { CHAT_METHODS } from "./chat-methods.js";
import { DIRECTORY_METHODS } from "./directory-methods.js";
import { type Channel, type EmulatorIdentity, SlackWorld, type StoredMessage, type StoredView, type User } from "./emulator-world.js";
import { HISTORY_METHODS } from "./history-methods.js";
import { fail, type MethodHandler, type SlackResponse } from "./method-context.js";
import { OAuthDesk } from "./oauth-methods.js";
import { renderMessages } from "./render-messages.js";
import { parseApiArgs, parseJson } from "./request-body.js";
import { postToResponseUrl } from "./response-url.js";
import { SocketModeHub } from "./socket-mode.js";
import { VIEW_METHODS } from "./view-methods.js";
import { FUNCTION_METHODS, type FunctionDefinition, type WorkflowRun } from "./workflow-runs.js";

export type { Channel, StoredMessage, StoredView, User } from "./emulator-world.js";
export type { FunctionDefinition, WorkflowRun } from "./workflow-runs.js";

export interface EmulatorOptions extends Partial<EmulatorIdentity> {
  /** 0 (default) picks a free port. */
  port?: number;
  /** A fixed clock: the first message ts is `clockStartSec.000100`. Default: the real clock, as Slack's ts are. */
  clockStartSec?: number;
  /** The app-level token `apps.connections.open` accepts (Socket Mode). Default `xapp-test-token`. */
  appToken?: string;
}

/** One request the emulator answered. Pseudo-methods: `response_url`, `ack` (see SlackDriver), `socket:*` (socket-mode.ts). */
export interface RecordedCall {
  method: string;
  /** The workspace whose bot token made the call (none for calls without a known token). */
  team?: string;
  /** Parsed arguments (blocks/view JSON-parsed; form values otherwise strings); no token. */
  args: Json;
  /** performance.now() when the request arrived. */
  at: number;
  status: number;
  response: Json;
}

/**
 * How a call fails instead of running. `afterEffect`: the method runs first (Slack did the work) and only the answer
 * fails: a 5xx, a connection reset without an answer, or no answer at all (`hang`, until `releaseHung()` or stop).
 */
export type Fault =
  | { status: 429; retryAfterSec: number }
  | { status: 500 | 502 | 503; afterEffect?: boolean }
  | { error: string }
  | { reset: true; afterEffect?: boolean }
  | { hang: true; afterEffect?: boolean };

const METHODS: Record<string, MethodHandler> = {
  ...CHAT_METHODS,
  ...DIRECTORY_METHODS,
  ...HISTORY_METHODS,
  ...VIEW_METHODS,
  ...FUNCTION_METHODS,
};

/** How long Slack's trigger ids live; the bench holds the app to it. */
export const SLACK_TRIGGER_TTL_MS = 3000;

const DEFAULTS: EmulatorIdentity = {
  botToken: "xoxb-test-token",
  botUserId: "UBOT",
  botId: "BBOT",
  botName: "should-we-finetune",
  teamId: "T1",
  teamDomain: "emulated",
  appId: "A1",
  // Slack's trigger ids live 3 s. A test on a busy 2-core machine can take longer than that to open a view without the
  // app being at fault, so the emulator allows 30 s unless a test sets Slack's own (the bench measures speed).
  triggerTtlMs: 30_000,
  chatWritePublic: false,
};

type Probe<T> = () => T | undefined | null | false;

/** What the workspaces of one emulator share: the server, the record of calls, faults, and the installed teams. */
interface Shared {
  calls: RecordedCall[];
  faults: Map<string, Fault[]>;
  holds: Map<string, { arrive: () => void; released: Promise<void> }>;
  listeners: Set<() => void>;
  hung: Set<ServerResponse>;
  /** Every workspace by its bot token (the first one's too); a revoked token stays, answering `token_revoked`. */
  teams: Map<string, SlackEmulator>;
  revoked: Set<string>;
  oauth: OAuthDesk;
  clockStartSec: number | undefined;
}

export class SlackEmulator {
  readonly calls: RecordedCall[];
  /**
   * The least any `waitFor` waits before giving up: a wait ends as soon as its condition holds, so a long bound costs
   * nothing when all is well and keeps a busy machine from failing a test that asked for a few seconds.
   */
  minWaitMs = 30_000;
  /** Socket Mode: connections, envelopes and their acks (see socket-mode.ts). */
  readonly socket: SocketModeHub;
  private readonly world: SlackWorld;
  private readonly faults: Shared["faults"];
  private readonly holds: Shared["holds"];
  private readonly listeners: Shared["listeners"];
  private readonly hung: Shared["hung"];
  private latencyMs = 0;
  private answerDelayMs = 0;
  private lastViewId: string | undefined;

  private constructor(
    private readonly server: Server,
    readonly identity: EmulatorIdentity,
    private readonly shared: Shared,
    socket: ((self: SlackEmulator) => SocketModeHub) | SocketModeHub,
  ) {
    this.world = new SlackWorld(identity, shared.clockStartSec);
    this.calls = shared.calls;
    this.faults = shared.faults;
    this.holds = shared.holds;
    this.listeners = shared.listeners;
    this.hung = shared.hung;
    this.socket = typeof socket === "function" ? socket(this) : socket;
    shared.teams.set(identity.botToken, this);
  }

  static async start(opts: EmulatorOptions = {}): Promise<SlackEmulator> {
    const { port = 0, clockStartSec, appToken = "xapp-test-token", ...identity } = opts;
    const server = createServer();
    const shared: Shared = {
      calls: [],
      faults: new Map(),
      holds: new Map(),
      listeners: new Set(),
      hung: new Set(),
      teams: new Map(),
      revoked: new Set(),
      oauth: new OAuthDesk(),
      clockStartSec,
    };
    const emulator = new SlackEmulator(
      server,
      { ...DEFAULTS, ...identity },
      shared,
      (self) => new SocketModeHub(server, self, appToken, (call) => self.record(call)),
    );
    server.on("request", (req, res) => {
      emulator.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    return emulator;
  }

  async stop(): Promise<void> {
    this.releaseHung();
    await this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** `http://127.0.0.1:PORT` */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** For `clientOptions.slackApiUrl`: `http://127.0.0.1:PORT/api/`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  get botToken(): string {
    return this.identity.botToken;
  }
  get botUserId(): string {
    return this.identity.botUserId;
  }
  get botId(): string {
    return this.identity.botId;
  }
  get teamId(): string {
    return this.identity.teamId;
  }

  // ---- more workspaces (OAuth installs) ----

  /**
   * Another workspace on the same Slack: its own channels, users, messages and views, its own bot user and bot token.
   * A token only reaches its own workspace (another's channel is `channel_not_found`). The returned emulator is that
   * workspace's view of the same server (calls, faults and waits are shared); drive it with its own SlackDriver.
   */
  addTeam(team: Partial<EmulatorIdentity> & Pick<EmulatorIdentity, "teamId" | "botToken">): SlackEmulator {
    if (this.shared.teams.has(team.botToken)) throw new Error(`token ${team.botToken} belongs to another team already`);
    const identity: EmulatorIdentity = {
      ...this.identity,
      teamDomain: team.teamId.toLowerCase(),
      botUserId: `UBOT${team.teamId}`,
      botId: `BBOT${team.teamId}`,
      enterpriseId: undefined,
      ...team,
    };
    return new SlackEmulator(this.server, identity, this.shared, this.socket);
  }

  /** The client id and secret `oauth.v2.access` accepts (the app's Basic Information page). */
  setOAuthApp(app: { clientId: string; clientSecret: string }): void {
    this.shared.oauth.app = app;
  }

  /**
   * A person of this workspace presses Allow on Slack's authorize page: `authorizeUrl` is where the app's install page
   * sent them (client_id, scope, state), `redirectUrl` the app's redirect URL (the one in its settings, or the
   * `redirect_uri` of the link). Returns where Slack sends the browser: the redirect URL with a one-time code and the
   * state. `orgWide`: installed for the whole organization (the workspace must have an `enterpriseId`).
   */
  approveInstall(opts: { authorizeUrl: string; redirectUrl: string; userId: string; orgWide?: boolean }): string {
    const link = new URL(opts.authorizeUrl);
    const redirectUri = link.searchParams.get("redirect_uri") ?? opts.redirectUrl;
    const code = this.shared.oauth.issue({
      team: this,
      userId: opts.userId,
      clientId: link.searchParams.get("client_id") ?? "",
      scopes: (link.searchParams.get("scope") ?? "").split(",").filter(Boolean),
      redirectUri: link.searchParams.get("redirect_uri") ?? undefined,
      orgWide: opts.orgWide ?? false,
    });
    this.shared.revoked.delete(this.botToken);
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    const state = link.searchParams.get("state");
    if (state !== null) back.searchParams.set("state", state);
    return back.toString();
  }

  /** The workspace removed the app: its bot token answers `token_revoked` from now on (send `app_uninstalled` yourself). */
  revokeToken(): void {
    this.shared.revoked.add(this.botToken);
  }

  // ---- world setup ----

  /** Bot membership = `members` includes the bot user id. */
  addChannel(c: { id: string; name: string; isPrivate?: boolean; isArchived?: boolean; members?: string[] }): Channel {
    const channel: Channel = {
      id: c.id,
      name: c.name,
      isPrivate: c.isPrivate ?? false,
      isArchived: c.isArchived ?? false,
      isIm: false,
      members: [...(c.members ?? [])],
    };
    this.world.channels.set(c.id, channel);
    return channel;
  }

  addUser(u: { id: string; name: string; realName?: string; isBot?: boolean; isAdmin?: boolean; isOwner?: boolean }): User {
    const user: User = {
      id: u.id,
      name: u.name,
      realName: u.realName ?? u.name,
      isBot: u.isBot ?? false,
      isAdmin: u.isAdmin ?? false,
      isOwner: u.isOwner ?? false,
    };
    this.world.users.set(u.id, user);
    return user;
  }

  addUserGroup(id: string, userIds: string[]): void {
    this.world.userGroups.set(id, [...userIds]);
  }

  /** A message written by a person (or anyone), e.g. the one a message shortcut points at. */
  addMessage(m: { channel: string; user: string; text: string; threadTs?: string; blocks?: unknown[] }): StoredMessage {
    const message: StoredMessage = {
      channel: m.channel,
      ts: this.world.nextTs(),
      threadTs: m.threadTs,
      user: m.user,
      text: m.text,
      blocks: m.blocks,
      reactions: [],
      via: "seed",
    };
    this.world.messages.push(message);
    this.changed();
    return message;
  }

  /** Adds `userId`'s reaction to a message (what reactions.get will report). Returns false if absent. */
  addReaction(channel: string, ts: string, name: string, userId: string): boolean {
    const message = this.world.findMessage(channel, ts);
    if (!message) return false;
    let reaction = message.reactions.find((r) => r.name === name);
    if (!reaction) {
      reaction = { name, users: [] };
      message.reactions.push(reaction);
    }
    if (!reaction.users.includes(userId)) reaction.users.push(userId);
    this.changed();
    return true;
  }

  removeReaction(channel: string, ts: string, name: string, userId: string): boolean {
    const message = this.world.findMessage(channel, ts);
    const reaction = message?.reactions.find((r) => r.name === name);
    if (!message || !reaction?.users.includes(userId)) return false;
    reaction.users = reaction.users.filter((u) => u !== userId);
    message.reactions = message.reactions.filter((r) => r.users.length > 0);
    this.changed();
    return true;
  }

  /** The custom steps the app's manifest declares (its `functions`): what runs may start and what they must return. */
  declareFunctions(functions: Record<string, FunctionDefinition>): void {
    this.world.workflows.declare(functions);
  }

  /** Starts a run of a declared step, as a workflow reaching it would; deliver its event with `functionExecutedEvent`. */
  startWorkflowStep(callbackId: string, inputs: Json): WorkflowRun {
    const run = this.world.workflows.start(callbackId, inputs);
    this.changed();
    return run;
  }

  /** The `function_executed` event of a run (the same run delivered twice is the same event). */
  functionExecutedEvent(run: WorkflowRun): Json {
    return this.world.workflows.event(run, this.identity.appId);
  }

  /** The workflow stops waiting for a run (it timed out, or someone stopped it): completing it is refused from now on. */
  stopWorkflowRun(id: string): void {
    const run = this.world.workflows.runs.get(id);
    if (run?.state === "running") {
      run.state = "failed";
      run.error = "stopped by the workflow";
    }
    this.changed();
  }

  /** A run as it stands: running, completed with its outputs, or failed with its error. */
  workflowRun(id: string): WorkflowRun | undefined {
    return this.world.workflows.runs.get(id);
  }

  channel(id: string): Channel | undefined {
    return this.world.channels.get(id);
  }

  user(id: string): User | undefined {
    return this.world.users.get(id);
  }

  // ---- interaction plumbing (used by SlackDriver) ----

  /** A single-use trigger id (`1234567.8901234.abcdef0123`), valid for `triggerTtlMs`. */
  issueTriggerId(opts: { userId?: string; viewId?: string } = {}): string {
    return this.world.issueTrigger(opts).id;
  }

  setTriggerTtl(ms: number): void {
    this.identity.triggerTtlMs = ms;
  }

  /** A response_url on this emulator; POSTs to it are recorded as `response_url` calls. */
  issueResponseUrl(opts: { channelId?: string; userId?: string; messageTs?: string } = {}): string {
    return this.world.issueResponseUrl(this.url, opts).url;
  }

  /** Applies the app's HTTP ack body the way Slack would, recorded as an `ack` call. */
  applyAck(
    ack: { type: "command"; body: unknown; channelId: string; userId: string } | { type: "view_submission"; body: unknown; viewId: string },
  ): SlackResponse {
    const at = performance.now();
    const response =
      ack.type === "command" ? applyCommandAck(this.world, ack.body, ack) : applyViewSubmissionAck(this.world, ack.viewId, ack.body);
    if (ack.type === "view_submission" && response.ok && (response.view as Json | undefined)?.id) {
      this.lastViewId = (response.view as Json).id as string;
    }
    const args: Json = { type: ack.type, body: ack.body };
    this.record({ method: "ack", args, at, status: 200, response });
    return response;
  }

  /** Records what an options request offered for an external select (see SlackDriver.sendBlockSuggestion). */
  recordOffered(viewId: string, blockId: string, actionId: string, options: Json[], call: RecordedCall): void {
    const key = `${viewId} ${blockId} ${actionId}`;
    const known = this.world.offeredOptions.get(key) ?? [];
    this.world.offeredOptions.set(key, [...known.filter((o) => !options.some((n) => n.value === o.value)), ...options]);
    this.record(call);
  }

  /** Every option an options request offered for this external select, or undefined when none was asked for. */
  offered(viewId: string, blockId: string, actionId: string): Json[] | undefined {
    return this.world.offeredOptions.get(`${viewId} ${blockId} ${actionId}`);
  }

  /** The user closed a modal (or, with `wholeStack`, every view stacked with it). */
  closeView(viewId: string, opts: { wholeStack?: boolean } = {}): void {
    const view = this.world.views.get(viewId);
    if (!view) return;
    if (opts.wholeStack) this.world.closeStack(view.rootViewId);
    else view.open = false;
    this.changed();
  }

  // ---- reading what happened ----

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Channel history as conversations.history shows it: top-level messages and broadcast replies. */
  messagesIn(channel: string): StoredMessage[] {
    return this.world.messages.filter((m) => m.channel === channel && (m.threadTs === undefined || m.replyBroadcast));
  }

  threadReplies(channel: string, ts: string): StoredMessage[] {
    return this.world.messages.filter((m) => m.channel === channel && m.threadTs === ts);
  }

  ephemeralsIn(channel: string, userId?: string): StoredMessage[] {
    return this.world.ephemerals.filter((m) => m.channel === channel && (!userId || m.visibleTo === userId));
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.world.findMessage(channel, ts);
  }

  /** Every modal ever opened or pushed (closed ones have `open: false`), oldest first. */
  openedViews(): StoredView[] {
    return [...this.world.views.values()].filter((v) => v.type === "modal");
  }

  /** The view most recently opened, pushed, updated or published. */
  lastView(): StoredView | undefined {
    return this.lastViewId ? this.world.views.get(this.lastViewId) : undefined;
  }

  view(id: string): StoredView | undefined {
    return this.world.views.get(id);
  }

  homeView(userId: string): StoredView | undefined {
    return this.world.homeViewOf(userId);
  }

  /** Human-readable transcript of every message (all channels, or one). */
  render(channel?: string): string {
    return renderMessages(this.world, channel);
  }

  /**
   * Resolves with the first truthy value `probe` returns, re-checked after every call
   * or change (and every 25 ms); rejects after `timeoutMs` naming `label` and recent calls.
   */
  waitFor<T>(probe: Probe<T>, requestedMs = 10_000, label = "condition"): Promise<T> {
    const timeoutMs = Math.max(requestedMs, this.minWaitMs);
    return new Promise<T>((resolve, reject) => {
      let poll: NodeJS.Timeout | undefined;
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        this.listeners.delete(check);
        clearInterval(poll);
        clearTimeout(timer);
      };
      const check = (): void => {
        try {
          const value = probe();
          if (value === undefined || value === null || value === false) return;
          finish();
          resolve(value);
        } catch (err) {
          finish();
          reject(err);
        }
      };
      this.listeners.add(check);
      poll = setInterval(check, 25);
      timer = setTimeout(() => {
        finish();
        const recent = this.calls.slice(-8).map((c) => `${c.method} → ${c.response.ok === false ? String(c.response.error) : "ok"}`);
        const calls = recent.join(", ") || "none";
        reject(new Error(`SlackEmulator.waitFor: ${label} not met within ${timeoutMs} ms. Last calls: ${calls}`));
      }, timeoutMs);
      check();
    });
  }

  /** The first recorded call to `method` (matching `predicate`), waiting if needed. */
  waitForCall(method: string, predicate: (c: RecordedCall) => boolean = () => true, timeoutMs = 10_000): Promise<RecordedCall> {
    return this.waitFor(() => this.calls.find((c) => c.method === method && predicate(c)), timeoutMs, `a ${method} call`);
  }

  waitForMessage(channel: string, predicate: (m: StoredMessage) => boolean = () => true, timeoutMs = 10_000): Promise<StoredMessage> {
    const find = (): StoredMessage | undefined => this.world.messages.find((m) => m.channel === channel && predicate(m));
    return this.waitFor(find, timeoutMs, `a message in ${channel}`);
  }

  // ---- faults and latency ----

  /** The next `times` calls to `method` (or `*` for any) fail this way instead of running. */
  failNext(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.faults.set(method, queue);
  }

  /**
   * The next call to `method` waits before it runs until `release()` is called: work the app has in flight, for as
   * long as a test needs. `arrived` resolves when that call comes in.
   */
  hold(method: string): { arrived: Promise<void>; release: () => void } {
    let arrive = () => {};
    let release = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.set(method, { arrive, released });
    return { arrived, release };
  }

  /** Drops the connections of calls left hanging by a `hang` fault. */
  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  /** Delay every answer by `ms` (Web API and response_url). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /**
   * Delay every answer by `ms` AFTER the method took effect: Slack did the work but the caller has not heard yet
   * (what a crash or a dropped connection at that moment looks like to the app).
   */
  setAnswerDelay(ms: number): void {
    this.answerDelayMs = ms;
  }

  /**
   * Forgets calls, messages, views, trigger ids, response_urls, faults and latency.
   * Channels (with their current members), users and groups stay unless `world: true`.
   */
  reset(opts: { world?: boolean } = {}): void {
    this.calls.length = 0;
    this.faults.clear();
    this.latencyMs = 0;
    this.answerDelayMs = 0;
    this.lastViewId = undefined;
    this.world.clear(opts.world ?? false);
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const raw = await readBody(req);
    const api = /^\/api\/([\w.]+)$/.exec(path);
    const responseUrl = /^\/response_url\/(\w+)$/.exec(path);
    if (req.method !== "POST" || (!api && !responseUrl)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not_found");
      return;
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const method = api?.[1] ?? "response_url";
    const hold = this.holds.get(method);
    if (hold) {
      this.holds.delete(method);
      hold.arrive();
      await hold.released;
    }
    const fault = this.takeFault(method);
    const parsed = api ? parseApiArgs(raw, req.headers["content-type"]) : parseJson(raw);
    const args: Json = { ...(typeof parsed === "object" && parsed !== null ? parsed : {}) };
    const token = bearer(req.headers.authorization) ?? (typeof args.token === "string" ? args.token : undefined);
    delete args.token;
    const run = (): { status: number; body: Json; headers?: Record<string, string> } => {
      if (responseUrl) return postToResponseUrl(this.worldWithResponseUrl(responseUrl[1] ?? ""), responseUrl[1] ?? "", parsed);
      if (parsed === undefined) return { status: 200, body: fail("invalid_json") };
      if (method === "oauth.v2.access") {
        return { status: 200, body: this.shared.oauth.exchange(args, req.headers.authorization) };
      }
      if (method === "apps.connections.open") {
        return { status: 200, body: this.socket.open(token, token === bearer(req.headers.authorization)) };
      }
      return { status: 200, body: this.runMethod(method, token, args) };
    };
    const effect = fault && !("afterEffect" in fault && fault.afterEffect) ? undefined : run();
    const team = token ? this.shared.teams.get(token)?.teamId : undefined;
    const by = team ? { team } : {};
    if (fault && ("reset" in fault || "hang" in fault)) {
      this.record({ method, ...by, args, at, status: 0, response: effect?.body ?? { ok: false, error: "no_answer" } });
      if ("reset" in fault) req.socket.destroy();
      else this.hung.add(res);
      return;
    }
    const answer = fault ? faultAnswer(fault) : effect!;
    this.record({ method, ...by, args, at, status: answer.status, response: answer.body });
    if (this.answerDelayMs > 0) await new Promise((r) => setTimeout(r, this.answerDelayMs));
    res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  private runMethod(method: string, token: string | undefined, args: Json): SlackResponse {
    if (method === "api.test") return { ok: true, args: {} };
    if (!token) return fail("not_authed");
    // A step's run token works while its run is going (Bolt hands it to the step's listener), in the first workspace.
    const team = this.shared.teams.get(token) ?? (this.world.workflows.acceptsToken(token) ? this : undefined);
    if (!team) return fail("invalid_auth");
    if (this.shared.revoked.has(token)) return fail("token_revoked");
    return team.runOwn(method, args);
  }

  /** A method called with this workspace's token, on this workspace. */
  private runOwn(method: string, args: Json): SlackResponse {
    const handler = METHODS[method];
    if (!handler) return fail("unknown_method", { req_method: method });
    const response = handler({ world: this.world, args });
    const view = response.view as Json | undefined;
    if (response.ok && method.startsWith("views.") && typeof view?.id === "string") this.lastViewId = view.id;
    return response;
  }

  /** The workspace that issued a response_url (each keeps its own). */
  private worldWithResponseUrl(id: string): SlackWorld {
    for (const team of this.shared.teams.values()) if (team.world.responseUrls.has(id)) return team.world;
    return this.world;
  }

  private takeFault(method: string): Fault | undefined {
    for (const key of [method, "*"]) {
      const queue = this.faults.get(key);
      if (queue && queue.length > 0) return queue.shift();
    }
    return undefined;
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    this.changed();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function faultAnswer(fault: Exclude<Fault, { reset: true } | { hang: true }>): {
  status: number;
  body: Json;
  headers?: Record<string, string>;
} {
  if ("error" in fault) return { status: 200, body: fail(fault.error) };
  if (fault.status === 429) {
    return { status: 429, body: fail("ratelimited"), headers: { "retry-after": String(fault.retryAfterSec) } };
  }
  return { status: fault.status, body: fail("internal_error") };
}

const bearer = (header: string | undefined): string | undefined => /^Bearer (.+)$/.exec(header ?? "")?.[1];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
