import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { forgetInstallation } from "../../store/installations.js";
import type { SqlClient } from "../../store/sql-client.js";
import type { Workspace } from "../../store/workspace.js";
import { readInstallationEvent, revokesBotTokens } from "../readers/read-installation-event.js";

type Args = SlackEventMiddlewareArgs<"app_uninstalled" | "tokens_revoked"> & AllMiddlewareArgs;

export const UNINSTALLED_REASON = "the app was uninstalled from this workspace";
export const REVOKED_REASON = "the app's token for this workspace was revoked";

const named = (workspace: Workspace) =>
  workspace.teamId ? `workspace ${workspace.teamId}` : `organization ${workspace.enterpriseId ?? "?"}`;

async function forget(db: SqlClient, body: unknown, reason: string, logger: Args["logger"]): Promise<void> {
  const workspace = readInstallationEvent(body);
  if (!workspace) return;
  const { installations, jobsStopped } = await forgetInstallation(db, workspace, reason);
  logger.info(
    `${reason} (${named(workspace)}): ${installations} installation deleted, ${jobsStopped} jobs stopped; its decisions are kept`,
  );
}

/** The app was uninstalled: its token goes, its pending jobs stop (docs/workspaces.md). Bolt skips authorize for this event. */
export function handleUninstalled(deps: { db: SqlClient }) {
  return async ({ body, logger }: Args): Promise<void> => forget(deps.db, body, UNINSTALLED_REASON, logger);
}

/** The bot's token was revoked (an admin removed it): the same as an uninstall. Revoked user tokens change nothing. */
export function handleTokensRevoked(deps: { db: SqlClient }) {
  return async ({ body, logger }: Args): Promise<void> => {
    if (revokesBotTokens(body)) await forget(deps.db, body, REVOKED_REASON, logger);
  };
}
