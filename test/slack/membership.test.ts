import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMembership } from "../../src/slack/membership.js";
import { oneClient } from "../../src/slack/workspace-clients.js";
import { SlackEmulator } from "../emulator/slack-emulator.js";
import { captureLogger } from "../support/capture-logger.js";

const T1 = { teamId: "T1" };
let emulator: SlackEmulator;
let client: WebClient;
beforeEach(async () => {
  emulator = await SlackEmulator.start();
  client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });
  const bot = emulator.botUserId;
  // More members than one page holds, so every page must be read.
  const crowd = Array.from({ length: 2500 }, (_, i) => `U${String(i).padStart(6, "0")}`);
  emulator.addChannel({ id: "CBIG", name: "big", members: [...crowd, bot, "ULAST"] });
  emulator.addChannel({ id: "GSECRET", name: "secret", isPrivate: true, members: [bot, "UIN"] });
  emulator.addChannel({ id: "GNOBOT", name: "no-bot", isPrivate: true, members: ["UIN"] });
});
afterEach(async () => {
  await emulator.stop();
});

describe("membership", () => {
  it("reads every page of a channel's members", async () => {
    const membership = createMembership(oneClient(client), { logger: captureLogger() });
    expect(await membership.isMember(T1, "CBIG", "ULAST")).toBe(true);
    expect(await membership.isMember(T1, "CBIG", "U000000")).toBe(true);
    expect(await membership.isMember(T1, "CBIG", "UOUT")).toBe(false);
    expect(emulator.callsTo("conversations.members").length).toBeGreaterThanOrEqual(3);
  });

  it("keeps a channel's members for its time to live, then asks Slack again", async () => {
    let now = 0;
    const membership = createMembership(oneClient(client), { logger: captureLogger(), ttlMs: 60_000, now: () => now });
    expect(await membership.isMember(T1, "GSECRET", "UIN")).toBe(true);
    const asked = emulator.callsTo("conversations.members").length;
    emulator.channel("GSECRET")!.members.push("UNEW");
    now = 59_000;
    expect(await membership.isMember(T1, "GSECRET", "UNEW")).toBe(false);
    expect(emulator.callsTo("conversations.members")).toHaveLength(asked);
    now = 60_000;
    expect(await membership.isMember(T1, "GSECRET", "UNEW")).toBe(true);
    expect(emulator.callsTo("conversations.members")).toHaveLength(asked + 1);
  });

  it("fails closed: a channel Slack will not describe has no members, is logged, and is asked about again next time", async () => {
    const logger = captureLogger();
    const membership = createMembership(oneClient(client), { logger });
    expect(await membership.isMember(T1, "GNOBOT", "UIN")).toBe(false);
    expect(logger.text()).toMatch(/members of GNOBOT unreadable \(channel_not_found\)/);
    emulator.failNext("conversations.members", { status: 500 });
    expect(await membership.isMember(T1, "GSECRET", "UIN")).toBe(false);
    expect(await membership.isMember(T1, "GSECRET", "UIN")).toBe(true);
  });

  it("says which of many channels a person is in, asking once per channel even when asked at once", async () => {
    const membership = createMembership(oneClient(client), { logger: captureLogger() });
    const [a, b] = await Promise.all([
      membership.channelsOf(T1, "UIN", ["CBIG", "GSECRET", "GNOBOT"]),
      membership.channelsOf(T1, "ULAST", ["CBIG", "GSECRET", "GNOBOT"]),
    ]);
    expect(a).toEqual(["GSECRET"]);
    expect(b).toEqual(["CBIG"]);
    const secretCalls = emulator.callsTo("conversations.members").filter((c) => c.args.channel === "GSECRET");
    expect(secretCalls).toHaveLength(1);
  });
});
