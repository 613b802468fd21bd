import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/ops/redact.js";

describe("redactSecrets", () => {
  it.each([
    ["bot token", "auth with xoxb-1234-5678-abcdEFGH", "auth with xoxb-[REDACTED]"],
    ["app token", "xapp-1-A1-1234-deadbeef failed", "xapp-[REDACTED] failed"],
    ["user token", "token is xoxp-99-secret", "token is xoxp-[REDACTED]"],
    ["password in a URL", "cannot reach http://gw:hunter2-pass@10.0.0.1:4000/api/", "cannot reach http://gw:[REDACTED]@10.0.0.1:4000/api/"],
    ["token as URL user", "GET https://ghp_abcdef123456@github.com/x failed", "GET https://[REDACTED]@github.com/x failed"],
    [
      "key in a query",
      "GET https://api.example/models?key=AIzaSyD-123&limit=5 failed",
      "GET https://api.example/models?key=[REDACTED]&limit=5 failed",
    ],
    [
      "several secret params",
      "?api_key=a1b2c3&access_token=t0k&apiKey=K&X-Amz-Signature=abc",
      "?api_key=[REDACTED]&access_token=[REDACTED]&apiKey=[REDACTED]&X-Amz-Signature=[REDACTED]",
    ],
    ["authorization header", "headers: Authorization: Bearer sk-live-abcdef123", "headers: Authorization: Bearer [REDACTED]"],
  ])("masks a %s", (_what, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it.each([
    "GET https://huggingface.co/api/models?author=meta-llama&sort=createdAt failed",
    "decision #12 posted in C0123 (team T1)",
    "the monkey bypassed the design",
    "https://models.dev/api.json",
  ])("leaves ordinary text alone: %s", (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it("masks configured secrets verbatim, also as escaped inside a JSON line", () => {
    const secret = 'sign"ing\\secret-42';
    const line = JSON.stringify({ msg: `oops ${secret}` });
    expect(redactSecrets(line, [secret])).toBe(JSON.stringify({ msg: "oops [REDACTED]" }));
    expect(redactSecrets(`plain ${secret}`, [secret])).toBe("plain [REDACTED]");
  });

  it("leaves configured values under 8 characters alone, so a short secret cannot garble every line", () => {
    expect(redactSecrets('{"msg":"signing secret is s"}', ["s", "short"])).toBe('{"msg":"signing secret is s"}');
  });

  it("works on a serialized JSON line without breaking it", () => {
    const line = JSON.stringify({ msg: "GET http://u:p4ssw0rd@h/x?token=abc", err: { stack: "Error: xoxb-1-2\n    at f" } });
    const redacted = redactSecrets(line);
    expect(JSON.parse(redacted)).toEqual({
      msg: "GET http://u:[REDACTED]@h/x?token=[REDACTED]",
      err: { stack: "Error: xoxb-[REDACTED]\n    at f" },
    });
  });
});
