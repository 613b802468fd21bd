import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { deleteInstallation, findInstallation, saveInstallation } from "../store/installations.js";
import type { SqlClient } from "../store/sql-client.js";

/** Slack's OAuth flow answered without a bot token: the app asks for bot scopes, so this is not an install it can use. */
export class NoBotTokenError extends Error {
  override name = "NoBotTokenError";
}

/**
 * Bolt's installation store, in our database: the OAuth flow saves each workspace's (or organization's) installation
 * here, and every event's token is looked up here (Bolt's authorize). Tokens are never logged.
 */
export function databaseInstallationStore(db: SqlClient): InstallationStore {
  return {
    storeInstallation: async (installation) => {
      const bot = installation.bot;
      if (!bot?.token) throw new NoBotTokenError("Slack's answer carries no bot token");
      await saveInstallation(db, {
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        botToken: bot.token,
        botUserId: bot.userId ?? null,
        botId: bot.id ?? null,
        installation,
      });
    },
    fetchInstallation: async (query: InstallationQuery<boolean>) => {
      const found = await findInstallation(db, query);
      if (!found) throw new Error(`the app is not installed in ${describe(query)}`);
      return found.installation as Installation;
    },
    deleteInstallation: async (query: InstallationQuery<boolean>) => {
      await deleteInstallation(db, query);
    },
  };
}

const describe = (query: InstallationQuery<boolean>) =>
  query.isEnterpriseInstall ? `organization ${query.enterpriseId}` : `workspace ${query.teamId ?? "?"}`;
