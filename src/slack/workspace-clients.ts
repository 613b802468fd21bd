import type { WebClient } from "@slack/web-api";
import type { SlackInstalls } from "../config.js";
import { findInstallation } from "../store/installations.js";
import type { SqlClient } from "../store/sql-client.js";
import type { Workspace } from "../store/workspace.js";

/** The bot's Web API client in each workspace: background work (jobs, the reconcile) posts with each install's own token. */
export interface WorkspaceClients {
  /** The client for a workspace, or null when the app is not installed there (any more). */
  forWorkspace(workspace: Workspace): Promise<WebClient | null>;
}

/**
 * One client for the one token, or (OAuth mode) the token of each workspace's installation, looked up in the database
 * every time (an uninstall or a reinstall shows at once) and one client kept per installation while its token stays.
 */
export function workspaceClients(installs: SlackInstalls, db: SqlClient, makeClient: (token: string) => WebClient): WorkspaceClients {
  return installs.mode === "single" ? oneClient(makeClient(installs.botToken)) : installationClients(db, makeClient);
}

/** Every workspace gets the one client (single-token mode: there is one workspace). */
export const oneClient = (client: WebClient): WorkspaceClients => ({ forWorkspace: async () => client });

/** Each workspace's own installation's token (OAuth mode). */
export function installationClients(db: SqlClient, makeClient: (token: string) => WebClient): WorkspaceClients {
  const clients = new Map<string, { token: string; client: WebClient }>();
  return {
    forWorkspace: async (workspace) => {
      const found = await findInstallation(db, workspace);
      if (!found) return null;
      const key = `${found.enterpriseId ?? ""}/${found.isEnterpriseInstall ? "" : (found.teamId ?? "")}`;
      const cached = clients.get(key);
      if (cached?.token === found.botToken) return cached.client;
      const client = makeClient(found.botToken);
      clients.set(key, { token: found.botToken, client });
      return client;
    },
  };
}
