// The emulated workspace: channels, users, messages, views, trigger ids and
// response_urls. Method handlers read and change it; it knows nothing of HTTP.
import { randomBytes, randomInt } from "node:crypto";
import type { Json } from "./block-kit-checks.js";
import { WorkflowRuns } from "./workflow-runs.js";

export interface EmulatorIdentity {
  botToken: string;
  botUserId: string;
  botId: string;
  botName: string;
  teamId: string;
  /** Set for a workspace of an Enterprise Grid organization. */
  enterpriseId?: string | undefined;
  teamDomain: string;
  appId: string;
  /** How long an issued trigger_id stays usable (Slack: 3 s). */
  triggerTtlMs: number;
  /** Models the `chat:write.public` scope: post to public channels without joining. */
  chatWritePublic: boolean;
}

export interface Channel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isIm: boolean;
  members: string[];
}

export interface User {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
  /** A workspace admin or owner (users.info's is_admin / is_owner). */
  isAdmin?: boolean;
  isOwner?: boolean;
}

export interface Reaction {
  name: string;
  users: string[];
}

export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  /** Author user id (the bot's user id for everything the app posts). */
  user: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  metadata?: unknown;
  reactions: Reaction[];
  edited?: { user: string; ts: string };
  replyBroadcast?: boolean;
  /** Set on ephemeral messages: the only user who sees it. */
  visibleTo?: string;
  /** How it got there: a Web API method, `response_url`, or `seed` (added by a test). */
  via: string;
}

export interface StoredView {
  id: string;
  type: "modal" | "home";
  hash: string;
  userId?: string;
  rootViewId: string;
  previousViewId: string | null;
  externalId?: string;
  open: boolean;
  /** The view as Slack echoes it back (ids, hash, defaults, `state.values`). */
  view: Json;
}

export interface Trigger {
  id: string;
  issuedAt: number;
  used: boolean;
  userId?: string;
  /** The view the interaction came from (lets views.push find its stack). */
  viewId?: string;
}

export interface ResponseUrl {
  id: string;
  url: string;
  issuedAt: number;
  uses: number;
  channelId?: string;
  userId?: string;
  /** The message the interaction came from (`replace_original`/`delete_original` act on it). */
  messageTs?: string;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const randomId = (prefix: string, length = 10): string => prefix + Array.from({ length }, () => ALNUM[randomInt(ALNUM.length)]).join("");

export class SlackWorld {
  readonly channels = new Map<string, Channel>();
  readonly users = new Map<string, User>();
  readonly userGroups = new Map<string, string[]>();
  messages: StoredMessage[] = [];
  ephemerals: StoredMessage[] = [];
  views = new Map<string, StoredView>();
  triggers = new Map<string, Trigger>();
  responseUrls = new Map<string, ResponseUrl>();
  /** What the app offered in each external select (`viewId blockId actionId`): the only options a user can pick. */
  offeredOptions = new Map<string, Json[]>();
  /** Custom steps declared by the app's manifest, and their runs. */
  readonly workflows = new WorkflowRuns();
  private lastMicros: number;

  /** `clockStartSec` fixes the clock (ts from that second on); without it, ts follow the real clock, as Slack's do. */
  constructor(
    readonly identity: EmulatorIdentity,
    private readonly clockStartSec: number | undefined,
  ) {
    this.lastMicros = (clockStartSec ?? 0) * 1_000_000;
    this.addBotUser();
  }

  /** Forget traffic (messages, views, triggers, response_urls); `everything` also forgets the directory. */
  clear(everything: boolean): void {
    this.messages = [];
    this.ephemerals = [];
    this.views = new Map();
    this.triggers = new Map();
    this.responseUrls = new Map();
    this.offeredOptions = new Map();
    this.workflows.clear();
    if (!everything) return;
    this.channels.clear();
    this.users.clear();
    this.userGroups.clear();
    this.addBotUser();
  }

  /** Monotonic unique message ts in Slack's `seconds.micros` format: now (or the fixed clock), at least 100 µs apart. */
  nextTs(): string {
    const wall = this.clockStartSec === undefined ? Date.now() * 1000 : 0;
    this.lastMicros = Math.max(this.lastMicros + 100, wall);
    const sec = Math.floor(this.lastMicros / 1_000_000);
    return `${sec}.${String(this.lastMicros % 1_000_000).padStart(6, "0")}`;
  }

