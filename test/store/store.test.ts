import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { listAwaitingReview, listDecisions } from "../../src/store/decision-queries.js";
import {
  findDecisionByMessage,
  getDecision,
  insertDecision,
  recordReasonsPosted,
  recordVerdictPosted,
  setStatus,
} from "../../src/store/decisions.js";
import { listJobs } from "../../src/store/jobs.js";
import { openDb } from "../../src/store/open-db.js";
import { applyReview, claimEvent, reviewersOf } from "../../src/store/reviews.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

const dbs: SqlClient[] = [];
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "swf-store-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function store(db: SqlClient, key = "view:V1", overrides: Partial<Parameters<typeof insertDecision>[1]> = {}) {
  const answers = validAnswers();
  const { decision } = await insertDecision(db, {
    teamId: "T1",
    channelId: "C1",
    requesterId: "UREQ",
    answers,
    verdict: decide(answers),
    decidedOn: "2026-11-24",
    submissionKey: key,
    ...overrides,
  });
  return decision;
}

const pragma = async (db: SqlClient, name: string) => (await db.all<Record<string, unknown>>(sql.raw(`pragma ${name}`)))[0]?.[name];
const rule = { requiredApprovals: 2 };

describe("store on a SQLite file", () => {
  it("creates the file and its folder, in WAL mode with foreign keys on", async () => {
    const db = await openDb(join(tempDir(), "nested", "app.db"));
    dbs.push(db);
    expect(await pragma(db, "journal_mode")).toBe("wal");
    expect(await pragma(db, "foreign_keys")).toBe(1);
  });

  it("keeps the full answers, verdict and engine version, and survives reopening the file", async () => {
    const path = join(tempDir(), "app.db");
    const first = await openDb(path);
    const stored = await store(first);
    await applyReview(first, { decisionId: stored.id, reviewerId: "UA", kind: "approve", reaction: "white_check_mark", added: true }, rule);
    await first.close();
    const second = await openDb(path);
    dbs.push(second);
    const again = (await getDecision(second, stored.id))!;
    expect(again.answers).toEqual(validAnswers());
    expect(again.verdict).toEqual(decide(validAnswers()));
    expect(again.engineVersion).toBe(again.verdict.engineVersion);
    expect(again.baseModel).toBe("gpt-4o-2024-08-06");
    expect(await reviewersOf(second, stored.id, "approve")).toEqual(["UA"]);
  });
});

