import { afterEach, describe, expect, it } from "vitest";
import { ACTION, BLOCK, VIEW } from "../../src/slack/ids.js";
import { validAnswers } from "../support/answers.js";
import { CHANNEL, type Harness, REQUESTER, REVIEWERS, runReview, startHarness, WAIT_MS } from "../support/harness.js";

const [ALICE, BOB] = REVIEWERS;
const DAY = 86_400_000;
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

let clock = Date.now();
const start = async (env: Record<string, string>) => {
  h = await startHarness(env, { now: () => new Date(clock) });
  return h;
};
const reminders = (app: Harness, ts: string) => app.emulator.threadReplies(CHANNEL, ts).filter((m) => m.text.startsWith(":alarm_clock:"));

describe("a ❌ reaction", () => {
  it("asks its reviewer why, only them; the reason is kept, shown on the verdict and told to the requester", async () => {
    const app = await start({});
    const { decision } = await runReview(app, validAnswers({ title: "Invoice extraction" }));
    await app.driver.sendReaction({ userId: BOB!, reaction: "x", channelId: CHANNEL, messageTs: decision.messageTs! });
    await app.settled();
    const prompt = app.emulator.ephemeralsIn(CHANNEL, BOB).find((m) => m.text.includes("You requested changes"));
    expect(prompt?.threadTs).toBe(decision.threadTs);
    expect(app.emulator.ephemeralsIn(CHANNEL, ALICE).filter((m) => m.text.includes("You requested changes"))).toHaveLength(0);

    // Someone else pressing the prompt's button is refused (only a reviewer who requests changes may answer).
    const notes = app.emulator.callsTo("response_url").length;
    await app.driver.sendBlockAction({ userId: ALICE!, actionId: ACTION.giveReason, blockId: BLOCK.reasonPromptActions, message: prompt });
    await app.emulator.waitFor(() => app.emulator.callsTo("response_url").length > notes, WAIT_MS, "refusal");
    expect(JSON.stringify(app.emulator.callsTo("response_url").at(-1)!.args)).toContain("You no longer request changes");

    await app.driver.sendBlockAction({ userId: BOB!, actionId: ACTION.giveReason, blockId: BLOCK.reasonPromptActions, message: prompt });
    const form = await app.emulator.waitFor(
      () => app.emulator.openedViews().find((v) => v.open && v.view.callback_id === VIEW.changeReason),
      WAIT_MS,
      "the reason form",
    );
    // An empty reason keeps the form open with a word under the field.
    const empty = await app.driver.sendViewSubmission({
      userId: BOB!,
      view: form,
      values: { [BLOCK.reasonInput]: "   " },
      clientChecks: false,
    });
    expect(empty.json).toEqual({ response_action: "errors", errors: { [BLOCK.reasonInput]: "Say what should change." } });
    await app.driver.sendViewSubmission({
      userId: BOB!,
      view: form,
      values: { [BLOCK.reasonInput]: "Only 300 of the examples are <labelled>." },
    });
    await app.emulator.waitFor(
      () => app.emulator.threadReplies(CHANNEL, decision.messageTs!).find((m) => m.text.includes("reason for requesting changes")),
      WAIT_MS,
      "the reason in the thread",
    );
    await app.settled();
    const told = app.emulator.threadReplies(CHANNEL, decision.messageTs!).find((m) => m.text.includes("reason for requesting changes"))!;
    expect(told.text).toContain(`<@${BOB}>'s reason for requesting changes on decision #${decision.number}, <@${REQUESTER}>`);
    expect(told.text).toContain("Only 300 of the examples are &lt;labelled&gt;.");
    expect(JSON.stringify(app.emulator.message(CHANNEL, decision.messageTs!)?.blocks)).toContain(
      `*Changes requested* by <@${BOB}>: Only 300 of the examples are &lt;labelled&gt;.`,
    );
  });
});

describe("reminders", () => {
  it("name nobody when anyone may review, so they are shown in the channel; at most three", async () => {
    const app = await start({ REVIEW_REMINDER_AFTER: "30m" });
    const { decision } = await runReview(app, validAnswers({ title: "Anyone may review" }));
    clock = Date.parse(decision.reviewOpenedAt!);
    for (let i = 0; i < 5; i++) {
      clock += 30 * 60_000;
      await app.remind();
    }
    const sent = reminders(app, decision.messageTs!);
    expect(sent.map((m) => m.text.match(/reminder (\d) of 3/)?.[1])).toEqual(["1", "2", "3"]);
    expect(sent.every((m) => m.replyBroadcast)).toBe(true);
    expect(app.emulator.messagesIn(CHANNEL).filter((m) => m.text.startsWith(":alarm_clock:"))).toHaveLength(3);
  });

  it("never come with REVIEW_REMINDER_AFTER=off", async () => {
    const app = await start({ REVIEW_REMINDER_AFTER: "off" });
    const { decision } = await runReview(app, validAnswers({ title: "Never reminded" }));
    clock = Date.parse(decision.reviewOpenedAt!) + 365 * DAY;
    expect(await app.app.remindNow()).toBe(0);
    await app.settled();
    expect(reminders(app, decision.messageTs!)).toHaveLength(0);
  });

  it("stop when changes are requested", async () => {
    const app = await start({ REVIEW_REMINDER_AFTER: "1h" });
    const { decision } = await runReview(app, validAnswers({ title: "Stopped by a request for changes" }));
    clock = Date.parse(decision.reviewOpenedAt!);
    await app.driver.sendReaction({ userId: ALICE!, reaction: "x", channelId: CHANNEL, messageTs: decision.messageTs! });
    await app.settled();
    clock += 5 * 3_600_000;
    await app.remind();
    expect(reminders(app, decision.messageTs!)).toHaveLength(0);
  });
});
