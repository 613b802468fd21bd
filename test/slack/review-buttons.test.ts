import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { NOT_A_REVIEWER_TEXT, SELF_APPROVAL_TEXT } from "../../src/slack/builders/build-review-replies.js";
import type { DecisionAccess } from "../../src/slack/decision-access.js";
import { VIEW } from "../../src/slack/ids.js";
import type { ActionPlace } from "../../src/slack/readers/read-action-place.js";
import {
  approveByButton,
  NOT_OURS,
  type ReviewButtonDeps,
  reasonFormByButton,
  requestChangesByButton,
  reviseByButton,
  submitReason,
} from "../../src/slack/review-buttons.js";
import { fixedReviewSettings } from "../../src/slack/workspace-review-settings.js";
import { type Decision, getDecision, insertDecision } from "../../src/store/decisions.js";
import { getDraft, saveDraft } from "../../src/store/drafts.js";
import { openDb } from "../../src/store/open-db.js";
import { reasonsOf } from "../../src/store/reviews.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";
import { seedDecision } from "../support/seed.js";

// The review buttons' logic called directly, on a real database; who is in which channel is a table here (the
// membership module has tests of its own against the emulator).

const MEMBERS: Record<string, string[]> = { C1: ["U1", "UA", "UB", "UOUT"], C2: ["UA"] };
let db: SqlClient;
let deps: ReviewButtonDeps;
let queued = 0;
let decision: Decision;

beforeEach(async () => {
  db = await openDb(":memory:");
  queued = 0;
  const access: DecisionAccess = {
    viewer: async (_teamId, userId) => ({ userId, channelIds: Object.keys(MEMBERS).filter((c) => MEMBERS[c]!.includes(userId)) }),
    canSee: async (d, userId) => d.requesterId === userId || (MEMBERS[d.channelId] ?? []).includes(userId),
    visibleDecision: async () => null,
    extras: async () => ({}),
    resolveChannel: async () => null,
  };
  deps = {
    db,
    reviewSettings: fixedReviewSettings({
      requiredApprovals: 2,
      approvalReactions: ["white_check_mark"],
      rejectReactions: ["x"],
      reviewerUsers: [],
      reviewerGroup: undefined,
      reminderAfterMs: null,
    }),
    isReviewer: async (userId) => userId !== "UOUT",
    jobsQueued: () => {
      queued += 1;
    },
    access,
    today: () => "2026-11-24",
  };
  decision = await seedDecision(db, { channelId: "C1", requesterId: "U1", threadTs: "100.000100" });
});
afterEach(async () => {
  await db.close();
});

const at = (userId: string, over: Partial<ActionPlace> = {}): ActionPlace => ({
  userId,
  teamId: "T1",
  channelId: "C1",
  messageTs: "100.000100",
  ...over,
});
const note = (text: string) => ({ note: text });

describe("Approve", () => {
  it("counts like an approval reaction, once", async () => {
    expect(await approveByButton(deps, at("UA"))).toEqual({ done: "counted" });
    expect(await approveByButton(deps, at("UA"))).toEqual(note(`Your approval of decision #${decision.number} is already counted.`));
    expect(await approveByButton(deps, at("UB"))).toEqual({ done: "approved" });
    expect((await getDecision(db, decision.id))?.status).toBe("approved");
    expect(queued).toBe(2);
  });

  it.each([
    ["the requester", at("U1"), SELF_APPROVAL_TEXT],
    ["someone off the reviewer list", at("UOUT"), NOT_A_REVIEWER_TEXT],
    ["someone not in the channel", at("UZ"), "Only members of this decision's channel can act on it."],
    ["a press from another channel", at("UA", { channelId: "C2" }), NOT_OURS],
    ["a press from another workspace", at("UA", { teamId: "T2" }), NOT_OURS],
    ["a press on another message", at("UA", { messageTs: "999.000100" }), NOT_OURS],
  ])("refuses %s, and counts nothing", async (_who, place, text) => {
    expect(await approveByButton(deps, place)).toEqual(note(text));
    expect(queued).toBe(0);
  });
});

