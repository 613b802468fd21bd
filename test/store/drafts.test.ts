import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { getDecision, insertDecision } from "../../src/store/decisions.js";
import { deleteDraft, getDraft, saveDraft } from "../../src/store/drafts.js";
import { closeDb, type Db, openDb } from "../../src/store/open-db.js";
import { validAnswers } from "../support/answers.js";

const dbs: Db[] = [];
const db = () => {
  const opened = openDb(":memory:");
  dbs.push(opened);
  return opened;
};
afterEach(() => {
  for (const d of dbs.splice(0)) closeDb(d);
});

const ME = { teamId: "T1", userId: "UREQ" };

describe("drafts", () => {
  it("keeps one draft per user and workspace, the latest save winning", () => {
    const d = db();
    expect(getDraft(d, ME)).toBeNull();
    saveDraft(d, ME, "V1", { title: "First", gaps: ["format"] });
    saveDraft(d, ME, "V2", { title: "Second" });
    saveDraft(d, { teamId: "T2", userId: "UREQ" }, "V3", { title: "Elsewhere" });
    saveDraft(d, { teamId: "T1", userId: "UOTHER" }, "V4", { title: "Someone else" });
    const draft = getDraft(d, ME)!;
    expect(draft).toMatchObject({ session: "V2", values: { title: "Second" } });
    expect(Date.parse(draft.updatedAt)).not.toBeNaN();
    expect(getDraft(d, { teamId: "T2", userId: "UREQ" })?.values).toEqual({ title: "Elsewhere" });
  });

  it("forgets a draft once it is submitted or started over, and only that one", () => {
    const d = db();
    saveDraft(d, ME, "V1", { title: "Mine" });
    saveDraft(d, { teamId: "T1", userId: "UOTHER" }, "V2", { title: "Theirs" });
    deleteDraft(d, ME);
    expect(getDraft(d, ME)).toBeNull();
    expect(getDraft(d, { teamId: "T1", userId: "UOTHER" })?.values).toEqual({ title: "Theirs" });
    deleteDraft(d, ME);
  });
});

describe("answers not known", () => {
  it("are kept with the decision, and none by default", () => {
    const d = db();
    const answers = validAnswers();
    const base = { teamId: "T1", channelId: "C1", requesterId: "UREQ", answers, verdict: decide(answers) };
    const { decision } = insertDecision(d, { ...base, submissionKey: "k1", unknownAnswers: ["data.quality", "compliance"] });
    expect(getDecision(d, decision.id)?.unknownAnswers).toEqual(["data.quality", "compliance"]);
    const { decision: plain } = insertDecision(d, { ...base, submissionKey: "k2" });
    expect(getDecision(d, plain.id)?.unknownAnswers).toEqual([]);
  });
});
