import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validAnswers } from "../support/answers.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import {
  CHANNEL,
  type Harness,
  openQuestionnaire,
  PRIVATE_CHANNEL,
  REQUESTER,
  REVIEWERS,
  runReview,
  startHarness,
} from "../support/harness.js";

const [ALICE, BOB] = REVIEWERS;
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const react = (
  userId: string,
  messageTs: string,
  extra: { reaction?: string; removed?: boolean; eventId?: string; retryNum?: number } = {},
) => h.driver.sendReaction({ userId, reaction: extra.reaction ?? "white_check_mark", channelId: CHANNEL, messageTs, ...extra });

describe("request signing", () => {
  it.each([
    ["a wrong secret", { secret: "not-the-secret" }],
    ["a stale timestamp", { stale: true }],
    ["no signature", { unsigned: true }],
  ])("rejects %s with 401 and stores nothing", async (_name, sign) => {
    const view = await openQuestionnaire(h);
    const opened = h.emulator.callsTo("views.open").length;
    const command = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, sign });
    expect(command.status).toBe(401);
    const submission = await h.driver.sendViewSubmission({
      userId: REQUESTER,
      view,
      values: fillFromAnswers(validAnswers(), view.view),
      sign,
    });
    expect(submission.status).toBe(401);
    await h.settled();
    expect(h.emulator.callsTo("views.open")).toHaveLength(opened);
    expect(h.decisions()).toEqual([]);
    expect(h.emulator.callsTo("chat.postMessage")).toEqual([]);
  });
});

describe("approvals", () => {
  it("counts a retried or repeated delivery once", async () => {
    const { decision } = await runReview(h, validAnswers());
    const ts = decision.messageTs!;
    const first = await react(ALICE, ts, { eventId: "EvSAME" });
    const retry = await react(ALICE, ts, { eventId: "EvSAME", retryNum: 1 });
    const again = await react(ALICE, ts, { eventId: "EvOTHER" });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("in-review");
    await react(BOB, ts);
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", 10_000, "approved");
  });

  it("does not count the requester's own approval, and tells them so", async () => {
    const { decision } = await runReview(h, validAnswers());
    await react(REQUESTER, decision.messageTs!);
    await react(ALICE, decision.messageTs!);
    const note = await h.emulator.waitFor(
      () => h.emulator.ephemeralsIn(CHANNEL, REQUESTER).find((m) => m.text?.includes("own approval")),
      10_000,
      "ephemeral",
    );
    expect(note.visibleTo).toBe(REQUESTER);
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("in-review");
  });

  it("withdraws an approval when its reaction is removed", async () => {
    const { decision } = await runReview(h, validAnswers());
    const ts = decision.messageTs!;
    await react(ALICE, ts);
    await react(ALICE, ts, { removed: true });
    await react(BOB, ts);
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("in-review");
    await react(ALICE, ts);
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", 10_000, "approved");
  });

  it("ignores reactions that are not approvals, or not on a verdict", async () => {
    const { decision } = await runReview(h, validAnswers());
    const other = h.emulator.addMessage({ channel: CHANNEL, user: ALICE, text: "unrelated" });
    await react(ALICE, decision.messageTs!, { reaction: "tada" });
    await react(ALICE, other.ts);
    await react(BOB, other.ts);
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("in-review");
    expect(h.emulator.threadReplies(CHANNEL, decision.messageTs!)).toHaveLength(1);
  });

  it("a reject reaction requests changes, with a reply, and removing it puts the decision back in review", async () => {
    const { decision } = await runReview(h, validAnswers());
    const ts = decision.messageTs!;
    await react(ALICE, ts, { reaction: "x" });
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "changes-requested", 10_000, "changes requested");
    await h.emulator.waitFor(
      () => h.emulator.threadReplies(CHANNEL, ts).some((m) => m.text?.includes("requested changes")),
      10_000,
      "reply",
    );
    await h.emulator.waitFor(
      () => JSON.stringify(h.emulator.message(CHANNEL, ts)!.blocks).includes("Changes requested"),
      10_000,
      "updated",
    );
    await react(ALICE, ts, { reaction: "x", removed: true });
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "in-review", 10_000, "back in review");
  });

  it("withdrawing the only reject from a decision that has its approvals approves it, and says so once", async () => {
    const { decision } = await runReview(h, validAnswers());
    const ts = decision.messageTs!;
    await react(ALICE, ts);
    await react(REVIEWERS[2], ts, { reaction: "x" });
    await react(BOB, ts);
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("changes-requested");
    await react(REVIEWERS[2], ts, { reaction: "x", removed: true });
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("approved");
    const replies = h.emulator.threadReplies(CHANNEL, ts).map((m) => m.text);
    expect(replies.filter((t) => t.includes("is approved by"))).toHaveLength(1);
    expect(replies.filter((t) => t.includes("back in review"))).toHaveLength(0);
    expect(JSON.stringify(h.emulator.message(CHANNEL, ts)!.blocks)).toContain("*Approved* by");
  });

  it("only listed reviewers count when REVIEWERS is set, members of its user group included", async () => {
    await h.restart({ REVIEWERS: `${ALICE},S0REVIEW` });
    h.emulator.addUserGroup("S0REVIEW", [REVIEWERS[2]]);
    const { decision } = await runReview(h, validAnswers());
    await react(BOB, decision.messageTs!);
    await h.emulator.waitFor(() => h.emulator.ephemeralsIn(CHANNEL, BOB).length > 0, 10_000, "not-a-reviewer note");
    await react(ALICE, decision.messageTs!);
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("in-review");
    await react(REVIEWERS[2], decision.messageTs!);
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", 10_000, "approved by group member");
  });

  it("keeps decisions and approvals across a restart on the same database file", async () => {
    const { decision } = await runReview(h, validAnswers());
    await react(ALICE, decision.messageTs!);
    await h.emulator.waitFor(
      () => JSON.stringify(h.emulator.message(CHANNEL, decision.messageTs!)!.blocks).includes("1 so far"),
      10_000,
      "counted",
    );
    await h.restart();
    const posts = h.emulator.callsTo("chat.postMessage").length;
    await react(BOB, decision.messageTs!);
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", 10_000, "approved after restart");
    // The restart re-posted nothing: only the approval reply was added.
    await h.settled();
    expect(h.emulator.callsTo("chat.postMessage").length).toBe(posts + 1);
    const listed = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: "list" });
    expect(JSON.stringify(listed.json)).toContain("approved");
  });
});

