import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { postgresClient } from "./postgres-client.js";
import type { SqlClient } from "./sql-client.js";

const MIGRATIONS = fileURLToPath(new URL("../../db/migrations-pg", import.meta.url));
/** "SWFT", 1: the advisory lock replicas starting at once take in turn to migrate. */
const MIGRATION_LOCK = [0x53574654, 1] as const;

export interface OpenPostgresOptions {
  /** Connections kept at most (default 10). */
  poolSize?: number;
  /** An idle pooled connection broke (the server restarted, say); the next query gets a new one. */
  onIdleError?: (error: Error) => void;
  /** How long connecting may take before it fails (default 10 s). */
  connectTimeoutMs?: number;
}

/** Connects to PostgreSQL at `url` and applies its migrations (db/migrations-pg), one replica at a time. */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<SqlClient> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    application_name: "should-we-finetune",
  });
  // Without a listener, an idle connection's error would end the process.
  pool.on("error", (error) => options.onIdleError?.(error));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return postgresClient(pool);
}

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const connection = await pool.connect();
  try {
    await connection.query("select pg_advisory_lock($1, $2)", [...MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client: connection }), { migrationsFolder: MIGRATIONS });
    } finally {
      await connection.query("select pg_advisory_unlock($1, $2)", [...MIGRATION_LOCK]);
    }
  } finally {
    connection.release();
  }
}
