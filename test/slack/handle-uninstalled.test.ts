import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleTokensRevoked, handleUninstalled, REVOKED_REASON, UNINSTALLED_REASON } from "../../src/slack/handlers/handle-uninstalled.js";
import { readInstallationEvent } from "../../src/slack/readers/read-installation-event.js";
import { findInstallation, saveInstallation } from "../../src/store/installations.js";
import { listJobs } from "../../src/store/jobs.js";
import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { seedDecision } from "../support/seed.js";

// The uninstall handlers called directly (bolt-js style), on a real SQLite database with the real migrations.

let db: SqlClient;
const lines: string[] = [];

const install = (teamId: string) =>
  saveInstallation(db, {
    teamId,
    enterpriseId: null,
    isEnterpriseInstall: false,
    botToken: `xoxb-${teamId}`,
    botUserId: `UBOT${teamId}`,
    botId: `B${teamId}`,
    installation: {},
  });

beforeEach(async () => {
  db = await openDb(":memory:");
  lines.length = 0;
  await install("T1");
  await install("T2");
});
afterEach(async () => db.close());

type Args = SlackEventMiddlewareArgs<"app_uninstalled" | "tokens_revoked"> & AllMiddlewareArgs;
const logger = { info: (line: string) => lines.push(line), debug: () => undefined, warn: () => undefined, error: () => undefined };
const envelope = (teamId: string, event: Record<string, unknown>) =>
  ({ body: { type: "event_callback", team_id: teamId, event }, event, logger }) as unknown as Args;

describe("uninstalls and revoked tokens", () => {
  it("app_uninstalled deletes that workspace's token and stops its jobs, with the reason; other workspaces are untouched", async () => {
    const t1 = await seedDecision(db, { teamId: "T1" });
    const t2 = await seedDecision(db, { teamId: "T2" });
    await handleUninstalled({ db })(envelope("T1", { type: "app_uninstalled" }));
    expect(await findInstallation(db, { teamId: "T1" })).toBeNull();
    expect(await findInstallation(db, { teamId: "T2" })).not.toBeNull();
    expect((await listJobs(db, { decisionId: t1.id })).map((j) => [j.status, j.lastError])).toEqual([["failed", UNINSTALLED_REASON]]);
    expect((await listJobs(db, { decisionId: t2.id })).map((j) => j.status)).toEqual(["pending"]);
    expect(lines.join("\n")).toContain("workspace T1");
    expect(lines.join("\n")).not.toContain("xoxb-");
  });

  it("tokens_revoked for the bot is an uninstall; for user tokens only, nothing changes", async () => {
    const decision = await seedDecision(db, { teamId: "T1" });
    await handleTokensRevoked({ db })(envelope("T1", { type: "tokens_revoked", tokens: { oauth: ["UPERSON"] } }));
    expect(await findInstallation(db, { teamId: "T1" })).not.toBeNull();
    expect((await listJobs(db, { decisionId: decision.id })).map((j) => j.status)).toEqual(["pending"]);
    await handleTokensRevoked({ db })(envelope("T1", { type: "tokens_revoked", tokens: { bot: ["UBOTT1"] } }));
    expect(await findInstallation(db, { teamId: "T1" })).toBeNull();
    expect((await listJobs(db, { decisionId: decision.id })).map((j) => j.lastError)).toEqual([REVOKED_REASON]);
  });

  it.each([
    [{ team_id: "T1" }, { teamId: "T1", enterpriseId: null }],
    [
      { team_id: "T1", enterprise_id: "E1" },
      { teamId: "T1", enterpriseId: "E1" },
    ],
    [
      { team_id: null, enterprise_id: "E1", is_enterprise_install: true },
      { teamId: null, enterpriseId: "E1" },
    ],
    [
      { team_id: "T1", enterprise_id: "E1", authorizations: [{ is_enterprise_install: true }] },
      { teamId: null, enterpriseId: "E1" },
    ],
    [{ enterprise_id: "E1" }, undefined],
    [{}, undefined],
    [null, undefined],
  ])("reads which installation an event is about: %j", (body, expected) => {
    expect(readInstallationEvent(body)).toEqual(expected);
  });
});