  /** Accepts a channel id, `#name`/`name`, or a user id (opens the bot's DM with that user). */
  resolveChannel(ref: unknown): Channel | undefined {
    if (typeof ref !== "string" || ref === "") return undefined;
    const byId = this.channels.get(ref);
    if (byId) return byId;
    if (this.users.has(ref) && ref !== this.identity.botUserId) return this.openIm(ref);
    const name = ref.replace(/^#/, "");
    return [...this.channels.values()].find((c) => c.name === name);
  }

  openIm(userId: string): Channel {
    const id = `D${userId}`;
    const existing = this.channels.get(id);
    if (existing) return existing;
    const channel: Channel = {
      id,
      name: id,
      isPrivate: true,
      isArchived: false,
      isIm: true,
      members: [userId, this.identity.botUserId],
    };
    this.channels.set(id, channel);
    return channel;
  }

  botIsMember(channel: Channel): boolean {
    return channel.members.includes(this.identity.botUserId);
  }

  findMessage(channelId: string, ts: unknown): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channelId && m.ts === ts);
  }

  issueTrigger(opts: { userId?: string; viewId?: string } = {}): Trigger {
    let id: string;
    do {
      id = `${randomInt(1_000_000, 10_000_000)}.${randomInt(1_000_000, 10_000_000)}.${randomBytes(5).toString("hex")}`;
    } while (this.triggers.has(id));
    const trigger: Trigger = { id, issuedAt: Date.now(), used: false, ...opts };
    this.triggers.set(id, trigger);
    return trigger;
  }

  /** Uses up a trigger id, or names the Slack error that refuses it. */
  consumeTrigger(id: unknown): Trigger | "invalid_trigger_id" | "exchanged_trigger_id" | "expired_trigger_id" {
    const trigger = typeof id === "string" ? this.triggers.get(id) : undefined;
    if (!trigger) return "invalid_trigger_id";
    if (trigger.used) return "exchanged_trigger_id";
    if (Date.now() - trigger.issuedAt > this.identity.triggerTtlMs) return "expired_trigger_id";
    trigger.used = true;
    return trigger;
  }

  issueResponseUrl(baseUrl: string, opts: { channelId?: string; userId?: string; messageTs?: string }): ResponseUrl {
    const id = randomBytes(12).toString("hex");
    const entry: ResponseUrl = { id, url: `${baseUrl}/response_url/${id}`, issuedAt: Date.now(), uses: 0, ...opts };
    this.responseUrls.set(id, entry);
    return entry;
  }

  createView(type: "modal" | "home", input: Json, place: { userId?: string; root?: StoredView }): StoredView {
    const id = randomId("V");
    const stored: StoredView = {
      id,
      type,
      hash: "",
      userId: place.userId,
      rootViewId: place.root?.rootViewId ?? id,
      previousViewId: place.root ? (this.topOfStack(place.root.rootViewId)?.id ?? null) : null,
      open: true,
      view: {},
    };
    this.views.set(id, stored);
    this.replaceView(stored, input);
    return stored;
  }

  /** Puts new content in a view, with a new hash, the way Slack echoes it back. */
  replaceView(stored: StoredView, input: Json): void {
    stored.hash = `${Math.floor(Date.now() / 1000)}.${randomId("", 8)}`;
    // An update that leaves external_id out keeps the one the view had.
    if (typeof input.external_id === "string" && input.external_id !== "") stored.externalId = input.external_id;
    const { identity } = this;
    stored.view = {
      id: stored.id,
      team_id: identity.teamId,
      type: stored.type,
      ...(stored.type === "modal" ? { title: input.title, close: input.close ?? null, submit: input.submit ?? null } : {}),
      blocks: input.blocks,
      private_metadata: input.private_metadata ?? "",
      callback_id: input.callback_id ?? "",
      state: { values: {} },
      hash: stored.hash,
      clear_on_close: input.clear_on_close ?? false,
      notify_on_close: input.notify_on_close ?? false,
      root_view_id: stored.rootViewId,
      previous_view_id: stored.previousViewId,
      app_id: identity.appId,
      external_id: stored.externalId ?? "",
      app_installed_team_id: identity.teamId,
      bot_id: identity.botId,
    };
  }

  findView(ref: { viewId?: unknown; externalId?: unknown }): StoredView | undefined {
    if (typeof ref.viewId === "string" && ref.viewId !== "") return this.views.get(ref.viewId);
    if (typeof ref.externalId !== "string" || ref.externalId === "") return undefined;
    return [...this.views.values()].find((v) => v.externalId === ref.externalId && v.open);
  }

  openStack(rootViewId: string): StoredView[] {
    return [...this.views.values()].filter((v) => v.rootViewId === rootViewId && v.open && v.type === "modal");
  }

  topOfStack(rootViewId: string): StoredView | undefined {
    return this.openStack(rootViewId).at(-1);
  }

  closeStack(rootViewId: string): void {
    for (const v of this.openStack(rootViewId)) v.open = false;
  }

  homeViewOf(userId: string): StoredView | undefined {
    return [...this.views.values()].find((v) => v.type === "home" && v.userId === userId);
  }

  private addBotUser(): void {
    const { botUserId, botName } = this.identity;
    this.users.set(botUserId, { id: botUserId, name: botName, realName: botName, isBot: true });
  }
}
