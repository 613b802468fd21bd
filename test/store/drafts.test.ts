import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { getDecision, insertDecision } from "../../src/store/decisions.js";
import { deleteDraft, getDraft, saveDraft } from "../../src/store/drafts.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

const dbs: SqlClient[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.close();
});

const ME = { teamId: "T1", userId: "UREQ" };

describe.each(STORE_DIALECTS)("drafts and answers not known ($name)", ({ open }) => {
  const db = async () => {
    const opened = await open();
    dbs.push(opened);
    return opened;
  };

  it("keeps one draft per user and workspace, the latest save winning", async () => {
    const d = await db();
    expect(await getDraft(d, ME)).toBeNull();
    await saveDraft(d, ME, "V1", { title: "First", gaps: ["format"] });
    await saveDraft(d, ME, "V2", { title: "Second" });
    await saveDraft(d, { teamId: "T2", userId: "UREQ" }, "V3", { title: "Elsewhere" });
    await saveDraft(d, { teamId: "T1", userId: "UOTHER" }, "V4", { title: "Someone else" });
    const draft = (await getDraft(d, ME))!;
    expect(draft).toMatchObject({ session: "V2", values: { title: "Second" } });
    expect(Date.parse(draft.updatedAt)).not.toBeNaN();
    expect((await getDraft(d, { teamId: "T2", userId: "UREQ" }))?.values).toEqual({ title: "Elsewhere" });
  });

  it("forgets a draft once it is submitted or started over, and only that one", async () => {
    const d = await db();
    await saveDraft(d, ME, "V1", { title: "Mine" });
    await saveDraft(d, { teamId: "T1", userId: "UOTHER" }, "V2", { title: "Theirs" });
    await deleteDraft(d, ME);
    expect(await getDraft(d, ME)).toBeNull();
    expect((await getDraft(d, { teamId: "T1", userId: "UOTHER" }))?.values).toEqual({ title: "Theirs" });
    await deleteDraft(d, ME);
  });

  it("keeps a revision's draft apart from a new decision's and from another revision's", async () => {
    const d = await db();
    await saveDraft(d, ME, "V1", { title: "New one" });
    await saveDraft(d, { ...ME, revises: 7 }, "V2", { title: "Revising 7" });
    await saveDraft(d, { ...ME, revises: 8 }, "V3", { title: "Revising 8" });
    await saveDraft(d, { ...ME, revises: 7 }, "V4", { title: "Revising 7 again" });
    expect((await getDraft(d, ME))?.values).toEqual({ title: "New one" });
    expect((await getDraft(d, { ...ME, revises: 7 }))?.values).toEqual({ title: "Revising 7 again" });
    await deleteDraft(d, { ...ME, revises: 7 });
    expect(await getDraft(d, { ...ME, revises: 7 })).toBeNull();
    expect((await getDraft(d, { ...ME, revises: 8 }))?.values).toEqual({ title: "Revising 8" });
    expect((await getDraft(d, ME))?.values).toEqual({ title: "New one" });
  });

  it("are kept with the decision, and none by default", async () => {
    const d = await db();
    const answers = validAnswers();
    const base = { teamId: "T1", channelId: "C1", requesterId: "UREQ", answers, verdict: decide(answers), decidedOn: "2026-11-24" };
    const { decision } = await insertDecision(d, { ...base, submissionKey: "k1", unknownAnswers: ["data.quality", "compliance"] });
    expect((await getDecision(d, decision.id))?.unknownAnswers).toEqual(["data.quality", "compliance"]);
    const { decision: plain } = await insertDecision(d, { ...base, submissionKey: "k2" });
    expect((await getDecision(d, plain.id))?.unknownAnswers).toEqual([]);
  });
});