describe.each(STORE_DIALECTS)("store ($name)", ({ open }) => {
  async function memoryDb(): Promise<SqlClient> {
    const db = await open();
    dbs.push(db);
    return db;
  }

  it("stores one decision per submission key, with one verdict post queued with it", async () => {
    const db = await memoryDb();
    const a = await store(db, "view:V1", { responseUrl: "https://hooks.example/r/1" });
    const again = await insertDecision(db, {
      teamId: "T1",
      channelId: "C1",
      requesterId: "UREQ",
      answers: validAnswers(),
      verdict: decide(validAnswers()),
      decidedOn: "2026-11-24",
      submissionKey: "view:V1",
    });
    expect(again.created).toBe(false);
    expect(again.decision.id).toBe(a.id);
    expect((await listDecisions(db, { teamId: "T1", viewer: { userId: "UREQ", channelIds: [] }, limit: 10 })).decisions).toHaveLength(1);
    const jobs = await listJobs(db, { decisionId: a.id });
    expect(jobs.map((j) => [j.kind, j.status, j.idempotencyKey])).toEqual([["post-verdict", "pending", `decision:${a.id}:verdict`]]);
    expect(jobs[0]!.payload).toEqual({ responseUrl: "https://hooks.example/r/1" });
  });

  it("records where the verdict was posted and when the review opened, and queues the reasons reply (and its link, when missing)", async () => {
    const db = await memoryDb();
    const d = await store(db);
    await db.transaction((tx) => recordVerdictPosted(tx, d.id, { messageTs: "100.1", threadTs: "100.1" }));
    expect((await findDecisionByMessage(db, "C1", "100.1"))?.reviewOpenedAt).not.toBeNull();
    expect((await listJobs(db, { decisionId: d.id })).map((j) => j.kind)).toEqual(["post-verdict", "record-permalink", "post-reasons"]);
    const linked = await store(db, "k-linked");
    const permalink = "https://acme.slack.com/archives/C1/p2001";
    await db.transaction((tx) => recordVerdictPosted(tx, linked.id, { messageTs: "200.1", threadTs: "200.1", permalink }));
    expect((await getDecision(db, linked.id))?.permalink).toBe(permalink);
    expect((await listJobs(db, { decisionId: linked.id })).map((j) => j.kind)).toEqual(["post-verdict", "post-reasons"]);
    await db.transaction((tx) => recordReasonsPosted(tx, d.id, "100.2"));
    expect((await getDecision(db, d.id))?.replyTs).toBe("100.2");
  });

  it("claims an event id once", async () => {
    const db = await memoryDb();
    expect(await claimEvent(db, "Ev1")).toBe(true);
    expect(await claimEvent(db, "Ev1")).toBe(false);
    expect(await claimEvent(db, "Ev2")).toBe(true);
  });

  it("counts a reviewer once across several approval reactions, and until the last is removed", async () => {
    const db = await memoryDb();
    const d = await store(db);
    const review = { decisionId: d.id, reviewerId: "UA", kind: "approve" as const };
    const apply = (reaction: string, added: boolean) => applyReview(db, { ...review, reaction, added }, { requiredApprovals: 5 });
    expect(await apply("white_check_mark", true)).toBe("counted");
    expect(await apply("white_check_mark", true)).toBe("duplicate");
    expect(await apply("+1", true)).toBe("counted");
    expect(await reviewersOf(db, d.id, "approve")).toEqual(["UA"]);
    expect(await apply("+1", false)).toBe("withdrawn");
    expect(await reviewersOf(db, d.id, "approve")).toEqual(["UA"]);
    await apply("white_check_mark", false);
    expect(await reviewersOf(db, d.id, "approve")).toEqual([]);
  });

  it("changes status only to a different one, and records when", async () => {
    const db = await memoryDb();
    const d = await store(db);
    expect(await db.transaction((tx) => setStatus(tx, d.id, "approved"))).toBe(true);
    expect(await db.transaction((tx) => setStatus(tx, d.id, "approved"))).toBe(false);
    const after = (await getDecision(db, d.id))!;
    expect(after.status).toBe("approved");
    expect(after.statusChangedAt).not.toBeNull();
  });

  it("lists by channel and team, and what waits for a reviewer", async () => {
    const db = await memoryDb();
    const a = await store(db, "view:A");
    const b = await store(db, "view:B", { channelId: "C2" });
    await db.transaction((tx) => recordVerdictPosted(tx, a.id, { messageTs: "1.1", threadTs: "1.1" }));
    await db.transaction((tx) => recordVerdictPosted(tx, b.id, { messageTs: "2.1", threadTs: "2.1" }));
    const everywhere = (userId: string) => ({ userId, channelIds: ["C1", "C2"] });
    const ids = async (query: Parameters<typeof listDecisions>[1]) => (await listDecisions(db, query)).decisions.map((d) => d.id);
    expect(await ids({ teamId: "T1", viewer: everywhere("UX"), filter: { channelId: "C1" }, limit: 10 })).toEqual([a.id]);
    expect(await ids({ teamId: "T1", viewer: everywhere("UX"), limit: 10 })).toEqual([b.id, a.id]);
    expect(await ids({ teamId: "T2", viewer: everywhere("UX"), limit: 10 })).toEqual([]);
    const waiting = async (userId: string) =>
      (await listAwaitingReview(db, "T1", everywhere(userId), { limit: 10 })).decisions.map((d) => d.id);
    expect(await waiting("UREQ")).toEqual([]);
    await applyReview(db, { decisionId: a.id, reviewerId: "UA", kind: "approve", reaction: "white_check_mark", added: true }, rule);
    expect(await waiting("UA")).toEqual([b.id]);
  });
});
