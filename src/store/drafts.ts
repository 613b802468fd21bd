import { sql } from "drizzle-orm";
import type { SqlClient } from "./sql-client.js";

/** A form's values by field path: text, or a list for a multi-select. */
export type DraftValues = Record<string, string | string[]>;

export interface Draft {
  session: string;
  values: DraftValues;
  /** When it was last saved (ISO timestamp). */
  updatedAt: string;
}

export interface DraftKey {
  teamId: string;
  userId: string;
  /** The decision the draft revises or re-evaluates; none for a new decision (docs/reviews.md#revisions). */
  revises?: number | undefined;
}

const revisesOf = (key: DraftKey) => key.revises ?? 0;

/** Keeps one draft per user and workspace for a new decision, and one per decision they revise: the latest save wins. */
export async function saveDraft(db: SqlClient, key: DraftKey, session: string, values: DraftValues): Promise<void> {
  const at = new Date().toISOString();
  await db.run(sql`
    insert into drafts (team_id, user_id, revises, session, "values", created_at, updated_at)
    values (${key.teamId}, ${key.userId}, ${revisesOf(key)}, ${session}, ${JSON.stringify(values)}, ${at}, ${at})
    on conflict (team_id, user_id, revises) do update
      set session = excluded.session, "values" = excluded."values", updated_at = excluded.updated_at`);
}

export async function getDraft(db: SqlClient, key: DraftKey): Promise<Draft | null> {
  const [row] = await db.all<{ session: string; values: string; updated_at: string }>(sql`
    select session, "values", updated_at from drafts
    where team_id = ${key.teamId} and user_id = ${key.userId} and revises = ${revisesOf(key)}`);
  return row ? { session: row.session, values: JSON.parse(row.values) as DraftValues, updatedAt: row.updated_at } : null;
}

export async function deleteDraft(db: SqlClient, key: DraftKey): Promise<void> {
  await db.run(sql`delete from drafts where team_id = ${key.teamId} and user_id = ${key.userId} and revises = ${revisesOf(key)}`);
}