describe("when the bot is not in the channel", () => {
  it("joins a public channel and posts", async () => {
    const { decision } = await runReview(h, validAnswers(), { channelId: "CNOBOT" });
    expect(h.emulator.callsTo("conversations.join")).toHaveLength(1);
    expect(h.emulator.message("CNOBOT", decision.messageTs!)).toBeDefined();
  });

  it("in a private channel, keeps the decision, tells the requester how to invite it, and posts once invited", async () => {
    const view = await toLastStep(h, await openQuestionnaire(h, { channelId: PRIVATE_CHANNEL }), validAnswers(), REQUESTER);
    await h.driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(validAnswers(), view.view) });
    const note = await h.emulator.waitFor(() => h.emulator.callsTo("response_url")[0], 10_000, "invite hint");
    expect(JSON.stringify(note.args)).toContain("/invite");
    const [stored] = h.decisions();
    expect(stored?.messageTs).toBeNull();
    // Nothing left to run: the verdict waits for the invite, and the requester was told once.
    await h.settled();
    expect(h.jobs(stored!.id).find((j) => j.kind === "post-verdict")?.status).toBe("waiting");
    expect(h.emulator.callsTo("response_url")).toHaveLength(1);

    // A restart tries once more (the bot may have been invited meanwhile), and tells nobody twice.
    const triesBefore = h.emulator.callsTo("chat.postMessage").length;
    await h.restart();
    await h.settled();
    expect(h.emulator.callsTo("chat.postMessage").length).toBeGreaterThan(triesBefore);
    expect(h.emulator.callsTo("response_url")).toHaveLength(1);
    expect(h.decision(stored!.id)?.messageTs).toBeNull();

    h.emulator.channel(PRIVATE_CHANNEL)!.members.push(h.emulator.botUserId);
    await h.driver.sendEvent({
      type: "member_joined_channel",
      user: h.emulator.botUserId,
      channel: PRIVATE_CHANNEL,
      channel_type: "G",
      team: h.emulator.teamId,
    });
    const posted = await h.emulator.waitFor(
      () => {
        const d = h.decision(stored!.id);
        return d?.replyTs ? d : undefined;
      },
      10_000,
      "posted after invite",
    );
    await h.driver.sendEvent({
      type: "member_joined_channel",
      user: h.emulator.botUserId,
      channel: PRIVATE_CHANNEL,
      channel_type: "G",
      team: h.emulator.teamId,
    });
    await h.settled();
    expect(h.emulator.messagesIn(PRIVATE_CHANNEL).filter((m) => m.ts === posted.messageTs)).toHaveLength(1);
    expect(
      h.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === PRIVATE_CHANNEL && (c.response as { ok: boolean }).ok),
    ).toHaveLength(2);
  });
});

describe("when Slack fails", () => {
  it("keeps the decision and posts it exactly once when Slack recovers", async () => {
    h.emulator.failNext("chat.postMessage", { status: 500 }, 8);
    const view = await toLastStep(h, await openQuestionnaire(h), validAnswers(), REQUESTER);
    const res = await h.driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(validAnswers(), view.view) });
    expect(res.status).toBe(200);
    const decision = await h.emulator.waitFor(() => h.decisions().find((d) => d.replyTs), 15_000, "posted after recovery");
    expect(h.emulator.messagesIn(CHANNEL).filter((m) => !m.threadTs || m.threadTs === m.ts)).toHaveLength(1);
    expect(h.emulator.threadReplies(CHANNEL, decision.messageTs!)).toHaveLength(1);
  }, 30_000);
});
