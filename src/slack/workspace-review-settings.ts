import type { SqlClient } from "../store/sql-client.js";
import type { Workspace } from "../store/workspace.js";
import { readWorkspaceSettings } from "../store/workspace-settings.js";
import type { ReviewSettings } from "./review-settings.js";

/** How reviews work in a workspace: its admins' settings over the environment's. */
export type ReviewSettingsOf = (workspace: Workspace) => Promise<ReviewSettings>;

/** Read from the database each time, so a change in App Home counts from the next reaction or post on. */
export function workspaceReviewSettings(db: SqlClient, defaults: ReviewSettings): ReviewSettingsOf {
  return async (workspace) => {
    const own = workspace.teamId ? await readWorkspaceSettings(db, workspace.teamId) : null;
    if (!own) return defaults;
    return {
      requiredApprovals: own.requiredApprovals ?? defaults.requiredApprovals,
      approvalReactions: own.approvalReactions ?? defaults.approvalReactions,
      rejectReactions: own.rejectReactions ?? defaults.rejectReactions,
      reviewerUsers: own.reviewerUsers ?? defaults.reviewerUsers,
      reviewerGroup: own.reviewerGroup === undefined ? defaults.reviewerGroup : (own.reviewerGroup ?? undefined),
      reminderAfterMs: own.reminderAfterMs === undefined ? defaults.reminderAfterMs : own.reminderAfterMs,
    };
  };
}

/** The same settings everywhere (the command line, tests). */
export const fixedReviewSettings =
  (settings: ReviewSettings): ReviewSettingsOf =>
  async () =>
    settings;
