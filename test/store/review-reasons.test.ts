import { afterEach, describe, expect, it } from "vitest";
import { getDecision } from "../../src/store/decisions.js";
import { listJobs } from "../../src/store/jobs.js";
import { applyReview, BUTTON_REVIEW, giveReason, type ReviewChange, reasonsOf } from "../../src/store/reviews.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { seedDecision } from "../support/seed.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

const dbs: SqlClient[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});
const rule = { requiredApprovals: 2 };

async function setup(open: () => Promise<SqlClient>) {
  const db = await open();
  dbs.push(db);
  const decision = await seedDecision(db, { threadTs: "100.000100" });
  const reject = (over: Partial<ReviewChange> = {}): ReviewChange => ({
    decisionId: decision.id,
    reviewerId: "UB",
    kind: "reject",
    reaction: "x",
    added: true,
    ...over,
  });
  /** The jobs queued after the decision was posted. */
  const kinds = async () => (await listJobs(db, { decisionId: decision.id })).filter((j) => j.status === "pending").map((j) => j.kind);
  return { db, decision, reject, kinds };
}

describe.each(STORE_DIALECTS)("review reasons ($name)", ({ open }) => {
  describe("reasons for requesting changes", () => {
    it("a ❌ reaction asks its reviewer for a reason; the reason is stored, shown, and told in the thread", async () => {
      const { db, decision, reject, kinds } = await setup(open);
      expect(await applyReview(db, reject({ eventId: "Ev1" }), rule)).toBe("changes-requested");
      expect(await kinds()).toEqual(["post-status", "update-verdict", "ask-reason"]);
      expect((await listJobs(db, { decisionId: decision.id })).at(-1)?.payload).toEqual({ reviewerId: "UB" });

      expect(await giveReason(db, decision.id, "UB", "Score the baseline on this year's tickets first.")).toBe("recorded");
      expect(await reasonsOf(db, decision.id)).toEqual(new Map([["UB", "Score the baseline on this year's tickets first."]]));
      expect((await kinds()).slice(-1)).toEqual(["post-reason"]);
    });

    it("Request changes brings its reason with it: stored with the review, and nobody is asked again", async () => {
      const { db, decision, reject, kinds } = await setup(open);
      const outcome = await applyReview(db, reject({ reaction: BUTTON_REVIEW, reason: "Needs a held-out split." }), rule);
      expect(outcome).toBe("changes-requested");
      expect(await reasonsOf(db, decision.id)).toEqual(new Map([["UB", "Needs a held-out split."]]));
      expect(await kinds()).not.toContain("ask-reason");
      expect((await getDecision(db, decision.id))?.status).toBe("changes-requested");
    });

    it("only a reviewer who requests changes now can give one", async () => {
      const { db, decision, reject } = await setup(open);
      expect(await giveReason(db, decision.id, "UB", "why")).toBe("not-requesting-changes");
      await applyReview(db, reject(), rule);
      await applyReview(db, reject({ added: false }), rule);
      expect(await giveReason(db, decision.id, "UB", "why")).toBe("not-requesting-changes");
      expect(await reasonsOf(db, decision.id)).toEqual(new Map());
    });

    it("an approval with the button counts like a reaction, and the same reviewer is counted once", async () => {
      const { db, decision } = await setup(open);
      const approve = (reviewerId: string, reaction: string) =>
        applyReview(db, { decisionId: decision.id, reviewerId, kind: "approve", reaction, added: true }, rule);
      expect(await approve("UA", BUTTON_REVIEW)).toBe("counted");
      expect(await approve("UA", "white_check_mark")).toBe("counted");
      expect((await getDecision(db, decision.id))?.status).toBe("in-review");
      expect(await approve("UC", BUTTON_REVIEW)).toBe("approved");
    });
  });
});
