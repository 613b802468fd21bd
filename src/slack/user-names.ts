import type { Workspace } from "../store/workspace.js";
import type { WorkspaceClients } from "./workspace-clients.js";

/** People's names for text that leaves Slack (a decision record), where a mention would mean nothing. */
export type UserNames = (workspace: Workspace, userIds: readonly string[]) => Promise<(userId: string) => string>;

/**
 * `@name` from users.info with the workspace's own token, cached for the process; a user Slack will not describe is
 * named by their id.
 */
export function userNamesFrom(clients: WorkspaceClients): UserNames {
  const known = new Map<string, string>();
  return async (workspace, userIds) => {
    const client = await clients.forWorkspace(workspace);
    await Promise.all(
      [...new Set(userIds)]
        .filter((id) => !known.has(id))
        .map(async (id) => {
          try {
            if (!client) return;
            const res = await client.users.info({ user: id });
            const name = res.user?.profile?.display_name || res.user?.name;
            if (name) known.set(id, `@${name}`);
          } catch {
            // Named by id below.
          }
        }),
    );
    return (id) => known.get(id) ?? id;
  };
}
