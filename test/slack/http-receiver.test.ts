import { type ClientRequest, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES, refusalBeforeBody } from "../../src/slack/http-receiver.js";
import { CHANNEL, type Harness, REQUESTER, startHarness } from "../support/harness.js";

const NOW = 1_800_000_000;
const SIGNATURE = `v0=${"ab".repeat(32)}`;
const plausible = { "x-slack-signature": SIGNATURE, "x-slack-request-timestamp": String(NOW) };

describe("refusalBeforeBody", () => {
  it.each([
    ["plausible signature headers", plausible, undefined],
    ["no signature headers", {}, "unsigned"],
    ["a signature without a timestamp", { "x-slack-signature": SIGNATURE }, "unsigned"],
    ["a signature that is not v0=<64 hex>", { ...plausible, "x-slack-signature": "v1=abc" }, "unsigned"],
    ["a timestamp that is not a number", { ...plausible, "x-slack-request-timestamp": "soon" }, "unsigned"],
    ["a timestamp 6 minutes old", { ...plausible, "x-slack-request-timestamp": String(NOW - 360) }, "stale_timestamp"],
    ["a timestamp 6 minutes ahead", { ...plausible, "x-slack-request-timestamp": String(NOW + 360) }, "stale_timestamp"],
    ["a timestamp 4 minutes old", { ...plausible, "x-slack-request-timestamp": String(NOW - 240) }, undefined],
    ["a Content-Length over the limit", { ...plausible, "content-length": String(BODY_LIMIT_BYTES + 1) }, "too_large"],
    ["a large unsigned body", { "content-length": String(BODY_LIMIT_BYTES + 1) }, "unsigned"],
    [
      "a small unsigned form (Slack's SSL probe)",
      { "content-type": "application/x-www-form-urlencoded", "content-length": "11" },
      undefined,
    ],
    ["a large unsigned form", { "content-type": "application/x-www-form-urlencoded", "content-length": "5000" }, "unsigned"],
  ])("%s → %s", (_what, headers, expected) => {
    expect(refusalBeforeBody(headers, BODY_LIMIT_BYTES, NOW)).toBe(expected);
  });
});

/** A POST to the app that sends its headers and `first`, and more only when asked; never ends on its own. */
function openRequest(port: number, headers: Record<string, string>, first: Buffer) {
  const req: ClientRequest = request({ port, host: "127.0.0.1", method: "POST", path: "/slack/events", headers, agent: false });
  let sent = 0;
  const status = new Promise<number>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
  });
  const closedByServer = new Promise<void>((resolve) => req.on("socket", (socket) => socket.on("close", () => resolve())));
  /** Resolves once the chunk is taken (true), or with false when the connection is gone. */
  const write = (chunk: Buffer) =>
    new Promise<boolean>((resolve) => {
      if (req.destroyed) return resolve(false);
      sent += chunk.length;
      if (req.write(chunk)) return resolve(true);
      const done = () => {
        req.off("drain", done).off("close", done);
        resolve(!req.destroyed);
      };
      req.on("drain", done).on("close", done);
    });
  req.flushHeaders();
  void write(first);
  return { status, closedByServer, write, sent: () => sent };
}

const FLOOD_BODY_BYTES = 3_900_000;
const chunk = Buffer.alloc(64 * 1024, "a");
const signedHeaders = () => ({
  "x-slack-signature": SIGNATURE,
  "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
  "content-type": "application/json",
});

describe("the HTTP receiver under a body flood (loopback)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("refuses large unsigned bodies from their headers and closes them, while a real command is answered", async () => {
    const flood = Array.from({ length: 4 }, () =>
      openRequest(h.app.port!, { "content-type": "application/json", "content-length": String(FLOOD_BODY_BYTES) }, chunk),
    );
    const command = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
    expect(command.status).toBe(200);
    const opened = await h.emulator.waitForCall("views.open", (c) => c.args.trigger_id === command.triggerId, 30_000);
    expect(opened.response.ok).toBe(true);
    // Each was answered and cut off after its first 64 KB of 3.9 MB: the app never waited for, or kept, the rest.
    expect(await Promise.all(flood.map((r) => r.status))).toEqual([401, 401, 401, 401]);
    await Promise.all(flood.map((r) => r.closedByServer));
    expect(flood.map((r) => r.sent())).toEqual([chunk.length, chunk.length, chunk.length, chunk.length]);
  });

  it("refuses a stale timestamp before reading", async () => {
    const stale = openRequest(
      h.app.port!,
      { ...signedHeaders(), "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000) - 3600), "content-length": "2000000" },
      chunk,
    );
    expect(await stale.status).toBe(401);
    await stale.closedByServer;
  });

  it("refuses a Content-Length over the limit before reading", async () => {
    const declared = openRequest(h.app.port!, { ...signedHeaders(), "content-length": String(50 * 1024 * 1024) }, Buffer.alloc(0));
    expect(await declared.status).toBe(413);
    await declared.closedByServer;
    expect(declared.sent()).toBe(0);
  });

  it("refuses a streamed body once it passes the limit, without waiting for its end", async () => {
    const streamed = openRequest(h.app.port!, { ...signedHeaders(), "transfer-encoding": "chunked" }, chunk);
    let answered = false;
    void streamed.status.then(() => {
      answered = true;
    });
    // Keep sending until the app answers; 64 MB would be far past the limit and any socket buffers.
    while (!answered && streamed.sent() < 64 * 1024 * 1024 && (await streamed.write(chunk)));
    expect(await streamed.status).toBe(413);
    await streamed.closedByServer;
    expect(streamed.sent()).toBeGreaterThan(BODY_LIMIT_BYTES);
  });

  it("counts what it refused in /metrics", async () => {
    const text = await (await fetch(`http://127.0.0.1:${h.app.port}/metrics`)).text();
    expect(text).toMatch(/^swf_http_requests_refused_total\{reason="unsigned"\} 4$/m);
    expect(text).toMatch(/^swf_http_requests_refused_total\{reason="stale_timestamp"\} 1$/m);
    expect(text).toMatch(/^swf_http_requests_refused_total\{reason="too_large"\} 2$/m);
  });
});
