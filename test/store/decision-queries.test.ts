import { afterEach, describe, expect, it } from "vitest";
import type { Answers } from "../../src/engine/answers.js";
import { decide } from "../../src/engine/decide.js";
import { type DecisionListQuery, decisionChannels, listAwaitingReview, listDecisions } from "../../src/store/decision-queries.js";
import {
  AlreadySupersededError,
  getDecision,
  getDecisionByNumber,
  insertDecision,
  recordVerdictPosted,
  setStatus,
} from "../../src/store/decisions.js";
import { listJobs } from "../../src/store/jobs.js";
import { applyReview } from "../../src/store/reviews.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { listWatchedDecisions } from "../../src/store/watch-state.js";
import { validAnswers } from "../support/answers.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

const dbs: SqlClient[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});

let seq = 0;
async function decisionIn(
  db: SqlClient,
  place: { teamId?: string; channelId?: string; requesterId?: string; parentId?: number },
  answers: Partial<Answers> = {},
) {
  const full = validAnswers(answers);
  seq += 1;
  const { decision } = await insertDecision(db, {
    teamId: place.teamId ?? "T1",
    channelId: place.channelId ?? "C1",
    requesterId: place.requesterId ?? "UREQ",
    answers: full,
    verdict: decide(full),
    parentId: place.parentId,
    decidedOn: "2026-11-24",
    submissionKey: `k${seq}`,
  });
  await db.transaction((tx) => recordVerdictPosted(tx, decision.id, { messageTs: `${seq}.000100`, threadTs: `${seq}.000100` }));
  return decision;
}

const everywhere = { userId: "UX", channelIds: ["C1", "C2", "G1"] };
const numbers = async (db: SqlClient, query: Partial<DecisionListQuery>) =>
  (await listDecisions(db, { teamId: "T1", viewer: everywhere, limit: 50, ...query })).decisions.map((d) => d.number);

