import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.js";
import type { SlackEmulator } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { CatalogServer, modelsDevSlice } from "../support/catalog-server.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import { CHANNEL, type Harness, openQuestionnaire, REQUESTER, REVIEWERS, startHarness } from "../support/harness.js";

let h: Harness;
let catalog: CatalogServer;
beforeEach(async () => {
  catalog = await CatalogServer.start(modelsDevSlice({ openai: ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06"] }));
  // Decided before gpt-4o-2024-08-06 came out: the watch has news for it.
  h = await startHarness({ MODEL_SOURCES: "models.dev", MODELS_DEV_URL: catalog.url }, { today: () => "2024-06-01" });
});
afterEach(async () => {
  await h.stop();
  await catalog.stop();
});

/** Slack rate-limits, then fails, then recovers: two 429s with Retry-After, then a run of 500s. */
function outage(emulator: SlackEmulator) {
  emulator.failNext("*", { status: 429, retryAfterSec: 1 }, 2);
  emulator.failNext("*", { status: 500 }, 6);
}

const statusReplies = (ts: string) => h.emulator.threadReplies(CHANNEL, ts).filter((m) => m.text.includes("is approved"));
const modelPings = (ts: string) =>
  h.emulator.threadReplies(CHANNEL, ts).filter((m) => JSON.stringify(m.blocks ?? []).includes(ACTION.reEvaluate));

describe("Slack rate-limiting, then failing, then recovering", () => {
  it("delivers the verdict, the approval reply and the model ping, each exactly once", async () => {
    const answers = validAnswers({ baseModel: "gpt-4o-2024-05-13" });
    const view = await toLastStep(h, await openQuestionnaire(h), answers, REQUESTER);
    outage(h.emulator);
    const res = await h.driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(answers, view.view) });
    expect(res.status).toBe(200);
    const decision = await h.emulator.waitFor(() => h.decisions().find((d) => d.replyTs), 30_000, "verdict posted");
    expect(h.emulator.messagesIn(CHANNEL)).toHaveLength(1);
    expect(h.emulator.threadReplies(CHANNEL, decision.messageTs!)).toHaveLength(1);
    expect(h.emulator.calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
    expect(h.emulator.calls.filter((c) => c.status === 500).length).toBeGreaterThan(0);

    outage(h.emulator);
    for (const reviewer of REVIEWERS.slice(0, 2)) {
      await h.driver.sendReaction({ userId: reviewer, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    }
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", 30_000, "approved");
    await h.settled();
    expect(statusReplies(decision.messageTs!)).toHaveLength(1);
    expect(JSON.stringify(h.emulator.message(CHANNEL, decision.messageTs!)!.blocks)).toContain("*Approved* by");

    outage(h.emulator);
    await h.checkModels();
    expect(modelPings(decision.messageTs!)).toHaveLength(1);
    await h.checkModels();
    expect(modelPings(decision.messageTs!)).toHaveLength(1);
    expect(statusReplies(decision.messageTs!)).toHaveLength(1);
    expect(h.emulator.messagesIn(CHANNEL)).toHaveLength(1);
  }, 90_000);
});
