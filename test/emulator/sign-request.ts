// Slack's v0 request signature (SLACK-NOTES §3).
import { createHmac } from "node:crypto";

/** `v0=` + hex(HMAC_SHA256(secret, "v0:" + timestamp + ":" + rawBody)). */
export function signSlackRequest(secret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSec}:${rawBody}`).digest("hex")}`;
}

/** How to sign (or mis-sign) one request. Default: correct secret, current time. */
export interface SignOptions {
  /** Sign with this secret instead of the app's (a forged request). */
  secret?: string;
  timestampSec?: number;
  /** Timestamp 10 minutes in the past (Slack's replay window is 5). */
  stale?: boolean;
  /** Send this header value verbatim. */
  signature?: string;
  /** Omit both signature headers. */
  unsigned?: boolean;
}

export function signatureHeaders(secret: string, rawBody: string, opts: SignOptions = {}): Record<string, string> {
  if (opts.unsigned) return {};
  const now = Math.floor(Date.now() / 1000);
  const timestampSec = opts.timestampSec ?? (opts.stale ? now - 600 : now);
  return {
    "x-slack-request-timestamp": String(timestampSec),
    "x-slack-signature": opts.signature ?? signSlackRequest(opts.secret ?? secret, timestampSec, rawBody),
  };
}