describe("Request changes", () => {
  it("opens the reason form; the reason comes with the review when the form is sent", async () => {
    const outcome = await requestChangesByButton(deps, at("UA"));
    expect("view" in outcome && outcome.view.callback_id).toBe(VIEW.changeReason);
    const metadata = { decisionId: decision.id, mode: "request" as const };
    expect(await submitReason(deps, { teamId: "T1", userId: "UA", metadata, reason: "Re-score first." })).toEqual({ ok: true });
    expect((await getDecision(db, decision.id))?.status).toBe("changes-requested");
    expect(await reasonsOf(db, decision.id)).toEqual(new Map([["UA", "Re-score first."]]));
    // Sent again with a new reason: the new one replaces the old.
    await submitReason(deps, { teamId: "T1", userId: "UA", metadata, reason: "Re-score on this quarter." });
    expect(await reasonsOf(db, decision.id)).toEqual(new Map([["UA", "Re-score on this quarter."]]));
  });

  it("refuses a form sent by someone who may not review, or for another workspace", async () => {
    const metadata = { decisionId: decision.id, mode: "request" as const };
    expect(await submitReason(deps, { teamId: "T1", userId: "UOUT", metadata, reason: "x" })).toEqual({
      ok: false,
      problem: NOT_A_REVIEWER_TEXT,
    });
    expect(await submitReason(deps, { teamId: "T2", userId: "UA", metadata, reason: "x" })).toEqual({
      ok: false,
      problem: "This decision is no longer on record.",
    });
    expect((await getDecision(db, decision.id))?.status).toBe("in-review");
  });

  it("gives the reason form only to a reviewer who requests changes now", async () => {
    expect(await reasonFormByButton(deps, at("UA"), decision.id)).toEqual(
      note(`You no longer request changes on decision #${decision.number}.`),
    );
    await submitReason(deps, { teamId: "T1", userId: "UA", metadata: { decisionId: decision.id, mode: "request" }, reason: "x" });
    expect("view" in (await reasonFormByButton(deps, at("UA"), decision.id))).toBe(true);
    expect(await reasonFormByButton(deps, at("UA", { channelId: "C2" }), decision.id)).toEqual(note(NOT_OURS));
  });
});

describe("Revise answers", () => {
  it("opens the questionnaire with the stored answers for the requester or a reviewer, for the same thread", async () => {
    for (const userId of ["U1", "UA"]) {
      const outcome = await reviseByButton(deps, at(userId), decision.id);
      expect("view" in outcome).toBe(true);
      if (!("view" in outcome)) return;
      expect(JSON.parse(outcome.view.private_metadata ?? "")).toMatchObject({
        channelId: "C1",
        threadTs: "100.000100",
        parentId: decision.id,
        values: { "data.quality": "curated", "evals.baselineScore": "80", asOf: "2026-11-24" },
      });
      expect(outcome.view.callback_id).toBe(VIEW.questionnaire);
      expect(JSON.stringify(outcome.view.blocks)).toContain(`Revising decision #${decision.number}`);
    }
  });

  it("keeps Don't know answers, and continues the presser's draft of this revision, apart from their other drafts", async () => {
    const answers = validAnswers({ data: { labeledExamples: 2000, quality: "noisy", versioned: true } });
    const { decision: unsure } = await insertDecision(db, {
      teamId: "T1",
      channelId: "C1",
      threadTs: "200.000100",
      requesterId: "U1",
      answers,
      verdict: decide(answers),
      unknownAnswers: ["data.quality"],
      decidedOn: "2026-11-24",
      submissionKey: "unsure",
    });
    const metadataOf = async (userId: string) => {
      const outcome = await reviseByButton(deps, at(userId), unsure.id);
      if (!("view" in outcome)) throw new Error(JSON.stringify(outcome));
      return { metadata: JSON.parse(outcome.view.private_metadata ?? ""), blocks: JSON.stringify(outcome.view.blocks) };
    };
    const fresh = await metadataOf("U1");
    expect(fresh.metadata.values["data.quality"]).toBe("unknown");
    expect(fresh.blocks).not.toContain("Continuing your draft");

    await saveDraft(db, { teamId: "T1", userId: "U1" }, "V0", { title: "Something else entirely" });
    await saveDraft(db, { teamId: "T1", userId: "U1", revises: unsure.id }, "V1", { title: "Half revised", "data.quality": "unknown" });
    const continued = await metadataOf("U1");
    expect(continued.blocks).toContain("Continuing your draft from");
    expect(continued.blocks).toContain('"initial_value":"Half revised"');
    expect(continued.metadata).toMatchObject({ parentId: unsure.id, values: { "data.quality": "unknown", asOf: "2026-11-24" } });
    // Another reviewer starts from the decision's answers; the requester's new-decision draft is untouched.
    expect((await metadataOf("UA")).blocks).not.toContain("Half revised");
    expect((await getDraft(db, { teamId: "T1", userId: "U1" }))?.values).toEqual({ title: "Something else entirely" });
  });

  it("refuses another channel's decision, an outsider, someone who may not review, and a decision revised already", async () => {
    expect(await reviseByButton(deps, at("UA", { channelId: "C2" }), decision.id)).toEqual(note(NOT_OURS));
    expect(await reviseByButton(deps, at("UZ"), decision.id)).toEqual(note("Only members of this decision's channel can act on it."));
    expect(await reviseByButton(deps, at("UOUT"), decision.id)).toEqual(note("Only the requester or a reviewer can revise this decision."));
    const answers = validAnswers();
    const { decision: revision } = await insertDecision(db, {
      teamId: "T1",
      channelId: "C1",
      requesterId: "U1",
      answers,
      verdict: decide(answers),
      parentId: decision.id,
      decidedOn: "2026-11-24",
      submissionKey: "revision",
    });
    expect(await reviseByButton(deps, at("U1"), decision.id)).toEqual(
      note(`Decision #${decision.number} was revised already: revise #${revision.number} instead.`),
    );
    expect(await approveByButton(deps, at("UA"))).toEqual(
      note(`The review of decision #${decision.number} is over: decision #${revision.number} replaced it.`),
    );
  });
});
