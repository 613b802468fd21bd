import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { VIEW } from "../../src/slack/ids.js";
import { answersToForm } from "../../src/slack/questionnaire/form-values.js";
import { validAnswers } from "../support/answers.js";
import { formFill, walkQuestionnaire } from "../support/fill.js";
import {
  CHANNEL,
  completeQuestionnaire,
  type Harness,
  openQuestionnaire,
  REQUESTER,
  REVIEWERS,
  runReview,
  startHarness,
} from "../support/harness.js";

const [ALICE, BOB, CAROL] = REVIEWERS;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const texts = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify([m.text, m.blocks]);
const fillValuesOf = (view: { view: Record<string, unknown> }, answers: ReturnType<typeof validAnswers>) =>
  formFill(answersToForm(answers), view.view);

describe("a whole review through the real app, over signed HTTP, against the Slack emulator", () => {
  it("command → three steps → verdict in the channel → reasons in the thread → two approvals", async () => {
    const answers = validAnswers({ title: "Ticket triage classifier" });
    const view = await openQuestionnaire(h, { text: "Ticket triage classifier" });
    expect(view.view.callback_id).toBe(VIEW.questionnaire);
    // The title typed after the command is pre-filled.
    expect(JSON.stringify(view.view.blocks)).toContain("Ticket triage classifier");

    const { response: submitted, views } = await completeQuestionnaire(h, view, answers);
    expect(views.map((v) => v.view.callback_id)).toEqual([VIEW.questionnaire, VIEW.questionnaireEvidence, VIEW.questionnaireCosts]);
    expect(submitted.status).toBe(200);
    // The last step closes every step.
    expect(submitted.json).toEqual({ response_action: "clear" });
    expect(views.every((v) => h.emulator.view(v.id)?.open === false)).toBe(true);

    const decision = await h.emulator.waitFor(() => h.decisions().find((d) => d.replyTs), 10_000, "posted");
    expect(decision.verdict).toEqual(decide(answers));
    expect(decision.requesterId).toBe(REQUESTER);
    const message = h.emulator.message(CHANNEL, decision.messageTs!)!;
    expect(texts(message)).toContain(`Fine-tune: ${answers.title}`);
    expect(texts(message)).toContain(`#${decision.id}`);
    expect(texts(message)).toContain("2 approvals needed");
    const replies = h.emulator.threadReplies(CHANNEL, decision.messageTs!);
    expect(replies).toHaveLength(1);
    expect(texts(replies[0]!)).toContain("Next steps");

    await h.driver.sendReaction({ userId: ALICE, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.emulator.waitFor(
      () => texts(h.emulator.message(CHANNEL, decision.messageTs!)!).includes("1 so far"),
      10_000,
      "1 approval shown",
    );
    expect(h.decision(decision.id)?.status).toBe("in-review");

    await h.driver.sendReaction({
      userId: BOB,
      reaction: "white_check_mark::skin-tone-3",
      channelId: CHANNEL,
      messageTs: decision.messageTs!,
    });
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", 10_000, "approved");
    await h.emulator.waitFor(
      () => texts(h.emulator.message(CHANNEL, decision.messageTs!)!).includes("*Approved* by"),
      10_000,
      "message updated",
    );
    await h.settled();
    const after = h.emulator.threadReplies(CHANNEL, decision.messageTs!);
    expect(after).toHaveLength(2);
    expect(texts(after[1]!)).toContain(`<@${ALICE}>`);
    expect(texts(after[1]!)).toContain(`<@${BOB}>`);

    // A third approval after the quorum announces nothing more.
    await h.driver.sendReaction({ userId: CAROL, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.settled();
    expect(h.emulator.threadReplies(CHANNEL, decision.messageTs!)).toHaveLength(2);
  });

  it("shows field errors in plain words under their fields and stores and posts nothing", async () => {
    const before = h.decisions().length;
    const posts = h.emulator.callsTo("chat.postMessage").length;
    const first = await openQuestionnaire(h);
    const answers = validAnswers();
    const { views } = await walkQuestionnaire(h, first, answers, { userId: REQUESTER, stopAt: "evidence" });
    const view = views.at(-1)!;
    const values = { ...fillValuesOf(view, answers), "data.labeledExamples": "-3", "evals.baselineScore": "140" };
    const res = await h.driver.sendViewSubmission({ userId: REQUESTER, view, values, clientChecks: false });
    expect(res.status).toBe(200);
    const body = res.json as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors).toEqual({ "data.labeledExamples": "Examples can't be negative", "evals.baselineScore": "Scores go from 0 to 100" });
    expect(res.ack?.ok).toBe(true);
    await h.settled();
    expect(h.decisions()).toHaveLength(before);
    expect(h.emulator.callsTo("chat.postMessage")).toHaveLength(posts);
  });

  it("escapes user text: a hostile title pings no one and renders no link", async () => {
    const hostile = "<!channel> <https://evil.example|click> & co";
    const { decision } = await runReview(h, validAnswers({ title: hostile, baseModel: "<!here>" }));
    const posted = [h.emulator.message(CHANNEL, decision.messageTs!)!, ...h.emulator.threadReplies(CHANNEL, decision.messageTs!)];
    for (const m of posted) {
      const mrkdwn =
        JSON.stringify(m.blocks)
          .match(/"type":"mrkdwn","text":"[^"]*"/g)
          ?.join("\n") ?? "";
      for (const text of [m.text ?? "", mrkdwn]) {
        expect(text).not.toContain("<!channel>");
        expect(text).not.toContain("<!here>");
        expect(text).not.toContain("<https://evil.example");
      }
    }
    // The title reaches the notification text escaped (the header is plain text, which Slack does not parse).
    expect(h.emulator.message(CHANNEL, decision.messageTs!)!.text).toContain(
      "&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co",
    );
    expect(decision.title).toBe(hostile);
  });

  it("answers help, list, list all and show ephemerally", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Listed decision" }));
    const reply = async (text: string) => {
      const res = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text });
      expect(res.status).toBe(200);
      return JSON.stringify(res.json);
    };
    expect(await reply("help")).toContain("list all");
    expect(await reply("list")).toContain("Listed decision");
    expect(await reply("list all")).toContain(`#${decision.id}`);
    expect(await reply(`show ${decision.number}`)).toContain("Listed decision");
    expect(await reply("show 99999")).toContain("There is no decision #99999 you can see");
    expect(await reply("show 99999999999999999999999")).toContain("There is no decision #99999999999999999999999.");
    expect(await reply("list everything")).toContain("is not a filter");
    const listElsewhere = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: "CNOBOT", text: "list" });
    expect(JSON.stringify(listElsewhere.json)).toContain("No decisions in this channel");
  });

  it("publishes App Home with the user's decisions and those waiting for their review", async () => {
    await runReview(h, validAnswers({ title: "Home decision" }));
    await h.driver.sendAppHomeOpened(CAROL);
    const home = await h.emulator.waitFor(() => h.emulator.homeView(CAROL), 10_000, "home published");
    expect(JSON.stringify(home.view)).toContain("Waiting for your review");
    expect(JSON.stringify(home.view)).toContain("Home decision");
    await h.driver.sendAppHomeOpened(REQUESTER);
    const mine = await h.emulator.waitFor(() => h.emulator.homeView(REQUESTER), 10_000, "home published");
    expect(JSON.stringify(mine.view)).toContain("Home decision");
  });

  it("starts a review inside a thread from the message shortcut and posts the verdict there", async () => {
    const root = h.emulator.addMessage({ channel: CHANNEL, user: ALICE, text: "Should we fine-tune the summariser?" });
    const res = await h.driver.sendMessageShortcut({
      callbackId: "review_in_thread",
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: root.ts,
    });
    expect(res.status).toBe(200);
    await h.emulator.waitFor(() => h.emulator.lastView()?.view.callback_id === VIEW.questionnaire, 10_000, "view");
    const view = h.emulator.lastView()!;
    await completeQuestionnaire(h, view, validAnswers({ title: "In a thread" }));
    const decision = await h.emulator.waitFor(() => h.decisions().find((d) => d.title === "In a thread" && d.replyTs), 5000, "posted");
    expect(decision.threadTs).toBe(root.ts);
    const thread = h.emulator.threadReplies(CHANNEL, root.ts);
    expect(thread.map((m) => m.ts)).toContain(decision.messageTs);
    expect(thread.map((m) => m.ts)).toContain(decision.replyTs);
  });
});
