import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  handleQuietNotice,
  handleReEvaluate,
  NOT_A_NOTICE_TEXT,
  type NoticeActionDeps,
  notAllowedText,
} from "../../src/slack/handlers/handle-notice-actions.js";
import { ACTION, VIEW } from "../../src/slack/ids.js";
import { readQuestionnaireMetadata, readReviewMetadata } from "../../src/slack/readers/read-review-metadata.js";
import { getNotice, noticesOf, queueNotices, recordNoticePosted } from "../../src/store/model-notices.js";
import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { seedDecision } from "../support/seed.js";

// The notice buttons' handlers called directly (bolt-js style), on a real SQLite database with the real migrations.

let db: SqlClient;
let noticeId: number;
let queued: number;
const REVIEWER = "UREVIEW";

beforeEach(async () => {
  db = await openDb(":memory:");
  queued = 0;
  const decision = await seedDecision(db, {
    channelId: "CTEAM",
    requesterId: "UREQ",
    threadTs: "100.1",
    candidateModel: "mistral-large-2407",
  });
  const content = {
    kind: "newer-version" as const,
    versions: [{ id: "mistral-large-2411", releaseDate: "2024-11-18", source: "models.dev" }],
  };
  await queueNotices(db, { decisionId: decision.id, fromSeq: 0, toSeq: 1, notices: [{ modelId: "mistral-large-2407", content }] });
  noticeId = (await noticesOf(db, decision.id))[0]!.id;
  await recordNoticePosted(db, noticeId, "100.5");
});
afterEach(async () => db.close());

const deps = (): NoticeActionDeps => ({
  db,
  today: () => "2026-11-24",
  now: () => new Date("2026-11-24T12:00:00Z"),
  isReviewer: async (userId) => userId === REVIEWER,
  jobsQueued: () => {
    queued++;
  },
  // Work after the ack starts at once; `settled` waits for it.
  later: (_what, work) => void afterAck.push(work()),
});
const afterAck: Promise<unknown>[] = [];
const settled = async () => {
  await Promise.all(afterAck.splice(0));
};

/** A click on the notice's button as Slack sends it; `channelId`/`ts` say where it came from. */
function click(actionId: string, userId: string, where: { channelId?: string; ts?: string } = {}) {
  const channelId = where.channelId ?? "CTEAM";
  const ts = where.ts ?? "100.5";
  const notes: string[] = [];
  const opened: unknown[] = [];
  const args = {
    ack: async () => undefined,
    action: { type: "button", action_id: actionId, block_id: "b", action_ts: "1.1" },
    body: {
      type: "block_actions",
      user: { id: userId },
      channel: { id: channelId },
      message: { ts },
      container: { type: "message", channel_id: channelId, message_ts: ts },
      trigger_id: "trigger",
    },
    client: { views: { open: async (view: unknown) => opened.push(view) } },
    respond: async (reply: { text: string }) => {
      notes.push(reply.text);
    },
    logger: { warn: () => undefined },
  } as unknown as SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
  return { args, notes, opened };
}

describe("notice buttons", () => {
  it("Ignore by a reviewer quiets the notice, says who, and queues its redraw", async () => {
    const { args, notes } = click(ACTION.ignoreVersion, REVIEWER);
    await handleQuietNotice(deps(), "ignore")(args);
    expect((await getNotice(db, noticeId))?.notice).toMatchObject({ state: "ignored", actedBy: REVIEWER });
    expect(queued).toBe(1);
    expect(notes).toEqual([]);
  });

  it("Snooze by the requester keeps it quiet for 30 days", async () => {
    await handleQuietNotice(deps(), "snooze")(click(ACTION.snoozeVersion, "UREQ").args);
    expect((await getNotice(db, noticeId))?.notice).toMatchObject({ state: "snoozed", snoozedUntil: "2026-12-24T12:00:00.000Z" });
  });

  it.each([
    ["from another channel", { channelId: "COTHER" }],
    ["on another message", { ts: "100.6" }],
  ])("does nothing for a click %s, and says so to the clicker only", async (_name, where) => {
    const { args, notes } = click(ACTION.ignoreVersion, REVIEWER, where);
    await handleQuietNotice(deps(), "ignore")(args);
    expect((await getNotice(db, noticeId))?.notice.state).toBe("announced");
    expect(notes).toEqual([NOT_A_NOTICE_TEXT]);
    expect(queued).toBe(0);
  });

  it("lets neither Ignore nor Re-evaluate through for someone who is neither requester nor reviewer", async () => {
    const ignore = click(ACTION.ignoreVersion, "UOTHER");
    await handleQuietNotice(deps(), "ignore")(ignore.args);
    const reEvaluate = click(ACTION.reEvaluate, "UOTHER");
    await handleReEvaluate(deps())(reEvaluate.args);
    await settled();
    expect((await getNotice(db, noticeId))?.notice.state).toBe("announced");
    expect([...ignore.notes, ...reEvaluate.notes]).toEqual([notAllowedText("UREQ"), notAllowedText("UREQ")]);
    expect(reEvaluate.opened).toEqual([]);
  });

  it("Re-evaluate opens the questionnaire with the newer version as the model to fine-tune, tied to the notice", async () => {
    const { args, opened } = click(ACTION.reEvaluate, "UREQ");
    await handleReEvaluate(deps())(args);
    await settled();
    expect(opened).toHaveLength(1);
    // The first of the questionnaire's steps, sent as JSON text; the models are asked on the last step.
    const view = JSON.parse((opened[0] as { view: string }).view) as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe(VIEW.questionnaire);
    expect(readReviewMetadata(view.private_metadata)).toEqual({ channelId: "CTEAM", threadTs: "100.1", parentId: 1, noticeId });
    expect(readQuestionnaireMetadata(view.private_metadata)?.values).toMatchObject({
      baseModel: "gpt-4o-2024-08-06",
      candidateModel: "mistral-large-2411",
      asOf: "2026-11-24",
    });
    expect(JSON.stringify(view.blocks)).toContain("as the model to fine-tune");
    // Opening the form changes nothing yet: the notice is marked once the re-evaluation is stored.
    expect((await getNotice(db, noticeId))?.notice.state).toBe("announced");
  });
});
