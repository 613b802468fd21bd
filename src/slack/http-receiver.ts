import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { parse } from "node:querystring";
import { type BufferedIncomingMessage, HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from "@slack/bolt";
import type { RefusalReason } from "../ops/metrics.js";
import type { OpsRoutes } from "../ops/ops-routes.js";

const ENDPOINT = "/slack/events";
const FORM = "application/x-www-form-urlencoded";

/**
 * Bolt's own limit (4 MiB). Our questionnaire submissions are tens of KB, but a message shortcut carries the whole
 * message (40,000 characters, percent-encoded up to 12 bytes each), and the hostile-input tests send correctly signed
 * multi-megabyte payloads that must still be answered as Bolt answers them.
 */
export const BODY_LIMIT_BYTES = HTTPModuleFunctions.defaultBodyLimit;
/** Slack's replay window, applied both ways (a timestamp from the future is as suspect as a stale one). */
const MAX_CLOCK_SKEW_SEC = 300;
/** Slack's SSL probe (`ssl_check=1`) may come unsigned; Bolt answers it. Only bodies this small get that benefit. */
const UNSIGNED_PROBE_MAX_BYTES = 512;
/** A request must arrive whole within this; Slack sends small bodies fast, a trickle is an attack. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface ReceiverOptions extends Omit<HTTPReceiverOptions, "bodyLimit" | "endpoints"> {
  /** Served before anything else: /healthz, /readyz, /metrics. */
  opsRoutes?: OpsRoutes;
  onRefused?: (reason: RefusalReason) => void;
  nowSec?: () => number;
}

/**
 * Bolt's HTTPReceiver behind a guard for /slack/events:
 * - Requests that cannot be Slack's are refused before their body is read: no signature headers, a signature that is
 *   not `v0=` and 64 hex digits, a timestamp outside ±5 minutes, or a Content-Length over the limit. A body that
 *   grows past the limit while streaming is refused at that point. A refused request's connection is closed, so the
 *   rest of its body is never read.
 * - Bolt 5.1.0 reads `body.ssl_check` off the parsed body without checking it is an object, inside a promise nobody
 *   awaits (HTTPReceiver.handleIncomingEvent): a correctly signed request whose body is JSON `null` (or
 *   `payload=null`) is an unhandled rejection, which ends the process. Such a body is answered 400 here once its
 *   signature checks out (401 otherwise, as Bolt would).
 * Every other request goes to Bolt unchanged, which verifies and parses it as before, reusing the body read here.
 */
export function createHttpReceiver(options: ReceiverOptions): HTTPReceiver {
  const { opsRoutes, onRefused, nowSec = () => Date.now() / 1000, ...boltOptions } = options;
  const bodyLimit = BODY_LIMIT_BYTES;
  const receiver = new HTTPReceiver({ ...boltOptions, endpoints: ENDPOINT, bodyLimit });
  const bolt = receiver.requestListener;
  const verification = { enabled: true, signingSecret: boltOptions.signingSecret, bodyLimit };
  const refuse = (req: IncomingMessage, res: ServerResponse, status: 401 | 413, reason: RefusalReason) => {
    onRefused?.(reason);
    closeWith(req, res, status);
  };
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (opsRoutes?.(req, res)) return;
    if (req.method !== "POST" || new URL(req.url ?? "/", "http://localhost").pathname !== ENDPOINT) {
      bolt(req, res);
      return;
    }
    const early = refusalBeforeBody(req.headers, bodyLimit, nowSec());
    if (early) {
      refuse(req, res, early === "too_large" ? 413 : 401, early);
      return;
    }
    readBody(req, bodyLimit)
      .then(async (raw) => {
        if (raw === "too_large") {
          refuse(req, res, 413, "too_large");
          return;
        }
        const buffered = Object.assign(req, { rawBody: raw }) as BufferedIncomingMessage;
        if (!isNullBody(buffered)) {
          bolt(buffered, res);
          return;
        }
        try {
          await HTTPModuleFunctions.parseAndVerifyHTTPRequest(verification, buffered);
        } catch {
          HTTPModuleFunctions.buildNoBodyResponse(res, 401);
          return;
        }
        HTTPModuleFunctions.buildNoBodyResponse(res, 400);
      })
      .catch(() => {
        // The client went away mid-body, or the request broke: nobody to answer.
        if (!res.headersSent) closeWith(req, res, 400);
      });
  };
  const start = receiver.start.bind(receiver);
  receiver.start = (async (...args: Parameters<HTTPReceiver["start"]>) => {
    const server = await start(...args);
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = Math.min(server.headersTimeout, REQUEST_TIMEOUT_MS);
    return server;
  }) as HTTPReceiver["start"];
  return receiver;
}

/** Why a request to /slack/events cannot be from Slack, judged on its headers alone; undefined if it may be. */
export function refusalBeforeBody(headers: IncomingHttpHeaders, bodyLimit: number, nowSec: number): RefusalReason | undefined {
  const length = Number(headers["content-length"] ?? Number.NaN);
  const signature = headers["x-slack-signature"];
  const timestamp = headers["x-slack-request-timestamp"];
  if (signature === undefined && timestamp === undefined) {
    const probe = headers["content-type"] === FORM && length <= UNSIGNED_PROBE_MAX_BYTES;
    return probe ? undefined : "unsigned";
  }
  if (typeof signature !== "string" || !/^v0=[0-9a-f]{64}$/.test(signature)) return "unsigned";
  if (typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) return "unsigned";
  if (Math.abs(nowSec - Number(timestamp)) > MAX_CLOCK_SKEW_SEC) return "stale_timestamp";
  return length > bodyLimit ? "too_large" : undefined;
}

/** The body, or "too_large" as soon as it passes `limit` (reading then stops). Rejects if the request breaks off. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      done();
      req.pause();
      resolve("too_large");
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error("request closed before its body ended"));
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** Answers with no body and ends the connection: whatever the client still sends is never read. */
function closeWith(req: IncomingMessage, res: ServerResponse, status: number): void {
  req.pause();
  if (!res.headersSent) res.writeHead(status, { connection: "close", "content-length": "0" });
  res.end(() => req.socket.destroy());
}

/**
 * Whether Bolt's parseHTTPRequestBody would return null: the JSON body, or a form's `payload`, is `null`. (Slack's
 * `ssl_check=1` form is left to Bolt, which drops every other field of it.)
 */
function isNullBody(req: BufferedIncomingMessage): boolean {
  const raw = req.rawBody.toString();
  if (req.headers["content-type"] !== FORM) return raw.trim() === "null";
  const fields = parse(raw);
  return fields.ssl_check !== "1" && typeof fields.payload === "string" && fields.payload.trim() === "null";
}
