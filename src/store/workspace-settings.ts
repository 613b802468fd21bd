import { sql } from "drizzle-orm";
import { z } from "zod";
import type { SqlClient } from "./sql-client.js";

/**
 * A workspace's own review settings, as its admins set them in App Home. Each one left out follows the environment's
 * (REQUIRED_APPROVALS, APPROVAL_REACTIONS, REJECT_REACTIONS, REVIEWERS).
 */
export const WorkspaceSettings = z.object({
  requiredApprovals: z.number().int().min(1).max(20).optional(),
  approvalReactions: z.array(z.string().min(1)).min(1).optional(),
  rejectReactions: z.array(z.string().min(1)).optional(),
  /** With `reviewerGroup`: who may review; both empty means anyone but the requester. */
  reviewerUsers: z.array(z.string()).optional(),
  reviewerGroup: z.string().nullable().optional(),
  /** How long a review waits before its reviewers are reminded; null: never. */
  reminderAfterMs: z.number().int().positive().nullable().optional(),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

/** The workspace's own settings, or null when its admins never set any (or what is stored no longer reads). */
export async function readWorkspaceSettings(db: SqlClient, teamId: string): Promise<WorkspaceSettings | null> {
  const [row] = await db.all<{ settings: string }>(sql`select settings from workspace_settings where team_id = ${teamId}`);
  if (!row) return null;
  const parsed = WorkspaceSettings.safeParse(JSON.parse(row.settings));
  return parsed.success ? parsed.data : null;
}

/** The reminder interval of each workspace that set its own (null: reminders off there). */
export async function ownReminderIntervals(db: SqlClient): Promise<Map<string, number | null>> {
  const rows = await db.all<{ team_id: string; settings: string }>(sql`select team_id, settings from workspace_settings`);
  const intervals = new Map<string, number | null>();
  for (const row of rows) {
    const parsed = WorkspaceSettings.safeParse(JSON.parse(row.settings));
    if (parsed.success && parsed.data.reminderAfterMs !== undefined) intervals.set(row.team_id, parsed.data.reminderAfterMs);
  }
  return intervals;
}

/** Replaces a workspace's settings, recording which admin saved them. */
export async function saveWorkspaceSettings(
  db: SqlClient,
  teamId: string,
  settings: WorkspaceSettings,
  updatedBy: string,
  at: Date = new Date(),
): Promise<void> {
  const iso = at.toISOString();
  const json = JSON.stringify(WorkspaceSettings.parse(settings));
  await db.run(sql`
    insert into workspace_settings (team_id, settings, updated_by, created_at, updated_at)
    values (${teamId}, ${json}, ${updatedBy}, ${iso}, ${iso})
    on conflict (team_id) do update set settings = excluded.settings, updated_by = excluded.updated_by,
      updated_at = excluded.updated_at`);
}
