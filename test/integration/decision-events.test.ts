import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DecisionEventPayload } from "../../src/slack/decision-events.js";
import type { StoredMessage } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { CHANNEL, type Harness, REVIEWERS, runReview, startHarness, WAIT_MS } from "../support/harness.js";

const [ALICE, BOB] = REVIEWERS;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const metadataOf = (m: StoredMessage | undefined) =>
  m?.metadata as { event_type: string; event_payload: Record<string, unknown> } | undefined;

describe("the events other apps read in our messages' metadata", () => {
  it("a verdict message carries decision_posted, its approval reply decision_approved; other posts only our own type", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Events for other apps" }));
    const posted = metadataOf(h.emulator.message(CHANNEL, decision.messageTs!));
    expect(posted?.event_type).toBe("decision_posted");
    expect(DecisionEventPayload.parse(posted?.event_payload)).toEqual({
      key: `decision:${decision.id}:verdict`,
      decision_number: decision.number,
      team_id: h.emulator.teamId,
      channel_id: CHANNEL,
      verdict: decision.verdict.headline,
      fine_tune: decision.verdict.fineTune,
      status: "in-review",
    });
    const reasons = metadataOf(h.emulator.threadReplies(CHANNEL, decision.messageTs!)[0]);
    expect(reasons?.event_type).toBe("should_we_finetune_post");

    for (const userId of [ALICE, BOB]) {
      await h.driver.sendReaction({ userId, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    }
    const approval = await h.emulator.waitFor(
      () => h.emulator.threadReplies(CHANNEL, decision.messageTs!)[1],
      WAIT_MS,
      "the approval reply",
    );
    const approved = metadataOf(approval);
    expect(approved?.event_type).toBe("decision_approved");
    expect(DecisionEventPayload.parse(approved?.event_payload)).toMatchObject({
      decision_number: decision.number,
      thread_ts: decision.messageTs,
      status: "approved",
      fine_tune: decision.verdict.fineTune,
    });
    // Slack dropped none of it (it drops metadata it cannot take, with a warning).
    const warned = h.emulator.callsTo("chat.postMessage").filter((c) => c.response.warning);
    expect(warned).toEqual([]);
  });
});
