// Socket Mode for the emulator (SLACK-NOTES §9). `apps.connections.open`, called with
// the app-level token as a Bearer header, hands out a one-use
// `ws://127.0.0.1:PORT/link/?ticket=…` on the emulator's own HTTP server. A
// connection gets `hello`; `send` then delivers an envelope to the newest connection
// and resolves with the payload of the app's ack. Command and view_submission ack
// payloads are applied the way SlackDriver applies HTTP ack bodies (an `ack` call).
// Recorded calls: `socket:connect`, `socket:<envelope type>`, `socket:ack`,
// `socket:disconnect`, `socket:close`.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import { performance } from "node:perf_hooks";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { isObject, type Json } from "./block-kit-checks.js";
import { fail, type SlackResponse } from "./method-context.js";
import type { RecordedCall, SlackEmulator } from "./slack-emulator.js";

export type EnvelopeType = "events_api" | "slash_commands" | "interactive";

export interface SendOptions {
  /** Envelope `retry_attempt` (events_api deliveries carry 0 unless given). */
  retryAttempt?: number;
  retryReason?: string;
  /** Default: true for slash commands and view submissions, else false. */
  acceptsResponsePayload?: boolean;
  /** How long to wait for the ack. Default 3000 ms. */
  timeoutMs?: number;
}

export interface SocketAck {
  envelopeId: string;
  /** The ack's payload; undefined when absent or `{}` (a bare `ack()`). */
  payload: Json | undefined;
  /** What the emulator made of a command or view_submission ack (the `ack` call's response). */
  applied?: SlackResponse;
}

/** What the hub uses of its emulator. */
type SocketHost = Pick<SlackEmulator, "identity" | "url" | "applyAck" | "waitFor">;

interface Pending {
  type: EnvelopeType;
  payload: Json;
  socket: WebSocket;
  resolve: (ack: SocketAck) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEBUG_INFO = { host: "applink-emulator", build_number: 1, approximate_connection_time: 18060 };

export class SocketModeHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  /** Open connections that were sent `hello`, oldest first. */
  private readonly sockets: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  private opened = 0;

