import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { insertDecision } from "../../src/store/decisions.js";
import { listJobs } from "../../src/store/jobs.js";
import { actOnNotice, getNotice, noticeAt, noticesOf, queueNotices, recordNoticePosted } from "../../src/store/model-notices.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { newsNumbers, numberNews, recordFirstSeen } from "../../src/store/watch-state.js";
import { validAnswers } from "../support/answers.js";
import { seedDecision } from "../support/seed.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

let db: SqlClient;

const content = {
  kind: "newer-version" as const,
  versions: [{ id: "gpt-4o-2024-11-20", releaseDate: "2024-11-20", source: "models.dev" }],
};

/** A decision in `channelId` with one posted notice; its id and the notice's. */
async function posted(channelId = "C1") {
  const decision = await seedDecision(db, { channelId, threadTs: `${channelId.length}.1`, baseModel: "gpt-4o-2024-05-13" });
  await queueNotices(db, { decisionId: decision.id, fromSeq: 0, toSeq: 1, notices: [{ modelId: decision.baseModel, content }] });
  const [notice] = await noticesOf(db, decision.id);
  await recordNoticePosted(db, notice!.id, `${decision.id}.5`);
  return { decision, noticeId: notice!.id, ts: `${decision.id}.5` };
}

describe.each(STORE_DIALECTS)("the watch's store ($name)", ({ open }) => {
  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => db.close());

  describe("model notices", () => {
    it("are found by the channel and message a click came from, never from another channel", async () => {
      const inGeneral = await posted("C1");
      const secret = await posted("GSECRET");
      expect((await noticeAt(db, "C1", inGeneral.ts))?.notice.id).toBe(inGeneral.noticeId);
      expect(await noticeAt(db, "C1", secret.ts)).toBeNull();
      expect((await noticeAt(db, "GSECRET", secret.ts))?.decision).toMatchObject({ channelId: "GSECRET", requesterId: "U1" });
    });

    it("are acted on once: the first Ignore or Snooze wins and queues one redraw", async () => {
      const { noticeId } = await posted();
      expect(await actOnNotice(db, noticeId, "UA", { state: "ignored" })).toBe(true);
      expect(await actOnNotice(db, noticeId, "UB", { state: "snoozed", until: "2027-01-01T00:00:00.000Z" })).toBe(false);
      expect((await getNotice(db, noticeId))?.notice).toMatchObject({ state: "ignored", actedBy: "UA", snoozedUntil: null });
      expect((await listJobs(db)).filter((j) => j.kind === "update-notice").map((j) => j.payload)).toEqual([{ noticeId }]);
    });

    it("say which re-evaluation took them up, and only a notice of the decision re-evaluated", async () => {
      const parent = await posted();
      const other = await posted();
      const answers = validAnswers({ baseModel: "gpt-4o-2024-11-20" });
      const child = (noticeId: number, key: string, parentId = parent.decision.id) =>
        insertDecision(db, {
          teamId: "T1",
          channelId: "C1",
          requesterId: "UREQ",
          answers,
          verdict: decide(answers),
          parentId,
          noticeId,
          decidedOn: "2026-11-25",
          submissionKey: key,
        });
      const { decision } = await child(parent.noticeId, "k1");
      expect((await getNotice(db, parent.noticeId))?.notice).toMatchObject({
        state: "re-evaluated",
        actedBy: "UREQ",
        followUpId: decision.id,
        followUpNumber: decision.number,
      });
      // A re-evaluation of a third decision that names the other decision's notice leaves that notice alone.
      const third = await posted();
      await child(other.noticeId, "k2", third.decision.id);
      expect((await getNotice(db, other.noticeId))?.notice.state).toBe("announced");
    });

    it("move a decision's mark only from where the pass read it", async () => {
      const decision = await seedDecision(db, { threadTs: "1.1" });
      expect(await queueNotices(db, { decisionId: decision.id, fromSeq: 0, toSeq: 5, notices: [] })).toEqual([]);
      expect(await queueNotices(db, { decisionId: decision.id, fromSeq: 0, toSeq: 6, notices: [{ modelId: "m", content }] })).toBeNull();
      expect(await noticesOf(db, decision.id)).toEqual([]);
    });
  });

  describe("the watch's numbering and first-seen days", () => {
    it("numbers each item once, in the order given, for good", async () => {
      const first = await numberNews(db, [
        { modelId: "a", itemKey: "version:x" },
        { modelId: "a", itemKey: "version:y" },
      ]);
      const again = await numberNews(db, [
        { modelId: "b", itemKey: "version:x" },
        { modelId: "a", itemKey: "version:y" },
      ]);
      expect([...first.values()]).toEqual([1, 2]);
      expect(again.get("a\u0000version:y")).toBe(2);
      expect(again.get("b\u0000version:x")).toBe(3);
      expect((await newsNumbers(db)).size).toBe(3);
    });

    it("keeps the day an id was first seen, whatever its case", async () => {
      await recordFirstSeen(db, ["Org/Model-A"], "2026-01-02");
      const days = await recordFirstSeen(db, ["org/model-a", "org/model-b"], "2026-02-03");
      expect(Object.fromEntries(days)).toEqual({ "org/model-a": "2026-01-02", "org/model-b": "2026-02-03" });
    });
  });
});
