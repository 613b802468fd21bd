import { sql } from "drizzle-orm";
import type { SqlClient } from "./sql-client.js";

/**
 * Takes or renews the named lease for `holder` until `until`: free, expired, already ours, or held by `goneHolder` (a
 * process known to be gone). False when another holder has it. One statement, so two processes asking at once cannot
 * both get it.
 */
export async function acquireLease(
  db: SqlClient,
  name: string,
  holder: string,
  at: Date,
  until: Date,
  goneHolder: string | null = null,
): Promise<boolean> {
  const rows = await db.all<{ holder: string }>(sql`
    insert into leases (name, holder, expires_at) values (${name}, ${holder}, ${until.toISOString()})
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where leases.holder = excluded.holder or leases.expires_at < ${at.toISOString()} or leases.holder = ${goneHolder}
    returning holder`);
  return rows[0]?.holder === holder;
}

/** Gives the lease up (a graceful stop), so another process can take over at once. */
export async function releaseLease(db: SqlClient, name: string, holder: string): Promise<void> {
  await db.run(sql`delete from leases where name = ${name} and holder = ${holder}`);
}

export async function leaseHolder(db: SqlClient, name: string): Promise<{ holder: string; expiresAt: string } | null> {
  const [row] = await db.all<{ holder: string; expiresAt: string }>(
    sql`select holder, expires_at as "expiresAt" from leases where name = ${name}`,
  );
  return row ?? null;
}