  constructor(
    server: Server,
    private readonly host: SocketHost,
    /** The app-level token `apps.connections.open` accepts. */
    readonly appToken: string,
    private readonly recordCall: (call: RecordedCall) => void,
  ) {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  /**
   * `apps.connections.open`: only the app-level token, as a Bearer header. No token: `not_authed`; the bot token:
   * `not_allowed_token_type`; another token, or the app token as a form field: `invalid_auth` (what Slack answers).
   */
  open(token: string | undefined, viaHeader: boolean): SlackResponse {
    if (!token) return fail("not_authed");
    if (token === this.host.identity.botToken) return fail("not_allowed_token_type");
    if (token !== this.appToken || !viaHeader) return fail("invalid_auth");
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const base = this.host.url.replace(/^http/, "ws");
    return { ok: true, url: `${base}/link/?ticket=${ticket}&app_id=${this.host.identity.appId}` };
  }

  /** An app is connected (and was sent `hello`). */
  connected(): boolean {
    return this.openSockets().length > 0;
  }

  /** Connections accepted so far (a reconnect makes it grow). */
  get connectionCount(): number {
    return this.opened;
  }

  /** Resolves once an app is connected. */
  async waitForConnection(timeoutMs = 5000): Promise<void> {
    await this.host.waitFor(() => this.connected(), timeoutMs, "a Socket Mode connection");
  }

  /** Delivers an envelope to the newest connection; resolves with the ack's payload (undefined for a bare ack). */
  async send(type: EnvelopeType, payload: Json, opts: SendOptions = {}): Promise<Json | undefined> {
    return (await this.deliver(type, payload, opts)).payload;
  }

  /** Like `send`, with the envelope id and what the emulator made of the ack. */
  deliver(type: EnvelopeType, payload: Json, opts: SendOptions = {}): Promise<SocketAck> {
    const socket = this.openSockets().at(-1);
    if (!socket) return Promise.reject(new Error(`SocketModeHub: no app is connected to receive a ${type} envelope`));
    const envelopeId = randomUUID();
    const interactionWithResponse =
      type === "slash_commands" || (type === "interactive" && (payload.type === "view_submission" || payload.type === "block_suggestion"));
    const retry =
      type === "events_api" || opts.retryAttempt !== undefined
        ? { retry_attempt: opts.retryAttempt ?? 0, retry_reason: opts.retryReason ?? "" }
        : {};
    const envelope: Json = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: opts.acceptsResponsePayload ?? interactionWithResponse,
      ...retry,
    };
    const timeoutMs = opts.timeoutMs ?? 3000;
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`SocketModeHub: no ack for the ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { type, payload, socket, resolve, reject, timer });
      this.record(`socket:${type}`, envelope, { ok: true });
      socket.send(JSON.stringify(envelope));
    });
  }

  /**
   * Sends `{"type":"disconnect","reason":…}` to every connection, as Slack does before recycling one, and resolves
   * once they have closed (those still open after `graceMs` are cut).
   */
  async disconnect(reason = "refresh_requested", opts: { graceMs?: number } = {}): Promise<void> {
    const sockets = [...this.sockets];
    const message = { type: "disconnect", reason, debug_info: { host: DEBUG_INFO.host } };
    this.record("socket:disconnect", message, { ok: true, connections: sockets.length });
    const closed = sockets.map((socket) => closedPromise(socket));
    for (const socket of sockets) socket.send(JSON.stringify(message));
    const graceMs = opts.graceMs ?? 2000;
    const timer = setTimeout(() => sockets.forEach((s) => s.terminate()), graceMs);
    await Promise.all(closed);
    clearTimeout(timer);
  }

  /** Cuts every connection and stops accepting new ones (the emulator is stopping). */
  async close(): Promise<void> {
    const sockets = [...this.sockets];
    const closed = sockets.map((socket) => closedPromise(socket));
    for (const socket of sockets) socket.terminate();
    await Promise.all(closed);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Connections not closing (one whose close handshake has begun gets nothing more). */
  private openSockets(): WebSocket[] {
    return this.sockets.filter((s) => s.readyState === s.OPEN);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ticket = url.searchParams.get("ticket") ?? "";
    const args: Json = { path: url.pathname, ticket };
    if (!/^\/link\/?$/.test(url.pathname) || !this.tickets.delete(ticket)) {
      // A missing, unknown or already used ticket: the handshake fails.
      this.record("socket:connect", args, fail("invalid_ticket"), 401);
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, args));
  }

  private accept(ws: WebSocket, args: Json): void {
    this.opened += 1;
    this.sockets.push(ws);
    ws.on("message", (data: RawData, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on("error", () => undefined); // a close follows
    ws.on("close", (code: number, reason: Buffer) => {
      const i = this.sockets.indexOf(ws);
      if (i >= 0) this.sockets.splice(i, 1);
      for (const [id, p] of this.pending) {
        if (p.socket !== ws) continue;
        this.pending.delete(id);
        clearTimeout(p.timer);
        p.reject(new Error(`SocketModeHub: the connection closed (${code}) before the ${p.type} envelope ${id} was acked`));
      }
      this.record("socket:close", { code, reason: reason.toString("utf8") }, { ok: true });
    });
    const hello = {
      type: "hello",
      num_connections: this.sockets.length,
      debug_info: DEBUG_INFO,
      connection_info: { app_id: this.host.identity.appId },
    };
    ws.send(JSON.stringify(hello));
    this.record("socket:connect", args, { ok: true, ...hello });
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const at = performance.now();
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(rawText(data));
    } catch {
      message = undefined;
    }
    const envelopeId = isObject(message) && typeof message.envelope_id === "string" ? message.envelope_id : undefined;
    const pending = envelopeId ? this.pending.get(envelopeId) : undefined;
    if (!envelopeId || !pending || !isObject(message)) {
      const args: Json = isObject(message) ? message : { raw: rawText(data) };
      this.record("socket:ack", args, fail(envelopeId ? "unknown_envelope_id" : "invalid_ack"), 200, at);
      return;
    }
    this.pending.delete(envelopeId);
    clearTimeout(pending.timer);
    const body = isObject(message.payload) && Object.keys(message.payload).length > 0 ? message.payload : undefined;
    this.record("socket:ack", { envelope_id: envelopeId, ...(body ? { payload: body } : {}) }, { ok: true }, 200, at);
    pending.resolve({ envelopeId, payload: body, applied: this.applyAck(pending, body) });
  }

  /** What Slack does with an ack's payload, as SlackDriver does with an HTTP ack body. */
  private applyAck(pending: Pending, body: Json | undefined): SlackResponse | undefined {
    const { type, payload } = pending;
    if (type === "slash_commands" && body !== undefined) {
      const channelId = String(payload.channel_id ?? "");
      const userId = String(payload.user_id ?? "");
      return this.host.applyAck({ type: "command", body, channelId, userId });
    }
    const view = payload.view;
    if (type === "interactive" && payload.type === "view_submission" && isObject(view)) {
      return this.host.applyAck({ type: "view_submission", viewId: String(view.id), body });
    }
    return undefined;
  }

  private record(method: string, args: Json, response: SlackResponse, status = 200, at = performance.now()): void {
    this.recordCall({ method, args, at, status, response });
  }
}

function closedPromise(socket: WebSocket): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => socket.once("close", () => resolve()));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString("utf8");
}
