import { sql } from "drizzle-orm";
import type { SqlClient } from "./sql-client.js";

/** "SWFT": stamped into the SQLite file header by every probe. */
const APPLICATION_ID = 0x53574654;

/**
 * A committed write, for readiness: in SQLite the header's application id is written (the same value each time), so a
 * read-only file or folder, a full disk, a lock held past the busy timeout or a damaged header page all show.
 */
export async function probeWrite(db: SqlClient): Promise<void> {
  if (db.dialect === "sqlite") {
    await db.run(sql.raw(`pragma application_id = ${APPLICATION_ID}`));
    return;
  }
  await db.transaction(async (tx) => {
    await tx.run(sql`select 1`);
  });
}
