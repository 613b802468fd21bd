import { sql } from "drizzle-orm";
import { stopWorkspaceJobs } from "./jobs.js";
import type { SqlClient } from "./sql-client.js";
import type { Workspace } from "./workspace.js";

/** One installation of the app (OAuth mode): a workspace's, or an organization's when installed org-wide. */
export interface StoredInstallation {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botToken: string;
  botUserId: string | null;
  botId: string | null;
  /** Everything Slack's OAuth flow returned, as Bolt shapes it (tokens included). */
  installation: unknown;
}

/** Which installation an event or a job needs: Bolt's InstallationQuery, without its user. */
export interface InstallationQuery {
  teamId?: string | null | undefined;
  enterpriseId?: string | null | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

interface InstallationRow {
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  bot_token: string;
  bot_user_id: string | null;
  bot_id: string | null;
  installation: string;
}

const toInstallation = (row: InstallationRow): StoredInstallation => ({
  teamId: row.team_id,
  enterpriseId: row.enterprise_id,
  isEnterpriseInstall: Number(row.is_enterprise_install) === 1,
  botToken: row.bot_token,
  botUserId: row.bot_user_id,
  botId: row.bot_id,
  installation: JSON.parse(row.installation) as unknown,
});

const teamKey = (teamId: string) => `team:${teamId}`;
const enterpriseKey = (enterpriseId: string) => `enterprise:${enterpriseId}`;

/** An org-wide installation is one row for the whole organization; any other is one row per workspace. */
function keyOf(installation: Pick<StoredInstallation, "teamId" | "enterpriseId" | "isEnterpriseInstall">): string {
  if (installation.isEnterpriseInstall && installation.enterpriseId) return enterpriseKey(installation.enterpriseId);
  if (installation.teamId) return teamKey(installation.teamId);
  throw new Error("an installation names neither its workspace nor an org-wide organization");
}

/** Saves an installation, replacing the one of the same workspace (or organization): a reinstall brings a new token. */
export async function saveInstallation(db: SqlClient, installation: StoredInstallation, at: Date = new Date()): Promise<void> {
  const iso = at.toISOString();
  await db.run(sql`
    insert into installations (key, team_id, enterprise_id, is_enterprise_install, bot_token, bot_user_id, bot_id, installation,
      created_at, updated_at)
    values (${keyOf(installation)}, ${installation.teamId}, ${installation.enterpriseId}, ${Number(installation.isEnterpriseInstall)},
      ${installation.botToken}, ${installation.botUserId}, ${installation.botId}, ${JSON.stringify(installation.installation)},
      ${iso}, ${iso})
    on conflict (key) do update set team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
      is_enterprise_install = excluded.is_enterprise_install, bot_token = excluded.bot_token, bot_user_id = excluded.bot_user_id,
      bot_id = excluded.bot_id, installation = excluded.installation, updated_at = excluded.updated_at`);
}

/** The keys to look under, in order: the organization's own for an org-wide query; else the workspace's, then its organization's. */
function keysFor(query: InstallationQuery): string[] {
  if (query.isEnterpriseInstall && query.enterpriseId) return [enterpriseKey(query.enterpriseId)];
  return [...(query.teamId ? [teamKey(query.teamId)] : []), ...(query.enterpriseId ? [enterpriseKey(query.enterpriseId)] : [])];
}

/**
 * The installation whose token serves a workspace, or null when the app is not installed there. Asked with a team
 * alone (the organization not known where the question comes from), a workspace without an installation of its own
 * is looked up under the organization its decisions recorded.
 */
export async function findInstallation(db: SqlClient, query: InstallationQuery): Promise<StoredInstallation | null> {
  for (const key of keysFor(query)) {
    const [row] = await db.all<InstallationRow>(sql`select * from installations where key = ${key}`);
    if (row) return toInstallation(row);
  }
  if (query.enterpriseId !== undefined || !query.teamId) return null;
  const [known] = await db.all<{ enterprise_id: string }>(
    sql`select enterprise_id from decisions where team_id = ${query.teamId} and enterprise_id is not null limit 1`,
  );
  return known ? findInstallation(db, { enterpriseId: known.enterprise_id, isEnterpriseInstall: true }) : null;
}

/**
 * Forgets the installation of a workspace (or, for an org-wide query, of the organization): its token is gone.
 * Returns how many were deleted.
 */
export async function deleteInstallation(db: SqlClient, query: InstallationQuery): Promise<number> {
  const key =
    query.isEnterpriseInstall || !query.teamId ? (query.enterpriseId ? enterpriseKey(query.enterpriseId) : null) : teamKey(query.teamId);
  return key ? db.run(sql`delete from installations where key = ${key}`) : 0;
}

export async function countInstallations(db: SqlClient): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select count(*) as n from installations`);
  return Number(row?.n ?? 0);
}

/**
 * The app left a workspace (or an organization): its installation and token are deleted and its jobs still to run
 * stop (failed, with the reason), in one transaction. Its decisions stay (docs/workspaces.md).
 */
export async function forgetInstallation(
  db: SqlClient,
  workspace: Workspace,
  reason: string,
): Promise<{ installations: number; jobsStopped: number }> {
  return db.transaction(async (tx) => {
    const orgWide = workspace.teamId === null;
    const installations = await deleteInstallation(tx, { ...workspace, isEnterpriseInstall: orgWide });
    const jobsStopped = await stopWorkspaceJobs(tx, workspace, reason);
    return { installations, jobsStopped };
  });
}
