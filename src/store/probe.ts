import { sql } from "drizzle-orm";
import type { SqlClient } from "./sql-client.js";

/** "SWFT": stamped into the SQLite file header by every probe. */
const APPLICATION_ID = 0x53574654;

/**
 * A committed write, for readiness: in SQLite the header's application id is written (the same value each time), so a
 * read-only file or folder, a full disk, a lock held past the busy timeout or a damaged header page all show. In
 * PostgreSQL one row of its own in the leases table is written (a server gone read-only, say after a failover, shows).
 */
export async function probeWrite(db: SqlClient): Promise<void> {
  if (db.dialect === "sqlite") {
    await db.run(sql.raw(`pragma application_id = ${APPLICATION_ID}`));
    return;
  }
  const at = new Date().toISOString();
  await db.run(sql`
    insert into leases (name, holder, expires_at) values ('readiness-probe', 'readiness-probe', ${at})
    on conflict (name) do update set expires_at = excluded.expires_at`);
}
