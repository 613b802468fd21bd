import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { getDecision, insertDecision } from "../../src/store/decisions.js";
import { getDraft } from "../../src/store/drafts.js";
import { listJobs } from "../../src/store/jobs.js";
import { getNotice, noticesOf } from "../../src/store/model-notices.js";
import { openDb } from "../../src/store/open-db.js";
import { validAnswers } from "../support/answers.js";

const MIGRATIONS = join(process.cwd(), "db/migrations");
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database as the app before the job table left it: migrations up to 0002 only. */
function databaseBeforeJobs(path: string): Database.Database {
  return databaseBefore(path, "0003");
}

/** A database migrated up to (not including) the migration tagged `before`. */
function databaseBefore(path: string, before: string): Database.Database {
  const old = join(dir, "old-migrations");
  mkdirSync(join(old, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const kept = journal.entries.filter((e) => e.tag < before);
  for (const e of kept) cpSync(join(MIGRATIONS, `${e.tag}.sql`), join(old, `${e.tag}.sql`));
  writeFileSync(join(old, "meta/_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  const db = new Database(path);
  migrate(drizzle(db), { migrationsFolder: old });
  return db;
}

describe("upgrading a database from the outbox columns to the job table", () => {
  it("turns what the old outbox still owed Slack into jobs, looking up what may have been sent, and drops the columns", async () => {
    dir = mkdtempSync(join(tmpdir(), "swf-migrate-"));
    const path = join(dir, "app.db");
    const old = databaseBeforeJobs(path);
    const answers = validAnswers();
    const insert = old.prepare(`insert into decisions (team_id, channel_id, requester_id, title, base_model, answers, verdict,
      engine_version, fine_tune, submission_key, message_ts, thread_ts, reply_ts, post_attempted_at, reply_attempted_at,
      last_post_error, status, status_revision, announced_status_revision, status_attempted_revision, message_revision,
      rendered_revision, outbox)
      values ('T1', 'C1', 'U1', 't', 'm', ?, ?, 'e', 'yes', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const row = (key: string, r: Partial<Record<string, string | number | null>>) =>
      insert.run(
        JSON.stringify(answers),
        JSON.stringify(decide(answers)),
        key,
        r.message_ts ?? null,
        r.message_ts ?? null,
        r.reply_ts ?? null,
        r.post_attempted_at ?? null,
        r.reply_attempted_at ?? null,
        r.last_post_error ?? null,
        r.status ?? "in-review",
        r.status_revision ?? 0,
        r.announced_status_revision ?? 0,
        r.status_attempted_revision ?? null,
        r.message_revision ?? 0,
        r.rendered_revision ?? 0,
        r.outbox ?? 1,
      );
    row("never-posted", {});
    row("maybe-posted", { post_attempted_at: "2026-01-01T00:00:00Z" });
    row("waiting-for-invite", { last_post_error: "not_in_channel (join: channel_not_found)" });
    row("reasons-due", { message_ts: "1.1", reply_attempted_at: "2026-01-01T00:00:00Z" });
    row("all-told", { message_ts: "2.1", reply_ts: "2.2", outbox: 0 });
    row("status-and-update-due", {
      message_ts: "3.1",
      reply_ts: "3.2",
      status: "approved",
      status_revision: 1,
      status_attempted_revision: 1,
      message_revision: 3,
      rendered_revision: 2,
    });
    old.close();

    const db = await openDb(path);
    try {
      const jobs = (await listJobs(db)).map((j) => [j.decisionId, j.kind, j.idempotencyKey, j.status, j.maybeSent]);
      expect(jobs).toEqual([
        [1, "post-verdict", "decision:1:verdict", "pending", false],
        [2, "post-verdict", "decision:2:verdict", "pending", true],
        [3, "post-verdict", "decision:3:verdict", "waiting", false],
        [4, "post-reasons", "decision:4:reasons", "pending", true],
        // The metadata of posts from before carried `part: "status:1"`, which the lookup reads as this key.
        [6, "post-status", "decision:6:status:1", "pending", true],
        [6, "update-verdict", "decision:6:update:3", "pending", false],
      ]);
      const columns = (await db.all<{ name: string }>(sql`select name from pragma_table_info('decisions')`)).map((c) => c.name);
      expect(columns).not.toContain("outbox");
      expect(columns).not.toContain("post_attempted_at");
      expect(columns).toContain("status_changed_at");
    } finally {
      await db.close();
    }
  });
});

describe("upgrading a database from notices per version to notices per message", () => {
  it("keeps what each decision was told, one row per notice message, and points the jobs still owed at the rows", async () => {
    dir = mkdtempSync(join(tmpdir(), "swf-migrate-"));
    const path = join(dir, "app.db");
    const old = databaseBefore(path, "0006");
    const answers = validAnswers({ baseModel: "gpt-4o-2024-05-13", candidateModel: "gpt-4o-mini-2024-07-18" });
    old
      .prepare(`insert into decisions (team_id, channel_id, requester_id, title, base_model, answers, verdict, engine_version,
        fine_tune, submission_key, message_ts, thread_ts, reply_ts, created_at)
        values ('T1', 'C1', 'U1', 't', 'gpt-4o-2024-05-13', ?, ?, 'e', 'yes', 'k1', '1.1', '1.1', '1.2', '2026-03-04T10:00:00.000Z')`)
      .run(JSON.stringify(answers), JSON.stringify(decide(answers)));
    const notice = old.prepare(`insert into model_notices (decision_id, model_id, kind, state, release_date, snoozed_until, message_ts)
      values (1, ?, ?, ?, ?, ?, ?)`);
    notice.run("gpt-4o-2024-08-06", "newer-version", "ignored", "2024-08-06", null, "2.1");
    notice.run("gpt-4o-2024-11-20", "newer-version", "ignored", "2024-11-20", null, "2.1");
    notice.run("gpt-4o-2024-05-13", "lifecycle", "announced", "2026-09-01", null, "3.1");
    notice.run("gpt-4.5-preview", "newer-version", "snoozed", "2025-02-27", "2026-04-01T00:00:00.000Z", "4.1");
    notice.run("gpt-5-2025-08-07", "newer-version", "announced", "2025-08-07", null, null);
    const job = old.prepare(
      `insert into jobs (kind, decision_id, idempotency_key, payload, status, next_attempt_at) values (?, 1, ?, ?, ?, '2026-01-01')`,
    );
    job.run("post-notice", "n1", JSON.stringify({ decision: {}, content: { kind: "newer-version", versions: [] } }), "pending");
    job.run("update-notice", "u1", JSON.stringify({ channelId: "C1", noticeTs: "4.1", outcome: "Snoozed by <@UA>." }), "pending");
    job.run("post-notice", "n0", JSON.stringify({ decision: {}, content: { kind: "newer-version", versions: [] } }), "done");
    old.close();

    const db = await openDb(path);
    try {
      const [decision] = await db.all<{ candidate: string; day: string; mark: number }>(
        sql`select candidate_model as candidate, decided_on as day, watch_seq as mark from decisions`,
      );
      expect(decision).toEqual({ candidate: "gpt-4o-mini-2024-07-18", day: "2026-03-04", mark: 0 });
      const told = (await noticesOf(db, 1)).map((n) => ({
        ts: n.messageTs,
        state: n.state,
        what: n.content.kind === "lifecycle" ? n.content.lifecycle.retirementDate : n.content.versions.map((v) => v.id).join(","),
      }));
      expect(told).toEqual([
        { ts: "2.1", state: "ignored", what: "gpt-4o-2024-08-06,gpt-4o-2024-11-20" },
        { ts: "3.1", state: "announced", what: "2026-09-01" },
        { ts: "4.1", state: "snoozed", what: "gpt-4.5-preview" },
        { ts: null, state: "announced", what: "gpt-5-2025-08-07" },
      ]);
      expect((await noticesOf(db, 1)).every((n) => n.modelId === "gpt-4o-2024-05-13")).toBe(true);
      const jobs = await listJobs(db);
      const payloadOf = (key: string) => jobs.find((j) => j.idempotencyKey === key)!.payload as { noticeId: number };
      expect((await getNotice(db, payloadOf("n1").noticeId))?.notice.messageTs).toBeNull();
      expect((await getNotice(db, payloadOf("u1").noticeId))?.notice.messageTs).toBe("4.1");
      expect(payloadOf("n0")).not.toHaveProperty("noticeId");
      const tables = (await db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`)).map((t) => t.name);
      expect(tables).not.toContain("model_notices");
      // The questionnaire's migration, after the watch's: drafts, and no answer of an old decision was "Don't know".
      expect(tables).toContain("drafts");
      expect((await getDecision(db, 1))?.unknownAnswers).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe("upgrading to decision numbers per workspace", () => {
  it("numbers the decisions of each workspace in the order they were made, and new ones continue from there", async () => {
    dir = mkdtempSync(join(tmpdir(), "swf-migrate-"));
    const path = join(dir, "app.db");
    const old = databaseBefore(path, "0010");
    const answers = JSON.stringify(validAnswers());
    const verdict = JSON.stringify(decide(validAnswers()));
    const insert = old.prepare(`insert into decisions (team_id, channel_id, requester_id, title, base_model, answers, verdict,
      engine_version, fine_tune, submission_key, message_ts) values (?, 'C1', 'U1', 't', 'm', ?, ?, 'e', 'yes', ?, ?)`);
    ["TA", "TB", "TA", "TA", "TB"].forEach((team, i) => insert.run(team, answers, verdict, `k${i}`, i === 0 ? null : `${i}.1`));
    old.prepare(`insert into drafts (team_id, user_id, session, "values") values ('TA', 'U1', 'V1', '{"title":"Half done"}')`).run();
    old.close();

    const db = await openDb(path);
    try {
      const rows = await db.all<{ id: number; team_id: string; number: number; review_opened_at: string | null }>(
        sql`select id, team_id, number, review_opened_at from decisions order by id`,
      );
      expect(rows.map((r) => [r.team_id, r.number])).toEqual([
        ["TA", 1],
        ["TB", 1],
        ["TA", 2],
        ["TA", 3],
        ["TB", 2],
      ]);
      // Reviews already posted count their reminders from when they were made; one never posted has not opened.
      expect(rows.map((r) => r.review_opened_at !== null)).toEqual([false, true, true, true, true]);
      const { decision } = await insertDecision(db, {
        teamId: "TA",
        channelId: "C1",
        requesterId: "U1",
        answers: validAnswers(),
        verdict: decide(validAnswers()),
        decidedOn: "2026-12-01",
        submissionKey: "after-upgrade",
      });
      expect(decision.number).toBe(4);
      // A draft from before revisions had drafts of their own is the user's new-decision draft.
      expect((await getDraft(db, { teamId: "TA", userId: "U1" }))?.values).toEqual({ title: "Half done" });
    } finally {
      await db.close();
    }
  });
});
