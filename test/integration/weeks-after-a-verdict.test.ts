import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, BLOCK, VIEW } from "../../src/slack/ids.js";
import type { StoredMessage } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { walkQuestionnaire } from "../support/fill.js";
import { CHANNEL, type Harness, REQUESTER, REVIEWERS, runReview, startHarness, WAIT_MS } from "../support/harness.js";

// Issue 11's "Done when", over signed HTTP against the emulator, with the app's clock in the test's hands: a review
// with no approvals is reminded and then approved, the requester hears the outcome; a change request is revised into
// a linked decision that supersedes it; the decision is found again through list, a filter and App Home with a link
// to its thread, and exported as Markdown.

const [ALICE, BOB, CAROL] = REVIEWERS;
const DAY = 86_400_000;
let h: Harness;
let clock = Date.now();
beforeAll(async () => {
  h = await startHarness(
    { REVIEWERS: REVIEWERS.join(","), REQUIRED_APPROVALS: "2", REVIEW_REMINDER_AFTER: "2d" },
    { now: () => new Date(clock) },
  );
});
afterAll(async () => {
  await h.stop();
});

const texts = (m: StoredMessage | undefined) => JSON.stringify([m?.text, m?.blocks]);
const thread = (ts: string) => h.emulator.threadReplies(CHANNEL, ts);
const reminders = (ts: string) => thread(ts).filter((m) => m.text.startsWith(":alarm_clock:"));
const buttonsOf = (m: StoredMessage | undefined) =>
  ((m?.blocks ?? []) as { type: string; elements?: { action_id?: string }[] }[])
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? [])
    .map((e) => e.action_id);

async function command(userId: string, text: string): Promise<string> {
  const res = await h.driver.sendSlashCommand({ userId, channelId: CHANNEL, text });
  expect(res.status).toBe(200);
  return JSON.stringify(res.json);
}

