// Slack failing in the ways that used to post twice or never: a post Slack accepted but answered with a 500 or a reset
// connection, a call that never answers, and refusals that no retry can cure. The real app over signed HTTP against
// the emulator, which injects each fault; every wait is on the app's own signal (its job queue settled).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredMessage } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { captureLogger } from "../support/capture-logger.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import { CHANNEL, type Harness, openQuestionnaire, REQUESTER, REVIEWERS, runReview, startHarness } from "../support/harness.js";

let h: Harness;
let logger: ReturnType<typeof captureLogger>;
beforeEach(async () => {
  logger = captureLogger();
  h = await startHarness({ LOG_LEVEL: "debug" }, { logger });
});
afterEach(async () => {
  await h.stop();
});

/** Our posts carrying a job key, in the channel and in every thread. */
function postsWithKey(key: string): StoredMessage[] {
  const all = h.emulator.messagesIn(CHANNEL).flatMap((m) => [m, ...h.emulator.threadReplies(CHANNEL, m.ts)]);
  return all.filter((m) => (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key === key);
}

async function submit(title: string) {
  const answers = validAnswers({ title });
  const view = await toLastStep(h, await openQuestionnaire(h), answers, REQUESTER);
  const res = await h.driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(answers, view.view) });
  expect(res.status).toBe(200);
  return h.decisions().find((d) => d.title === title)!;
}

const dmsTo = (userId: string) => h.emulator.messagesIn(`D${userId}`);

describe("a post Slack accepted, whose answer was lost", () => {
  it.each([
    ["answered 500", { status: 500 as const, afterEffect: true }],
    ["whose connection was reset", { reset: true as const, afterEffect: true }],
  ])("is posted exactly once when Slack took it but %s", async (_name, fault) => {
    h.emulator.failNext("chat.postMessage", fault);
    const decision = await submit(`Accepted then lost: ${_name}`);
    await h.settled();
    const verdicts = postsWithKey(`decision:${decision.id}:verdict`);
    expect(verdicts).toHaveLength(1);
    expect(postsWithKey(`decision:${decision.id}:reasons`)).toHaveLength(1);
    // The attempt that got no answer was followed by a lookup, which found the post: no second chat.postMessage for it.
    const verdictPosts = h.emulator.callsTo("chat.postMessage").filter((c) => c.args.thread_ts === undefined);
    expect(verdictPosts).toHaveLength(1);
    expect(h.emulator.callsTo("conversations.history").length).toBeGreaterThan(0);
    expect(h.decision(decision.id)?.messageTs).toBe(verdicts[0]!.ts);
  });
});

describe("a Slack call that never answers", () => {
  it("times out, is retried, and the verdict is posted once", async () => {
    h.emulator.failNext("chat.postMessage", { hang: true });
    const decision = await submit("Slack hangs once");
    await h.settled();
    expect(postsWithKey(`decision:${decision.id}:verdict`)).toHaveLength(1);
    const job = h.jobs(decision.id).find((j) => j.kind === "post-verdict")!;
    expect(job).toMatchObject({ status: "done", attempts: 2 });
    expect(logger.text()).toMatch(/will be retried: timeout/);
  });

  it("does not hold up stop(): it returns while the call is still hanging", async () => {
    await h.restart({}, { slackTimeoutMs: 600_000, stopGraceMs: 500 });
    h.emulator.failNext("chat.postMessage", { hang: true });
    await submit("Slack hangs during stop");
    await h.emulator.waitFor(() => h.emulator.callsTo("chat.postMessage").some((c) => c.status === 0), 10_000, "the hung post");
    // Without the grace bound this would wait for the ten-minute timeout and the test would fail on its own timeout.
    await h.app.stop();
    const job = h.jobs().find((j) => j.kind === "post-verdict")!;
    // Left claimed and maybe sent: the next process looks for the post before posting again.
    expect(job).toMatchObject({ status: "running", maybeSent: true });
    h.emulator.releaseHung();
    await h.restart();
    await h.settled();
    // Looked up (nothing there: the hung call never took effect), then posted, once.
    expect(h.emulator.messagesIn(CHANNEL).filter((m) => m.text.includes("Slack hangs during stop"))).toHaveLength(1);
    expect(h.jobs().find((j) => j.kind === "post-verdict")).toMatchObject({ status: "done", attempts: 2 });
    expect(h.emulator.callsTo("conversations.history").length).toBeGreaterThan(0);
  });
});

describe("refusals no retry can cure", () => {
  it.each(["is_archived", "msg_too_long", "invalid_blocks"])(
    "%s: the job fails once, the requester is told once in plain words, nothing is retried",
    async (error) => {
      h.emulator.failNext("chat.postMessage", { error });
      const decision = await submit(`Refused: ${error}`);
      await h.settled();
      const job = h.jobs(decision.id).find((j) => j.kind === "post-verdict")!;
      expect(job).toMatchObject({ status: "failed", attempts: 1, lastError: error });
      const attempts = h.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === CHANNEL);
      expect(attempts).toHaveLength(1);
      const told = dmsTo(REQUESTER);
      expect(told).toHaveLength(1);
      expect(told[0]!.text).toContain(`decision #${decision.id}`);
      expect(told[0]!.text).not.toContain(error);
      expect(told[0]!.text).toContain("show");
      // Another job's progress, or a restart, tells no one again.
      await h.restart();
      await h.settled();
      expect(dmsTo(REQUESTER)).toHaveLength(1);
      expect(h.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === CHANNEL)).toHaveLength(1);
    },
  );

  it("a status reply refused for good does not stop the verdict message from being updated", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Refused reply" }));
    h.emulator.failNext("chat.postMessage", { error: "msg_too_long" });
    for (const reviewer of REVIEWERS.slice(0, 2)) {
      await h.driver.sendReaction({ userId: reviewer, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    }
    await h.settled();
    expect(h.jobs(decision.id).find((j) => j.kind === "post-status")).toMatchObject({ status: "failed", lastError: "msg_too_long" });
    expect(JSON.stringify(h.emulator.message(CHANNEL, decision.messageTs!)!.blocks)).toContain("*Approved* by");
    expect(dmsTo(REQUESTER)).toHaveLength(1);
  });
});
