import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { insertDecision, setStatus } from "../../src/store/decisions.js";
import { listJobs } from "../../src/store/jobs.js";
import { dueReminders, MAX_REMINDERS, queueDueReminders, queueReminder, reminderCheckEveryMs } from "../../src/store/reminders.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";
import { seedDecision } from "../support/seed.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

const dbs: SqlClient[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A posted decision whose review opened at `openedAt`. */
async function openReview(db: SqlClient, openedAt: Date, teamId = "T1") {
  const decision = await seedDecision(db, {
    teamId,
    threadTs: `${Math.floor(openedAt.getTime() / 1000)}.${String(teamId.length).padStart(6, "0")}`,
  });
  await db.run(sql`update decisions set review_opened_at = ${openedAt.toISOString()} where id = ${decision.id}`);
  return decision;
}

const reminderJobs = async (db: SqlClient, decisionId: number) =>
  (await listJobs(db, { decisionId })).filter((j) => j.kind === "post-reminder").map((j) => j.payload);

describe.each(STORE_DIALECTS)("reminders ($name)", ({ open }) => {
  describe("review reminders", () => {
    it("can look at some workspaces only, or at all but some (each workspace may have its own interval)", async () => {
      const db = await open();
      dbs.push(db);
      const opened = new Date("2026-11-24T10:00:00Z");
      const inT1 = await openReview(db, opened, "T1");
      const inT22 = await openReview(db, opened, "T22");
      const at = new Date(opened.getTime() + DAY);
      expect((await dueReminders(db, at, HOUR, 500, { only: ["T22"] })).map((d) => d.decisionId)).toEqual([inT22.id]);
      expect((await dueReminders(db, at, HOUR, 500, { except: ["T22"] })).map((d) => d.decisionId)).toEqual([inT1.id]);
      expect(await dueReminders(db, at, HOUR, 500, { only: [] })).toEqual([]);
      expect(await queueDueReminders(db, at, HOUR, { only: ["T1"] })).toBe(1);
      expect(await reminderJobs(db, inT1.id)).toHaveLength(1);
      expect(await reminderJobs(db, inT22.id)).toHaveLength(0);
    });

    it("come once per interval after the review opened, at most three times, by the clock they are given", async () => {
      const db = await open();
      dbs.push(db);
      const opened = new Date("2026-11-24T10:00:00Z");
      const d = await openReview(db, opened);
      const at = (ms: number) => new Date(opened.getTime() + ms);

      expect(await queueDueReminders(db, at(2 * DAY - 1), 2 * DAY)).toBe(0);
      expect(await queueDueReminders(db, at(2 * DAY), 2 * DAY)).toBe(1);
      // Checked again within the same interval: nothing more.
      expect(await queueDueReminders(db, at(2 * DAY + HOUR), 2 * DAY)).toBe(0);
      expect(await queueDueReminders(db, at(4 * DAY), 2 * DAY)).toBe(1);
      expect(await queueDueReminders(db, at(6 * DAY), 2 * DAY)).toBe(1);
      expect(await queueDueReminders(db, at(30 * DAY), 2 * DAY)).toBe(0);
      expect(await reminderJobs(db, d.id)).toEqual([{ nth: 1 }, { nth: 2 }, { nth: 3 }]);
      expect(MAX_REMINDERS).toBe(3);
    });

    it("never come once the review is over (approved, changes requested, superseded) or before the verdict is posted", async () => {
      const db = await open();
      dbs.push(db);
      const opened = new Date("2026-11-24T10:00:00Z");
      const approved = await openReview(db, opened);
      const changes = await openReview(db, opened);
      const replaced = await openReview(db, opened);
      const { decision: revision } = await insertDecision(db, {
        teamId: "T1",
        channelId: "C1",
        requesterId: "U1",
        answers: validAnswers(),
        verdict: decide(validAnswers()),
        parentId: replaced.id,
        decidedOn: "2026-11-24",
        submissionKey: "revision",
      });
      await seedDecision(db, { threadTs: null });
      await db.transaction((tx) => setStatus(tx, approved.id, "approved"));
      await db.transaction((tx) => setStatus(tx, changes.id, "changes-requested"));
      expect(await dueReminders(db, new Date(opened.getTime() + 10 * DAY), DAY)).toEqual([]);
      expect(revision.reviewOpenedAt).toBeNull();
    });

    it("are counted once when two passes race for the same reminder", async () => {
      const db = await open();
      dbs.push(db);
      const opened = new Date("2026-11-24T10:00:00Z");
      const d = await openReview(db, opened);
      const now = new Date(opened.getTime() + DAY);
      const [due] = await dueReminders(db, now, DAY);
      expect(due).toEqual({ decisionId: d.id, sent: 0 });
      const results = await Promise.all([queueReminder(db, due!, now), queueReminder(db, due!, now)]);
      expect(results.sort()).toEqual([false, true]);
      expect(await reminderJobs(db, d.id)).toEqual([{ nth: 1 }]);
    });

    it("are checked at least once a minute, and at least once per interval", () => {
      expect(reminderCheckEveryMs(2 * DAY)).toBe(60_000);
      expect(reminderCheckEveryMs(10_000)).toBe(10_000);
    });
  });
});
