import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from "@slack/bolt";
import type { SqlClient } from "../../store/sql-client.js";
import type { Workspace } from "../../store/workspace.js";
import { saveWorkspaceSettings } from "../../store/workspace-settings.js";
import { type Later, laterOr } from "../after-ack.js";
import { buildSettingsModal } from "../builders/build-settings.js";
import { publishHome, readHome, type SettingsHomeDeps } from "../home-view.js";
import { SETTINGS_BLOCK } from "../ids.js";
import { readSettingsForm } from "../readers/read-settings-form.js";
import { isWorkspaceAdmin, notReviewers } from "../workspace-admins.js";
import type { ReviewSettingsOf } from "../workspace-review-settings.js";

export interface SettingsDeps extends SettingsHomeDeps {
  db: SqlClient;
  reviewSettings: ReviewSettingsOf;
  later?: Later;
}

export const NOT_AN_ADMIN_ERROR = "Only workspace admins and owners can change these settings.";
export const notAPersonError = (ids: readonly string[]) =>
  `${ids.map((id) => `<@${id}>`).join(", ")} cannot review: pick people (not apps or deactivated accounts).`;

interface Who {
  user?: { id?: string; team_id?: string };
  team?: { id?: string; enterprise_id?: string } | null;
  enterprise?: { id?: string } | null;
}

/** The workspace a click or a submission came from (an org-wide install's user still belongs to one workspace). */
function workspaceOf(body: Who): (Workspace & { teamId: string }) | undefined {
  const teamId = body.team?.id ?? body.user?.team_id;
  return teamId ? { teamId, enterpriseId: body.enterprise?.id ?? body.team?.enterprise_id ?? null } : undefined;
}

/** App Home's "Edit settings": the form, for admins only (the button shows only for them; a forged click gets nothing). */
export function handleEditSettings(deps: SettingsDeps) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const workspace = workspaceOf(body as Who);
    const userId = body.user?.id;
    if (!workspace || !userId) return;
    const settings = await deps.reviewSettings(workspace);
    laterOr(deps.later, logger)("opening the review settings", async () => {
      if (!(await isWorkspaceAdmin(client, userId))) {
        logger.warn(`${userId} is not an admin of ${workspace.teamId}: the review settings stay closed`);
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: buildSettingsModal(settings) });
    });
  };
}

/**
 * Saves the settings form: errors under the fields that are wrong (a reviewer that is an app, say), and nothing saved
 * unless the person is an admin or owner of the workspace. Then App Home shows the new settings.
 */
export function handleSettingsSubmission(deps: SettingsDeps) {
  return async ({ ack, body, view, client, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const workspace = workspaceOf(body as Who);
    const userId = body.user.id;
    const read = readSettingsForm(view.state?.values as Parameters<typeof readSettingsForm>[0]);
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    if (!workspace || !(await isWorkspaceAdmin(client, userId))) {
      await ack({ response_action: "errors", errors: { [SETTINGS_BLOCK.requiredApprovals]: NOT_AN_ADMIN_ERROR } });
      return;
    }
    const bad = await notReviewers(client, read.settings.reviewerUsers);
    if (bad.length > 0) {
      await ack({ response_action: "errors", errors: { [SETTINGS_BLOCK.reviewerUsers]: notAPersonError(bad) } });
      return;
    }
    await saveWorkspaceSettings(deps.db, workspace.teamId, read.settings, userId);
    await ack();
    logger.info(`${userId} changed the review settings of ${workspace.teamId}`);
    const content = await readHome(deps, workspace, userId);
    laterOr(deps.later, logger)("publishing App Home", () => publishHome(client, userId, content));
  };
}
