import { sql } from "drizzle-orm";
import { IS_SUPERSEDED } from "./decisions.js";
import type { ReminderPayload } from "./job-payloads.js";
import { enqueueJob, jobKey } from "./jobs.js";
import type { SqlClient } from "./sql-client.js";

/** At most this many reminders per review. */
export const MAX_REMINDERS = 3;

/** Which workspaces a pass looks at (each workspace may have its own interval): only these, or all but these. */
export interface TeamFilter {
  only?: readonly string[];
  except?: readonly string[];
}

export interface DueReminder {
  decisionId: number;
  /** Reminders sent so far. */
  sent: number;
}

/**
 * Reviews still waiting (in review, posted, not superseded) whose last reminder, or whose start when none was sent,
 * is at least `everyMs` before `at`, and that have had fewer than MAX_REMINDERS.
 */
export async function dueReminders(db: SqlClient, at: Date, everyMs: number, limit = 500, teams: TeamFilter = {}): Promise<DueReminder[]> {
  const before = new Date(at.getTime() - everyMs).toISOString();
  const list = (ids: readonly string[]) =>
    sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
  const ofTeams = teams.only
    ? teams.only.length > 0
      ? sql`and d.team_id in (${list(teams.only)})`
      : sql`and 1 = 0`
    : teams.except && teams.except.length > 0
      ? sql`and d.team_id not in (${list(teams.except)})`
      : sql``;
  const rows = await db.all<{ id: number; reminders_sent: number }>(sql`
    select d.id, d.reminders_sent from decisions d
    where d.status = 'in-review' and d.message_ts is not null and d.reminders_sent < ${MAX_REMINDERS}
      and coalesce(d.reminded_at, d.review_opened_at) <= ${before} and not ${IS_SUPERSEDED} ${ofTeams}
    order by d.id limit ${limit}`);
  return rows.map((r) => ({ decisionId: r.id, sent: Number(r.reminders_sent) }));
}

/**
 * Counts a reminder and queues its post, in one transaction, unless another pass counted it first (compare-and-swap
 * on the count) or the review ended meanwhile: a review is reminded at most once per interval, whoever runs the pass.
 */
export async function queueReminder(db: SqlClient, due: DueReminder, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const nth = due.sent + 1;
    const counted = await tx.run(sql`
      update decisions set reminders_sent = ${nth}, reminded_at = ${at.toISOString()}
      where id = ${due.decisionId} and reminders_sent = ${due.sent} and status = 'in-review'`);
    if (counted !== 1) return false;
    const payload: ReminderPayload = { nth };
    // Due at once by the worker's clock, whichever clock this pass was given.
    return enqueueJob(tx, { kind: "post-reminder", decisionId: due.decisionId, key: jobKey.reminder(due.decisionId, nth), payload });
  });
}

/** How often reviews are checked for a due reminder: at least once a minute, and at least once per interval. */
export const reminderCheckEveryMs = (afterMs: number) => Math.min(60_000, afterMs);

/** One pass: every review whose reminder is due gets it queued. Resolves with how many were. */
export async function queueDueReminders(db: SqlClient, at: Date, everyMs: number, teams: TeamFilter = {}): Promise<number> {
  let queued = 0;
  for (const due of await dueReminders(db, at, everyMs, 500, teams)) if (await queueReminder(db, due, at)) queued += 1;
  return queued;
}
