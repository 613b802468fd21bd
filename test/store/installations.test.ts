import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { insertDecision } from "../../src/store/decisions.js";
import {
  countInstallations,
  deleteInstallation,
  findInstallation,
  type StoredInstallation,
  saveInstallation,
} from "../../src/store/installations.js";
import { enqueueJob, jobKey, listJobs, stopWorkspaceJobs } from "../../src/store/jobs.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

const open: SqlClient[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

const workspaceInstall = (teamId: string, token: string, enterpriseId: string | null = null): StoredInstallation => ({
  teamId,
  enterpriseId,
  isEnterpriseInstall: false,
  botToken: token,
  botUserId: `UBOT${teamId}`,
  botId: `B${teamId}`,
  installation: { team: { id: teamId }, bot: { token } },
});
const orgInstall = (enterpriseId: string, token: string): StoredInstallation => ({
  teamId: null,
  enterpriseId,
  isEnterpriseInstall: true,
  botToken: token,
  botUserId: "UORGBOT",
  botId: "BORG",
  installation: { enterprise: { id: enterpriseId }, isEnterpriseInstall: true, bot: { token } },
});

async function decisionIn(db: SqlClient, teamId: string, enterpriseId?: string) {
  const answers = validAnswers();
  const { decision } = await insertDecision(db, {
    teamId,
    ...(enterpriseId ? { enterpriseId } : {}),
    channelId: `C${teamId}`,
    requesterId: "U1",
    answers,
    verdict: decide(answers),
    decidedOn: "2026-11-24",
    submissionKey: `${teamId}:${Math.random()}`,
  });
  return decision;
}

describe.each(STORE_DIALECTS)("installations and the jobs of a workspace ($name)", ({ open: openEmpty }) => {
  async function db() {
    const client = await openEmpty();
    open.push(client);
    return client;
  }

  it("finds each workspace's own token, and a reinstall replaces it", async () => {
    const client = await db();
    await saveInstallation(client, workspaceInstall("T1", "xoxb-one"));
    await saveInstallation(client, workspaceInstall("T2", "xoxb-two"));
    expect((await findInstallation(client, { teamId: "T1" }))?.botToken).toBe("xoxb-one");
    expect((await findInstallation(client, { teamId: "T2" }))?.botToken).toBe("xoxb-two");
    expect(await findInstallation(client, { teamId: "T3" })).toBeNull();
    await saveInstallation(client, workspaceInstall("T1", "xoxb-one-again"));
    expect((await findInstallation(client, { teamId: "T1" }))?.botToken).toBe("xoxb-one-again");
    expect(await countInstallations(client)).toBe(2);
    expect((await findInstallation(client, { teamId: "T1" }))?.installation).toEqual({
      team: { id: "T1" },
      bot: { token: "xoxb-one-again" },
    });
  });

  it("serves every workspace of an organization from its org-wide installation, unless the workspace has its own", async () => {
    const client = await db();
    await saveInstallation(client, orgInstall("E1", "xoxb-org"));
    await saveInstallation(client, workspaceInstall("T9", "xoxb-own", "E1"));
    expect((await findInstallation(client, { teamId: "T5", enterpriseId: "E1" }))?.botToken).toBe("xoxb-org");
    expect((await findInstallation(client, { enterpriseId: "E1", isEnterpriseInstall: true }))?.botToken).toBe("xoxb-org");
    expect((await findInstallation(client, { teamId: "T9", enterpriseId: "E1" }))?.botToken).toBe("xoxb-own");
    expect(await findInstallation(client, { teamId: "T5", enterpriseId: "E2" })).toBeNull();
    expect(await findInstallation(client, { teamId: "T5" })).toBeNull();
  });

  it("finds an org-wide installation by a workspace alone once one of its decisions named the organization", async () => {
    const client = await db();
    await saveInstallation(client, orgInstall("E1", "xoxb-org"));
    expect(await findInstallation(client, { teamId: "T5" })).toBeNull();
    await decisionIn(client, "T5", "E1");
    expect((await findInstallation(client, { teamId: "T5" }))?.botToken).toBe("xoxb-org");
    expect(await findInstallation(client, { teamId: "T5", enterpriseId: null })).toBeNull();
    expect(await findInstallation(client, { teamId: "T6" })).toBeNull();
  });

  it("forgets one installation: a workspace's, or the organization's", async () => {
    const client = await db();
    await saveInstallation(client, orgInstall("E1", "xoxb-org"));
    await saveInstallation(client, workspaceInstall("T1", "xoxb-one"));
    await saveInstallation(client, workspaceInstall("T2", "xoxb-two"));
    expect(await deleteInstallation(client, { teamId: "T1" })).toBe(1);
    expect(await findInstallation(client, { teamId: "T1" })).toBeNull();
    expect((await findInstallation(client, { teamId: "T2" }))?.botToken).toBe("xoxb-two");
    expect(await deleteInstallation(client, { enterpriseId: "E1", isEnterpriseInstall: true })).toBe(1);
    expect(await findInstallation(client, { teamId: "T5", enterpriseId: "E1" })).toBeNull();
    expect(await deleteInstallation(client, { teamId: "T1" })).toBe(0);
  });

  it("a job carries its decision's workspace and organization, or the one it is given", async () => {
    const client = await db();
    const inT1 = await decisionIn(client, "T1");
    const inT2 = await decisionIn(client, "T2", "E1");
    await enqueueJob(client, { kind: "notify-user", workspace: { teamId: "T3", enterpriseId: "E3" }, key: jobKey.note(), payload: {} });
    const jobs = await listJobs(client);
    const of = (decisionId: number | null) => jobs.filter((j) => j.decisionId === decisionId).map((j) => [j.teamId, j.enterpriseId]);
    expect(of(inT1.id)).toEqual([["T1", null]]);
    expect(of(inT2.id)).toEqual([["T2", "E1"]]);
    expect(of(null)).toEqual([["T3", "E3"]]);
  });

  it("stops the jobs still to run of one workspace, with the reason, and leaves the others' alone", async () => {
    const client = await db();
    const inT1 = await decisionIn(client, "T1");
    const inT2 = await decisionIn(client, "T2");
    await enqueueJob(client, { kind: "post-reasons", decisionId: inT1.id, key: jobKey.reasons(inT1.id), status: "waiting" });
    expect(await stopWorkspaceJobs(client, { teamId: "T1" }, "the app was uninstalled")).toBe(2);
    const t1 = await listJobs(client, { decisionId: inT1.id });
    expect(t1.map((j) => [j.status, j.lastError])).toEqual([
      ["failed", "the app was uninstalled"],
      ["failed", "the app was uninstalled"],
    ]);
    expect((await listJobs(client, { decisionId: inT2.id })).map((j) => j.status)).toEqual(["pending"]);
  });

  it("stops an organization's jobs when its org-wide installation goes", async () => {
    const client = await db();
    const inOrg = await decisionIn(client, "T5", "E1");
    const elsewhere = await decisionIn(client, "T6", "E2");
    expect(await stopWorkspaceJobs(client, { teamId: null, enterpriseId: "E1" }, "uninstalled")).toBe(1);
    expect((await listJobs(client, { decisionId: inOrg.id })).map((j) => j.status)).toEqual(["failed"]);
    expect((await listJobs(client, { decisionId: elsewhere.id })).map((j) => j.status)).toEqual(["pending"]);
  });
});