describe("the weeks after a verdict", () => {
  it("a review nobody approves is reminded, then approved, and the requester hears it", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Ticket triage classifier" }));
    // The review opened when the verdict was posted, by the wall clock; the app's clock starts from there.
    clock = Date.parse(decision.reviewOpenedAt!);
    const verdict = () => h.emulator.message(CHANNEL, decision.messageTs!);
    // The reviewers are asked when the review opens, and the verdict says what approving means.
    expect(texts(verdict())).toContain(`Reviewers: <@${ALICE}> <@${BOB}> <@${CAROL}>`);
    expect(verdict()?.text).toContain(`Review asked of <@${ALICE}> <@${BOB}> <@${CAROL}>`);
    expect(texts(verdict())).toContain("React :white_check_mark: to approve fine-tuning");
    expect(buttonsOf(verdict())).toEqual([ACTION.viewAnswers, ACTION.approveDecision, ACTION.requestChanges]);

    // Nothing is due before two days have passed.
    clock += 2 * DAY - 60_000;
    await h.remind();
    expect(reminders(decision.messageTs!)).toHaveLength(0);
    clock += 60_000;
    await h.remind();
    expect(reminders(decision.messageTs!)).toHaveLength(1);
    expect(reminders(decision.messageTs!)[0]!.text).toContain(`<@${ALICE}> <@${BOB}> <@${CAROL}>`);
    expect(reminders(decision.messageTs!)[0]!.text).toContain("0 of 2 approvals");
    // At most once per interval.
    clock += DAY;
    await h.remind();
    expect(reminders(decision.messageTs!)).toHaveLength(1);

    // Alice approves by reaction, Bob with the button: they count the same.
    await h.driver.sendReaction({ userId: ALICE, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.settled();
    clock += DAY;
    await h.remind();
    const second = reminders(decision.messageTs!);
    expect(second).toHaveLength(2);
    // The second reminder names only who has not approved yet.
    expect(second[1]!.text).not.toContain(`<@${ALICE}>`);
    expect(second[1]!.text).toContain("1 of 2 approvals");

    const pressed = await h.driver.sendBlockAction({
      userId: BOB,
      actionId: ACTION.approveDecision,
      blockId: BLOCK.verdictActions,
      channelId: CHANNEL,
      messageTs: decision.messageTs!,
    });
    expect(pressed.status).toBe(200);
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", WAIT_MS, "approved");
    await h.settled();
    const outcome = thread(decision.messageTs!).find((m) => m.text.includes("is approved by"));
    expect(outcome?.text).toContain(`<@${REQUESTER}>, decision #${decision.number} is approved by <@${ALICE}>, <@${BOB}>`);
    expect(buttonsOf(verdict())).toEqual([ACTION.viewAnswers]);

    // Never after it ends.
    clock += 10 * DAY;
    await h.remind();
    expect(reminders(decision.messageTs!)).toHaveLength(2);
  });

  it("a change request is revised into a linked decision that supersedes it, found again and exported", async () => {
    const { decision: old } = await runReview(h, validAnswers({ title: "Support reply drafting" }));
    const oldVerdict = () => h.emulator.message(CHANNEL, old.messageTs!);

    // Carol requests changes with the button: the form asks why, and the reason is kept and shown.
    await h.driver.sendBlockAction({
      userId: CAROL,
      actionId: ACTION.requestChanges,
      blockId: BLOCK.verdictActions,
      channelId: CHANNEL,
      messageTs: old.messageTs!,
    });
    const reasonForm = await h.emulator.waitFor(
      () => h.emulator.openedViews().find((v) => v.open && v.view.callback_id === VIEW.changeReason),
      WAIT_MS,
      "the reason form",
    );
    const reason = "The baseline was scored on last year's tickets: re-score it on this quarter's.";
    const sent = await h.driver.sendViewSubmission({ userId: CAROL, view: reasonForm, values: { [BLOCK.reasonInput]: reason } });
    expect(sent.json ?? "").not.toHaveProperty("response_action");
    await h.emulator.waitFor(() => h.decision(old.id)?.status === "changes-requested", WAIT_MS, "changes requested");
    await h.settled();
    const request = thread(old.messageTs!).find((m) => m.text.includes("requested changes"))!;
    expect(request.text).toContain(`<@${CAROL}> requested changes on decision #${old.number}.`);
    expect(request.text).toContain("re-score it on this quarter's");
    expect(request.text).toContain(`<@${REQUESTER}>, discuss here, then *Revise answers*`);
    expect(texts(oldVerdict())).toContain(`*Changes requested* by <@${CAROL}>: The baseline was scored`);

    // The requester revises: the form opens with the stored answers.
    await h.driver.sendBlockAction({
      userId: REQUESTER,
      actionId: ACTION.reviseAnswers,
      blockId: BLOCK.changeRequestActions,
      channelId: CHANNEL,
      messageTs: request.ts,
    });
    const form = await h.emulator.waitFor(
      () =>
        h.emulator
          .openedViews()
          .find((v) => v.open && v.view.callback_id === VIEW.questionnaire && JSON.stringify(v.view.blocks).includes("Revising decision")),
      WAIT_MS,
      "the questionnaire with the answers",
    );
    expect(JSON.stringify(form.view.blocks)).toContain('"initial_value":"Support reply drafting"');
    const revised = validAnswers({
      title: "Support reply drafting",
      evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 91, targetScore: 90 },
    });
    await walkQuestionnaire(h, form, revised, { userId: REQUESTER });
    const child = await h.emulator.waitFor(() => h.decisions().find((d) => d.parentId === old.id && d.replyTs), WAIT_MS, "revision posted");
    await h.settled();

    // The revision lives in the same thread and is shown in the channel, opening with what changed.
    expect(child.threadTs).toBe(old.threadTs);
    const broadcast = h.emulator.messagesIn(CHANNEL).find((m) => m.ts === child.messageTs)!;
    expect(broadcast.replyBroadcast).toBe(true);
    expect(broadcast.text).toMatch(/^Verdict changed: Fine-tune → Don't fine-tune/);
    expect(texts(broadcast)).toContain(`*What you changed from #${old.number}:*`);
    expect(texts(broadcast)).toContain("Prompted system's score (0-100): 80 → 91");
    expect(texts(broadcast)).toContain(`#${child.number} asked by <@${REQUESTER}>`);
    // The old one says so everywhere: its message, list, show, App Home.
    expect(texts(oldVerdict())).toContain(`Superseded by #${child.number}`);
    expect(buttonsOf(oldVerdict())).toEqual([ACTION.viewAnswers]);
    expect(h.decision(old.id)?.supersededBy?.number).toBe(child.number);
    // Other apps hear it too: the old verdict's message metadata becomes decision_superseded.
    expect(oldVerdict()?.metadata).toMatchObject({
      event_type: "decision_superseded",
      event_payload: { decision_number: old.number, superseded_by: child.number, status: "superseded" },
    });
    expect(await command(ALICE, `show ${old.number}`)).toContain(`Superseded by #${child.number}`);
    expect(await command(ALICE, `show ${child.number}`)).toContain(`Revises #${old.number}`);

    // Found again: list with a link to the thread, a filter, search, App Home.
    const fresh = h.decision(child.id)!;
    expect(fresh.permalink).toMatch(/^https:\/\/emulated\.slack\.com\/archives\/CGENERAL\/p\d+/);
    const link = `<${fresh.permalink!.replace(/&/g, "&amp;")}|Support reply drafting>`;
    const listed = await command(ALICE, "list");
    expect(listed).toContain(`*#${child.number}* ${link}`);
    expect(listed).toContain("<!date^");
    expect(listed).toContain(`<#${CHANNEL}>`);
    expect(await command(ALICE, "list status:superseded")).toContain(`*#${old.number}*`);
    expect(await command(ALICE, "list status:superseded")).not.toContain(`*#${child.number}*`);
    expect(await command(ALICE, "list verdict:no")).toContain(`*#${child.number}*`);
    expect(await command(ALICE, "search reply drafting")).toContain(`*#${child.number}*`);
    await h.driver.sendAppHomeOpened(REQUESTER);
    const home = await h.emulator.waitFor(
      () => {
        const view = h.emulator.homeView(REQUESTER);
        return view && JSON.stringify(view.view).includes(`#${child.number}`) ? view : undefined;
      },
      WAIT_MS,
      "App Home",
    );
    expect(JSON.stringify(home.view)).toContain(JSON.stringify(link).slice(1, -1));

    // Exported as Markdown.
    const record = await command(ALICE, `show ${child.number} --markdown`);
    expect(record).toContain(`# ${child.number}. Support reply drafting`);
    expect(record).toContain("## Context");
    expect(record).toContain(`Revises #${old.number}`);
    expect(record).toContain("[Slack thread](https://emulated.slack.com/archives/CGENERAL/");
  });
});