describe.each(STORE_DIALECTS)("decision queries ($name)", ({ open }) => {
  describe("decision numbers", () => {
    it("count per workspace: #1, #2 in one, #1 again in another, found by number", async () => {
      const db = await open();
      dbs.push(db);
      const a = await decisionIn(db, { teamId: "T1" });
      const b = await decisionIn(db, { teamId: "T1" });
      const c = await decisionIn(db, { teamId: "T2" });
      expect([a.number, b.number, c.number]).toEqual([1, 2, 1]);
      expect((await getDecisionByNumber(db, "T2", 1))?.id).toBe(c.id);
      expect((await getDecisionByNumber(db, "T1", 1))?.id).toBe(a.id);
      expect(await getDecisionByNumber(db, "T2", 2)).toBeNull();
    });
  });

  describe("revisions", () => {
    it("link both ways: the new decision revises the old, the old is superseded by the newest, and its message is redrawn", async () => {
      const db = await open();
      dbs.push(db);
      const old = await decisionIn(db, {});
      const first = await decisionIn(db, { parentId: old.id });
      expect(first.revises).toEqual({ id: old.id, number: old.number });
      expect((await getDecision(db, old.id))?.supersededBy).toEqual({ id: first.id, number: first.number });
      expect((await listJobs(db, { decisionId: old.id })).map((j) => j.kind)).toContain("update-verdict");
      const second = await decisionIn(db, { parentId: first.id });
      expect((await getDecision(db, first.id))?.supersededBy?.number).toBe(second.number);
      expect((await getDecision(db, second.id))?.supersededBy).toBeNull();
    });

    it("refuse a second revision of the same decision, naming the first; the same form sent again is not a second one", async () => {
      const db = await open();
      dbs.push(db);
      const old = await decisionIn(db, {});
      const answers = validAnswers();
      const revise = (submissionKey: string) =>
        insertDecision(db, {
          teamId: "T1",
          channelId: "C1",
          requesterId: "UREQ",
          answers,
          verdict: decide(answers),
          parentId: old.id,
          decidedOn: "2026-11-24",
          submissionKey,
        });
      const first = await revise("view:V1");
      expect(first.created).toBe(true);
      expect((await revise("view:V1")).decision.id).toBe(first.decision.id);
      const refused = await revise("view:V2").catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AlreadySupersededError);
      expect((refused as AlreadySupersededError).by).toEqual({ id: first.decision.id, number: first.decision.number });
      expect(await numbers(db, {})).toEqual([first.decision.number, old.number]);
    });

    it("end the old review: reactions on a superseded decision are ignored", async () => {
      const db = await open();
      dbs.push(db);
      const old = await decisionIn(db, {});
      await decisionIn(db, { parentId: old.id });
      const outcome = await applyReview(
        db,
        { decisionId: old.id, reviewerId: "UA", kind: "approve", reaction: "white_check_mark", added: true },
        { requiredApprovals: 1 },
      );
      expect(outcome).toBe("ignored");
      expect((await getDecision(db, old.id))?.status).toBe("in-review");
    });
  });

  describe("listDecisions", () => {
    it("filters by channel, production model (any case, LIKE wildcards literal), verdict, status and words", async () => {
      const db = await open();
      dbs.push(db);
      const triage = await decisionIn(db, { channelId: "C1" }, { title: "Ticket triage classifier", baseModel: "gpt-4o-2024-08-06" });
      const summary = await decisionIn(db, { channelId: "C2" }, { title: "Summaries 50%_off", baseModel: "claude-3-5-sonnet" });
      const noEvals = await decisionIn(
        db,
        { channelId: "C2" },
        { title: "Support bot", evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false } },
      );
      await db.transaction((tx) => setStatus(tx, summary.id, "approved"));
      const revised = await decisionIn(db, { channelId: "C1", parentId: triage.id }, { title: "Ticket triage classifier v2" });

      expect(await numbers(db, {})).toEqual([revised.number, noEvals.number, summary.number, triage.number]);
      expect(await numbers(db, { filter: { channelId: "C2" } })).toEqual([noEvals.number, summary.number]);
      expect(await numbers(db, { filter: { model: "GPT-4O" } })).toEqual([revised.number, noEvals.number, triage.number]);
      expect(await numbers(db, { filter: { model: "%" } })).toEqual([]);
      expect(await numbers(db, { filter: { verdict: noEvals.verdict.fineTune } })).toContain(noEvals.number);
      expect(await numbers(db, { filter: { verdict: "no" } })).not.toContain(triage.number);
      expect(await numbers(db, { filter: { status: "approved" } })).toEqual([summary.number]);
      expect(await numbers(db, { filter: { status: "in-review" } })).toEqual([revised.number, noEvals.number]);
      expect(await numbers(db, { filter: { status: "superseded" } })).toEqual([triage.number]);
      expect(await numbers(db, { filter: { text: "triage" } })).toEqual([revised.number, triage.number]);
      expect(await numbers(db, { filter: { text: "TICKET v2" } })).toEqual([revised.number]);
      expect(await numbers(db, { filter: { text: "50%_off" } })).toEqual([summary.number]);
      expect(await numbers(db, { filter: { text: "50%" } })).toEqual([summary.number]);
      expect(await numbers(db, { filter: { text: "_" } })).toEqual([summary.number]);
      expect(await numbers(db, { filter: { text: "claude" } })).toEqual([summary.number]);
    });

    it("shows a viewer the decisions of their channels and their own, never another channel's", async () => {
      const db = await open();
      dbs.push(db);
      const inGeneral = await decisionIn(db, { channelId: "C1" });
      const secret = await decisionIn(db, { channelId: "G1", requesterId: "UINSIDER" });
      const mineInSecret = await decisionIn(db, { channelId: "G1", requesterId: "UOUT" });
      const outsider = { userId: "UOUT", channelIds: ["C1"] };
      expect(await numbers(db, { viewer: outsider })).toEqual([mineInSecret.number, inGeneral.number]);
      expect(await numbers(db, { viewer: outsider, filter: { channelId: "G1" } })).toEqual([mineInSecret.number]);
      expect(await numbers(db, { viewer: { userId: "UNOBODY", channelIds: [] } })).toEqual([]);
      expect(await numbers(db, { viewer: { userId: "UINSIDER", channelIds: ["G1"] } })).toEqual([mineInSecret.number, secret.number]);
      expect((await decisionChannels(db, "T1")).sort()).toEqual(["C1", "G1"]);
    });

    it("pages newest first, saying when there are more, without repeating or skipping", async () => {
      const db = await open();
      dbs.push(db);
      for (let i = 0; i < 7; i++) await decisionIn(db, {});
      const seen: number[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await listDecisions(db, { teamId: "T1", viewer: everywhere, limit: 3, beforeNumber: before });
        seen.push(...page.decisions.map((d) => d.number));
        if (!page.more) break;
        before = page.decisions.at(-1)!.number;
      }
      expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    });
  });

  describe("listAwaitingReview", () => {
    it("lists in-review decisions of others the viewer can see and has not approved, not superseded ones", async () => {
      const db = await open();
      dbs.push(db);
      const waiting = await decisionIn(db, { channelId: "C1" });
      await decisionIn(db, { channelId: "G1" });
      const replaced = await decisionIn(db, { channelId: "C1" });
      const revision = await decisionIn(db, { channelId: "C1", parentId: replaced.id });
      const own = await decisionIn(db, { channelId: "C1", requesterId: "UA" });
      const viewer = { userId: "UA", channelIds: ["C1"] };
      const page = await listAwaitingReview(db, "T1", viewer, { limit: 10 });
      expect(page.decisions.map((d) => d.id)).toEqual([revision.id, waiting.id]);
      expect(page.decisions.map((d) => d.id)).not.toContain(own.id);
      await applyReview(
        db,
        { decisionId: waiting.id, reviewerId: "UA", kind: "approve", reaction: "x1", added: true },
        { requiredApprovals: 3 },
      );
      expect((await listAwaitingReview(db, "T1", viewer, { limit: 10 })).decisions.map((d) => d.id)).toEqual([revision.id]);
    });
  });

  describe("the model watch", () => {
    it("watches a revision instead of the decision it superseded (both live in one thread)", async () => {
      const db = await open();
      dbs.push(db);
      const old = await decisionIn(db, {});
      const kept = await decisionIn(db, {});
      const revision = await decisionIn(db, { parentId: old.id });
      expect((await listWatchedDecisions(db)).map((d) => d.id)).toEqual([kept.id, revision.id]);
    });
  });
});
