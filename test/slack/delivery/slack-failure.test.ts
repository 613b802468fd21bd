import { ErrorCode } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { classifySlackFailure } from "../../../src/slack/delivery/slack-failure.js";

const platform = (error: string) => ({ code: ErrorCode.PlatformError, data: { ok: false, error } });

describe("classifySlackFailure", () => {
  it.each([
    [
      "a 500 after Slack may have taken the post",
      { code: ErrorCode.HTTPError, statusCode: 500 },
      { type: "transient", maybeSent: true, code: "http_500" },
    ],
    [
      "a reset connection",
      { code: ErrorCode.RequestError, original: Object.assign(new Error("fetch failed"), { cause: { code: "ECONNRESET" } }) },
      { type: "transient", maybeSent: true, code: "ECONNRESET" },
    ],
    [
      "a timeout",
      { code: ErrorCode.RequestError, original: Object.assign(new Error("aborted"), { name: "TimeoutError" }) },
      { type: "transient", maybeSent: true, code: "timeout" },
    ],
    [
      "a 429 with Retry-After",
      { code: ErrorCode.RateLimitedError, retryAfter: 7 },
      { type: "transient", maybeSent: false, retryAfterMs: 7000 },
    ],
    ["internal_error", platform("internal_error"), { type: "transient", maybeSent: true }],
    ["not_in_channel", platform("not_in_channel"), { type: "no-access" }],
    ["channel_not_found", platform("channel_not_found"), { type: "no-access" }],
    ["is_archived", platform("is_archived"), { type: "permanent", code: "is_archived" }],
    ["msg_too_long", platform("msg_too_long"), { type: "permanent" }],
    ["invalid_blocks", platform("invalid_blocks"), { type: "permanent" }],
    ["a revoked token", platform("token_revoked"), { type: "permanent" }],
  ])("%s", (_name, error, expected) => {
    expect(classifySlackFailure(error)).toMatchObject(expected);
  });
});
