// The database refusing writes while the app runs: the disk full (SQLite's max_page_count on the app's own
// connection, a file that cannot grow) and the database read-only (query_only). Nothing acknowledged may be lost:
// a submission is refused visibly, a reaction is not acknowledged (Slack delivers it again), and the job worker
// survives a write error in the middle of a post.
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notSavedError } from "../../src/slack/handlers/handle-questionnaire-submission.js";
import { validAnswers } from "../support/answers.js";
import { captureLogger } from "../support/capture-logger.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import { CHANNEL, type Harness, openQuestionnaire, REQUESTER, REVIEWERS, runReview, startHarness } from "../support/harness.js";
import { readDb } from "../support/read-db.js";

let h: Harness;
let logger: ReturnType<typeof captureLogger>;
beforeEach(async () => {
  logger = captureLogger();
  h = await startHarness({}, { logger, jobs: { pollMs: 50, backoff: { baseMs: 20, capMs: 200 }, claimTtlMs: 1_500 } });
});
afterEach(async () => {
  await h.stop();
});

/** Every row of the tables a submission or a review writes. */
const rows = () =>
  readDb(h.dbPath, (db) =>
    Object.fromEntries(["decisions", "jobs", "reviews", "processed_events"].map((t) => [t, db.prepare(`select * from ${t}`).all()])),
  );

/**
 * The disk is full: the app's database file may not grow by a single page, and has none free (the pages of the
 * tables and indexes the migrations dropped would take a new row, so they are vacuumed away first).
 */
async function fillDisk() {
  await h.app.store.run(sql`vacuum`);
  const [{ page_count: pages } = { page_count: 0 }] = await h.app.store.all<{ page_count: number }>(sql`pragma page_count`);
  await h.app.store.all(sql.raw(`pragma max_page_count = ${pages}`));
}
const freeDisk = () => h.app.store.all(sql`pragma max_page_count = 1073741823`);
const makeReadOnly = () => h.app.store.run(sql`pragma query_only = 1`);
const makeWritable = () => h.app.store.run(sql`pragma query_only = 0`);

describe.each([
  ["the disk is full", fillDisk, freeDisk, "the server's disk is full", /SQLITE_FULL|database or disk is full/],
  ["the database is read-only", makeReadOnly, makeWritable, "the database can't be written right now", /SQLITE_READONLY|readonly/],
])("when %s", (_name, breakIt, repair, plainWords, logged) => {
  it("a submission gets a visible error under the first field, nothing is half written, and the log says why", async () => {
    // Enough rows that a new decision needs new pages (the answers and verdict JSON alone fill several).
    for (let i = 0; i < 3; i++) await runReview(h, validAnswers({ title: `Before ${i}` }));
    await h.settled();
    const before = rows();
    const posts = h.emulator.callsTo("chat.postMessage").length;
    const notSaved = validAnswers({ title: "Not saved" });
    const view = await toLastStep(h, await openQuestionnaire(h), notSaved, REQUESTER);
    await breakIt();
    const res = await h.driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(notSaved, view.view) });
    expect(res.status).toBe(200);
    // Under the last step's first field (the steps before it are answered).
    expect(res.json).toEqual({ response_action: "errors", errors: { baseModel: notSavedError(plainWords) } });
    // Slack keeps the modal open with the message under the field.
    expect(h.emulator.view(view.id)?.open).toBe(true);
    expect(logger.text()).toMatch(/a questionnaire submission was not saved/);
    expect(logger.text()).toMatch(logged);
    expect(rows()).toEqual(before);
    expect(h.emulator.callsTo("chat.postMessage")).toHaveLength(posts);

    // Space again: the same modal submitted once more is stored and posted.
    await repair();
    const again = await h.driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(notSaved, view.view) });
    expect(again.json).toEqual({ response_action: "clear" });
    await h.settled();
    expect(h.decisions().find((d) => d.title === "Not saved")?.replyTs).toBeTruthy();
  });

  // Read-only only: a full disk may still have room for a review's few bytes in pages the tables already have.
  describe("when the database is read-only", () => {
    it("a reaction is not acknowledged (Slack delivers it again), and its redelivery counts it once", async () => {
      const { decision } = await runReview(h, validAnswers({ title: "Approve through a storage fault" }));
      await h.settled();
      const before = rows();
      await makeReadOnly();
      const react = (retryNum?: number) =>
        h.driver.sendReaction({
          userId: REVIEWERS[0],
          reaction: "white_check_mark",
          channelId: CHANNEL,
          messageTs: decision.messageTs!,
          eventId: "EvSTORAGE1",
          ...(retryNum ? { retryNum } : {}),
        });
      expect((await react()).status).toBe(500);
      expect(rows()).toEqual(before);
      expect(logger.text()).toMatch(/an event was not handled and will come again/);
      await makeWritable();
      expect((await react(1)).status).toBe(200);
      expect((await react(2)).status).toBe(200);
      await h.settled();
      expect(readDb(h.dbPath, (db) => db.prepare("select reviewer_id from reviews").all())).toEqual([{ reviewer_id: REVIEWERS[0] }]);
      expect(JSON.stringify(h.emulator.message(CHANNEL, decision.messageTs!)!.blocks)).toContain("1 so far");
    });
  });
});

describe("a database write error inside the job worker", () => {
  it("is logged, the process keeps serving, and the post is finished once writes work again, without posting twice", async () => {
    h.emulator.failNext("chat.postMessage", { hang: true, afterEffect: true });
    const throughFault = validAnswers({ title: "Written through a fault" });
    const view = await toLastStep(h, await openQuestionnaire(h), throughFault, REQUESTER);
    await h.driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(throughFault, view.view) });
    await h.emulator.waitFor(() => h.emulator.callsTo("chat.postMessage").some((c) => c.status === 0), 10_000, "the post in flight");
    // Slack has the post; the worker has not heard back. Now its write of the outcome will fail.
    await makeReadOnly();
    h.emulator.releaseHung();
    await h.emulator.waitFor(() => /could not record its end|cannot claim a job/.test(logger.text()), 10_000, "the failed write logged");
    // Still serving: a command opens the questionnaire.
    await openQuestionnaire(h);
    await makeWritable();
    await h.settled();
    const decision = h.decisions().find((d) => d.title === "Written through a fault")!;
    expect(h.emulator.messagesIn(CHANNEL).filter((m) => m.text.includes("Written through a fault"))).toHaveLength(1);
    expect(h.decision(decision.id)?.replyTs).toBeTruthy();
    expect(h.jobs(decision.id).find((j) => j.kind === "post-verdict")).toMatchObject({ status: "done" });
  });
});
