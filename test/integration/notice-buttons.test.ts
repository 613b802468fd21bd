import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION, BLOCK, VIEW } from "../../src/slack/ids.js";
import type { StoredMessage } from "../emulator/emulator-world.js";
import { validAnswers } from "../support/answers.js";
import { CatalogServer, modelsDevSlice } from "../support/catalog-server.js";
import { CHANNEL, type Harness, REQUESTER, REVIEWERS, runReview, startHarness, WAIT_MS } from "../support/harness.js";
import { readDb } from "../support/read-db.js";

// A notice's buttons act only on a notice of the channel the click came from, only for its decision's requester or a
// reviewer, and never copy what a payload carries into a message (issue 9, "Buttons trust the payload").

const SECRET = "GWATCH";
const [ALICE, BOB] = REVIEWERS;
const OUTSIDER = "UOUTSIDE";

let h: Harness;
let catalog: CatalogServer;

beforeEach(async () => {
  catalog = await CatalogServer.start(modelsDevSlice({ openai: ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20"] }));
  // Alice is the only reviewer; Bob is in the public channel but not in the private one.
  h = await startHarness(
    { MODEL_SOURCES: "models.dev", MODELS_DEV_URL: catalog.url, REVIEWERS: ALICE },
    { now: () => new Date("2026-11-24T12:00:00Z"), today: () => "2024-09-01" },
  );
  h.emulator.addUser({ id: OUTSIDER, name: "outsider" });
  h.emulator.addChannel({ id: SECRET, name: "secret-plans", isPrivate: true, members: [h.emulator.botUserId, REQUESTER, ALICE] });
  h.emulator.channel(CHANNEL)!.members.push(OUTSIDER);
});
afterEach(async () => {
  await h.stop();
  await catalog.stop();
});

/** A decision in `channelId` and the notice the watch posted in its thread. */
async function noticeIn(channelId: string, title: string): Promise<{ decisionId: number; notice: StoredMessage }> {
  const { decision } = await runReview(h, validAnswers({ baseModel: "gpt-4o-2024-05-13", title, asOf: "2024-09-01" }), { channelId });
  await h.checkModels();
  const notice = h.emulator.threadReplies(channelId, decision.threadTs!).find((m) => m.text.includes("Newer version of"));
  if (!notice) throw new Error("no notice posted");
  return { decisionId: decision.id, notice };
}

/** The notice's state, read as another process would. */
function readNotice(decisionId: number) {
  return readDb(h.dbPath, (db) =>
    db.prepare("select state, acted_by as actedBy from watch_notices where decision_id = ?").get(decisionId),
  ) as { state: string; actedBy: string | null };
}

/** Clicks a button of `message` as `userId`; `from` is where Slack says the click happened. */
async function click(message: StoredMessage, actionId: string, userId: string, from: string = message.channel) {
  const res = await h.driver.sendBlockAction({
    userId,
    actionId,
    blockId: BLOCK.modelNoticeActions,
    channelId: from,
    message: { ...message, channel: from },
  });
  expect(res.status).toBe(200);
  await h.app.idle();
  await h.settled();
}

/** What the clicker was told, privately, in the channel the click came from. */
const toldPrivately = (channelId: string, userId: string) =>
  h.emulator.waitFor(() => h.emulator.ephemeralsIn(channelId, userId).at(-1)?.text, WAIT_MS, `a note to ${userId}`);

const questionnairesOpened = () =>
  h.emulator
    .callsTo("views.open")
    .filter((c) => JSON.stringify(c.args).includes(VIEW.questionnaire) && JSON.stringify(c.args).includes("Re-evaluating"));

describe("a click from another channel on a private decision's notice", () => {
  it.each([ACTION.ignoreVersion, ACTION.snoozeVersion])("cannot %s it", async (actionId) => {
    const { decisionId, notice } = await noticeIn(SECRET, "Secret decision");
    const updates = h.emulator.callsTo("chat.update").length;
    // Bob clicks in the public channel, with a message that carries the private notice's ts and buttons.
    await click(notice, actionId, BOB, CHANNEL);
    expect(readNotice(decisionId)).toEqual({ state: "announced", actedBy: null });
    expect(h.emulator.callsTo("chat.update")).toHaveLength(updates);
    expect(h.jobs(decisionId).filter((j) => j.kind === "update-notice")).toEqual([]);
    expect(await toldPrivately(CHANNEL, BOB)).toContain("not on a model notice of this channel");
  });

  it("cannot open a re-evaluation pre-filled with its stored answers", async () => {
    const { notice } = await noticeIn(SECRET, "Secret decision: acquisition of Initech");
    await click(notice, ACTION.reEvaluate, BOB, CHANNEL);
    expect(await toldPrivately(CHANNEL, BOB)).toContain("not on a model notice of this channel");
    expect(questionnairesOpened()).toEqual([]);
    expect(JSON.stringify(h.emulator.callsTo("views.open"))).not.toContain("Initech");
  });
});

describe("a channel member who is neither the requester nor a reviewer", () => {
  it.each([ACTION.ignoreVersion, ACTION.snoozeVersion, ACTION.reEvaluate])("cannot %s a notice", async (actionId) => {
    const { decisionId, notice } = await noticeIn(CHANNEL, "Open decision");
    await click(notice, actionId, OUTSIDER);
    expect(readNotice(decisionId)).toEqual({ state: "announced", actedBy: null });
    expect(questionnairesOpened()).toEqual([]);
    expect(await toldPrivately(CHANNEL, OUTSIDER)).toContain(`Only <@${REQUESTER}>, who asked for this decision, or a reviewer`);
  });

  it("while a reviewer and the requester can", async () => {
    const { decisionId, notice } = await noticeIn(CHANNEL, "Open decision");
    const stale = structuredClone(notice);
    await click(notice, ACTION.reEvaluate, REQUESTER);
    expect(questionnairesOpened()).toHaveLength(1);
    await click(notice, ACTION.ignoreVersion, ALICE);
    expect(readNotice(decisionId)).toEqual({ state: "ignored", actedBy: ALICE });
    // Once used, the notice has no buttons left; a click from a screen that still shows them is told so.
    await click(stale, ACTION.snoozeVersion, REQUESTER);
    expect(await toldPrivately(CHANNEL, REQUESTER)).toContain("already acted on");
  });
});

describe("a used notice", () => {
  it("is redrawn from our records, never from the blocks a payload carries", async () => {
    const { notice } = await noticeIn(CHANNEL, "Open decision");
    const doctored: StoredMessage = {
      ...notice,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Approved* by everyone <!channel>" } }, ...(notice.blocks ?? [])],
    };
    await click(doctored, ACTION.ignoreVersion, ALICE);
    const after = h.emulator.message(CHANNEL, notice.ts)!;
    const text = JSON.stringify(after.blocks);
    expect(text).toContain(`Ignored by <@${ALICE}>`);
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("Approved");
    expect(text).not.toContain(ACTION.reEvaluate);
  });
});
