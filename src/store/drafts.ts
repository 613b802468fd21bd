import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./open-db.js";
import { prepared } from "./prepared.js";
import { drafts } from "./schema.js";

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
}

/** Keeps one draft per user and workspace: the latest save wins. */
export function saveDraft(db: Db, key: DraftKey, session: string, values: DraftValues): void {
  const updatedAt = new Date().toISOString();
  db.insert(drafts)
    .values({ ...key, session, values, updatedAt })
    .onConflictDoUpdate({ target: [drafts.teamId, drafts.userId], set: { session, values, updatedAt } })
    .run();
}

export function getDraft(db: Db, key: DraftKey): Draft | null {
  const query = prepared(db, "getDraft", () =>
    db
      .select({ session: drafts.session, values: drafts.values, updatedAt: drafts.updatedAt })
      .from(drafts)
      .where(and(eq(drafts.teamId, sql.placeholder("teamId")), eq(drafts.userId, sql.placeholder("userId"))))
      .prepare(),
  );
  const row = query.get({ teamId: key.teamId, userId: key.userId });
  return row ? { session: row.session, values: row.values as DraftValues, updatedAt: row.updatedAt } : null;
}

export function deleteDraft(db: Db, key: DraftKey): void {
  db.delete(drafts)
    .where(and(eq(drafts.teamId, key.teamId), eq(drafts.userId, key.userId)))
    .run();
}
