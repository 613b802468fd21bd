import { afterEach, describe, expect, it } from "vitest";
import { workspaceReviewSettings } from "../../src/slack/workspace-review-settings.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { readWorkspaceSettings, saveWorkspaceSettings } from "../../src/store/workspace-settings.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

const open: SqlClient[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

const ENVIRONMENT = {
  requiredApprovals: 2,
  approvalReactions: ["white_check_mark"],
  rejectReactions: ["x"],
  reviewerUsers: [],
  reviewerGroup: "SENV",
  reminderAfterMs: 172_800_000,
};

describe.each(STORE_DIALECTS)("workspace settings ($name)", ({ open: openEmpty }) => {
  async function db() {
    const client = await openEmpty();
    open.push(client);
    return client;
  }

  it("keeps each workspace's own, replaced on save, and the environment's for the others and for what is left out", async () => {
    const client = await db();
    expect(await readWorkspaceSettings(client, "T1")).toBeNull();
    await saveWorkspaceSettings(client, "T1", { requiredApprovals: 1, reviewerUsers: ["UALICE"] }, "UADMIN");
    await saveWorkspaceSettings(client, "T1", { requiredApprovals: 3, reviewerUsers: ["UBOB"], reviewerGroup: null }, "UADMIN");
    expect(await readWorkspaceSettings(client, "T1")).toEqual({ requiredApprovals: 3, reviewerUsers: ["UBOB"], reviewerGroup: null });
    const settingsOf = workspaceReviewSettings(client, ENVIRONMENT);
    expect(await settingsOf({ teamId: "T1" })).toEqual({
      requiredApprovals: 3,
      approvalReactions: ["white_check_mark"],
      rejectReactions: ["x"],
      reviewerUsers: ["UBOB"],
      reviewerGroup: undefined,
      reminderAfterMs: 172_800_000,
    });
    expect(await settingsOf({ teamId: "T2" })).toEqual(ENVIRONMENT);
    expect(await settingsOf({ teamId: null, enterpriseId: "E1" })).toEqual(ENVIRONMENT);
  });

  it("refuses settings that are not settings", async () => {
    const client = await db();
    await expect(saveWorkspaceSettings(client, "T1", { requiredApprovals: 0 }, "UADMIN")).rejects.toThrow();
    expect(await readWorkspaceSettings(client, "T1")).toBeNull();
  });
});
