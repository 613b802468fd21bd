import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import {
  changeStatus,
  findDecisionByMessage,
  getDecision,
  insertDecision,
  listAwaitingReview,
  listDecisions,
  listOutbox,
  markMessagePosted,
  markReplyPosted,
  settleOutbox,
} from "../../src/store/decisions.js";
import { closeDb, type Db, openDb } from "../../src/store/open-db.js";
import { addReview, claimEvent, removeReview, reviewersOf } from "../../src/store/reviews.js";
import { validAnswers } from "../support/answers.js";

const dbs: Db[] = [];
const dirs: string[] = [];
function memoryDb(): Db {
  const db = openDb(":memory:");
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) closeDb(db);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store(db: Db, key = "view:V1", overrides: Partial<Parameters<typeof insertDecision>[1]> = {}) {
  const answers = validAnswers();
  return insertDecision(db, {
    teamId: "T1",
    channelId: "C1",
    requesterId: "UREQ",
    answers,
    verdict: decide(answers),
    submissionKey: key,
    ...overrides,
  }).decision;
}

describe("store", () => {
  it("creates the file and its folder, in WAL mode with foreign keys on", () => {
    const dir = mkdtempSync(join(tmpdir(), "swf-store-"));
    dirs.push(dir);
    const db = openDb(join(dir, "nested", "app.db"));
    dbs.push(db);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("keeps the full answers, verdict and engine version, and survives reopening the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "swf-store-"));
    dirs.push(dir);
    const path = join(dir, "app.db");
    const first = openDb(path);
    const stored = store(first);
    addReview(first, { decisionId: stored.id, reviewerId: "UA", kind: "approve", reaction: "white_check_mark" });
    closeDb(first);
    const second = openDb(path);
    dbs.push(second);
    const again = getDecision(second, stored.id)!;
    expect(again.answers).toEqual(validAnswers());
    expect(again.verdict).toEqual(decide(validAnswers()));
    expect(again.engineVersion).toBe(again.verdict.engineVersion);
    expect(again.baseModel).toBe("gpt-4o-2024-08-06");
    expect(reviewersOf(second, stored.id, "approve")).toEqual(["UA"]);
  });

  it("stores one decision per submission key", () => {
    const db = memoryDb();
    const a = store(db, "view:V1");
    const again = insertDecision(db, {
      teamId: "T1",
      channelId: "C1",
      requesterId: "UREQ",
      answers: validAnswers(),
      verdict: decide(validAnswers()),
      submissionKey: "view:V1",
    });
    expect(again.created).toBe(false);
    expect(again.decision.id).toBe(a.id);
    expect(listDecisions(db, { teamId: "T1" })).toHaveLength(1);
  });

  it("keeps a decision in the outbox until the message and the thread reply are accepted and every change is told", () => {
    const db = memoryDb();
    const d = store(db);
    const outbox = () => listOutbox(db).map((x) => x.id);
    expect(outbox()).toEqual([d.id]);
    markMessagePosted(db, d.id, "100.1", "100.1", 0);
    expect(settleOutbox(db, d.id)).toBe(false);
    expect(findDecisionByMessage(db, "C1", "100.1")?.id).toBe(d.id);
    markReplyPosted(db, d.id, "100.2");
    expect(settleOutbox(db, d.id)).toBe(true);
    expect(outbox()).toEqual([]);
    expect(changeStatus(db, d.id, "in-review", "approved")).toBe(true);
    expect(outbox()).toEqual([d.id]);
    const changed = getDecision(db, d.id)!;
    expect([changed.statusRevision, changed.messageRevision]).toEqual([1, 1]);
    expect(settleOutbox(db, d.id)).toBe(false);
  });

  it("claims an event id once", () => {
    const db = memoryDb();
    expect(claimEvent(db, "Ev1")).toBe(true);
    expect(claimEvent(db, "Ev1")).toBe(false);
    expect(claimEvent(db, "Ev2")).toBe(true);
  });

  it("counts a reviewer once across several approval reactions, and until the last is removed", () => {
    const db = memoryDb();
    const d = store(db);
    const review = { decisionId: d.id, reviewerId: "UA", kind: "approve" as const };
    expect(addReview(db, { ...review, reaction: "white_check_mark" })).toBe(true);
    expect(addReview(db, { ...review, reaction: "white_check_mark" })).toBe(false);
    expect(addReview(db, { ...review, reaction: "+1" })).toBe(true);
    expect(reviewersOf(db, d.id, "approve")).toEqual(["UA"]);
    expect(removeReview(db, { ...review, reaction: "+1" })).toBe(true);
    expect(reviewersOf(db, d.id, "approve")).toEqual(["UA"]);
    removeReview(db, { ...review, reaction: "white_check_mark" });
    expect(reviewersOf(db, d.id, "approve")).toEqual([]);
  });

  it("changes status only from the expected one", () => {
    const db = memoryDb();
    const d = store(db);
    expect(changeStatus(db, d.id, "in-review", "approved")).toBe(true);
    expect(changeStatus(db, d.id, "in-review", "approved")).toBe(false);
    expect(getDecision(db, d.id)?.status).toBe("approved");
  });

  it("lists by channel and team, and what waits for a reviewer", () => {
    const db = memoryDb();
    const a = store(db, "view:A");
    const b = store(db, "view:B", { channelId: "C2" });
    markMessagePosted(db, a.id, "1.1", "1.1", 0);
    markMessagePosted(db, b.id, "2.1", "2.1", 0);
    expect(listDecisions(db, { teamId: "T1", channelId: "C1" }).map((d) => d.id)).toEqual([a.id]);
    expect(listDecisions(db, { teamId: "T1" }).map((d) => d.id)).toEqual([b.id, a.id]);
    expect(listDecisions(db, { teamId: "T2" })).toEqual([]);
    expect(listAwaitingReview(db, "T1", "UREQ")).toEqual([]);
    addReview(db, { decisionId: a.id, reviewerId: "UA", kind: "approve", reaction: "white_check_mark" });
    expect(listAwaitingReview(db, "T1", "UA").map((d) => d.id)).toEqual([b.id]);
  });
});
