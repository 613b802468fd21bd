// Reactions whose events never arrived (the app was down longer than Slack retries, or crashed before storing them)
// are recovered at start from reactions.get, through the same store operation as an event: counted once, announced
// once, and running it again changes nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validAnswers } from "../support/answers.js";
import { CHANNEL, type Harness, REQUESTER, REVIEWERS, runReview, startHarness } from "../support/harness.js";
import { readDb } from "../support/read-db.js";

const [ALICE, BOB, CAROL] = REVIEWERS;
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const reviews = (decisionId: number) =>
  readDb(h.dbPath, (db) =>
    db.prepare("select reviewer_id as reviewer, kind from reviews where decision_id = ? order by reviewer_id, kind").all(decisionId),
  );
const statusReplies = (ts: string) => h.emulator.threadReplies(CHANNEL, ts).filter((m) => /is approved by|requested changes/.test(m.text));

/** Stops the app, lets `whileDown` change reactions in Slack (no events reach the app), starts it again. */
async function downWhile(whileDown: () => void) {
  await h.app.stop();
  whileDown();
  await h.restart();
  await h.app.reconciled();
  await h.settled();
}

describe("reconciling reactions at start", () => {
  it("counts approvals whose events were lost, approves once, and a second start changes nothing", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Lost approvals" }));
    const ts = decision.messageTs!;
    await downWhile(() => {
      h.emulator.addReaction(CHANNEL, ts, "white_check_mark", ALICE);
      h.emulator.addReaction(CHANNEL, ts, "white_check_mark::skin-tone-3", BOB);
      // Neither the requester's own approval nor an unrelated reaction counts.
      h.emulator.addReaction(CHANNEL, ts, "white_check_mark", REQUESTER);
      h.emulator.addReaction(CHANNEL, ts, "tada", CAROL);
    });
    expect(h.emulator.callsTo("reactions.get").length).toBeGreaterThan(0);
    expect(reviews(decision.id)).toEqual([
      { reviewer: ALICE, kind: "approve" },
      { reviewer: BOB, kind: "approve" },
    ]);
    expect(h.decision(decision.id)?.status).toBe("approved");
    expect(statusReplies(ts)).toHaveLength(1);
    expect(JSON.stringify(h.emulator.message(CHANNEL, ts)!.blocks)).toContain("*Approved* by");

    const posts = h.emulator.callsTo("chat.postMessage").length;
    await downWhile(() => undefined);
    expect(h.emulator.callsTo("chat.postMessage")).toHaveLength(posts);
    expect(reviews(decision.id)).toHaveLength(2);
  });

  it("withdraws a review whose reaction was removed meanwhile: the only request for changes gone, the approvals it held back approve", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Lost withdrawal" }));
    const ts = decision.messageTs!;
    for (const [user, reaction] of [
      [ALICE, "white_check_mark"],
      [CAROL, "x"],
      [BOB, "white_check_mark"],
    ] as const) {
      await h.driver.sendReaction({ userId: user, reaction, channelId: CHANNEL, messageTs: ts });
    }
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("changes-requested");
    await downWhile(() => h.emulator.removeReaction(CHANNEL, ts, "x", CAROL));
    expect(reviews(decision.id)).toEqual([
      { reviewer: ALICE, kind: "approve" },
      { reviewer: BOB, kind: "approve" },
    ]);
    expect(h.decision(decision.id)?.status).toBe("approved");
    expect(statusReplies(ts).map((m) => m.text)).toEqual([
      expect.stringContaining("requested changes"),
      expect.stringContaining("is approved by"),
    ]);
  });
});
