import { LogLevel, webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decide } from "../../../src/engine/decide.js";
import { buildDecisionEvent } from "../../../src/slack/decision-events.js";
import { findEarlierPost, postMetadata } from "../../../src/slack/delivery/find-earlier-post.js";
import { SlackEmulator } from "../../emulator/slack-emulator.js";
import { validAnswers } from "../../support/answers.js";

// The crash lookup reads the key of our own posts, whichever event type carries it, and nobody else's.

const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
const decision = {
  number: 4,
  teamId: "T1",
  channelId: "CFIND",
  threadTs: null,
  verdict: decide(validAnswers()),
  status: "in-review" as const,
};
let emu: SlackEmulator;
let client: InstanceType<typeof webApi.WebClient>;
const since = new Date(Date.now() - 60_000);
const nothing = async () => {};

beforeAll(async () => {
  emu = await SlackEmulator.start();
  client = new webApi.WebClient(emu.botToken, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.reset({ world: true });
  emu.addChannel({ id: "CFIND", name: "find", members: [emu.botUserId] });
});

describe("findEarlierPost", () => {
  it.each([
    ["the app's own event type", postMetadata("decision:4:reasons", 4), "decision:4:reasons"],
    ["decision_posted", buildDecisionEvent("decision_posted", decision, "decision:4:verdict"), "decision:4:verdict"],
    ["decision_approved", buildDecisionEvent("decision_approved", decision, "decision:4:status:x"), "decision:4:status:x"],
    ["decision_superseded", buildDecisionEvent("decision_superseded", decision, "decision:4:verdict", 5), "decision:4:verdict"],
  ])("finds a post whose key travels under %s", async (_what, metadata, key) => {
    const posted = await client.chat.postMessage({ channel: "CFIND", text: "ours", metadata });
    await client.chat.postMessage({ channel: "CFIND", text: "later" });
    expect(await findEarlierPost(client, { channel: "CFIND" }, key, since, nothing)).toBe(posted.ts);
    expect(await findEarlierPost(client, { channel: "CFIND" }, `${key}:other`, since, nothing)).toBeNull();
  });

  it("ignores another app's metadata that happens to carry the same key", async () => {
    await client.chat.postMessage({
      channel: "CFIND",
      text: "theirs",
      metadata: { event_type: "task_created", event_payload: { key: "decision:4:verdict" } },
    });
    expect(await findEarlierPost(client, { channel: "CFIND" }, "decision:4:verdict", since, nothing)).toBeNull();
  });
});
