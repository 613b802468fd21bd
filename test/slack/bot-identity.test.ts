import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchBotIdentity, StartupError } from "../../src/slack/bot-identity.js";
import { SlackEmulator } from "../emulator/slack-emulator.js";

const run = promisify(execFile);
const UNREACHABLE = "http://127.0.0.1:9/api/";
let emulator: SlackEmulator;
beforeAll(async () => {
  emulator = await SlackEmulator.start();
});
afterAll(async () => {
  await emulator.stop();
});

describe("fetchBotIdentity", () => {
  it("asks Slack who the bot is", async () => {
    expect(await fetchBotIdentity(emulator.botToken, emulator.apiUrl)).toEqual({ botId: emulator.botId, botUserId: emulator.botUserId });
    expect(emulator.callsTo("auth.test")).toHaveLength(1);
  });

  it("names the token when Slack rejects it", async () => {
    await expect(fetchBotIdentity("xoxb-wrong", emulator.apiUrl)).rejects.toThrow(
      new StartupError("SLACK_BOT_TOKEN: Slack rejected it (invalid_auth)"),
    );
  });

  it("names the URL when Slack cannot be reached", async () => {
    await expect(fetchBotIdentity("xoxb-any", UNREACHABLE)).rejects.toThrow(
      /^SLACK_API_URL: cannot reach Slack at http:\/\/127\.0\.0\.1:9\/api\//,
    );
  });

  it("npm start stops with one line instead of crashing when Slack is unreachable", async () => {
    const env = {
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: "xoxb-secret-value",
      SLACK_SIGNING_SECRET: "s",
      SLACK_API_URL: UNREACHABLE,
      PORT: "0",
      DATABASE_PATH: ":memory:",
      MODEL_SOURCES: "bundled",
    };
    const failure = await run(process.execPath, ["--import", "tsx", "src/main.ts"], { env, cwd: process.cwd() }).catch((e) => e);
    expect(failure.code).toBe(1);
    const lines = String(failure.stderr)
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("["));
    expect(lines).toEqual(["should-we-finetune cannot start:", expect.stringMatching(/^ {2}SLACK_API_URL: cannot reach Slack/)]);
    expect(String(failure.stderr) + String(failure.stdout)).not.toContain("secret-value");
  }, 30_000);
});
