import type { DatabaseTarget } from "./database-target.js";
import { openDb } from "./open-db.js";
import { type OpenPostgresOptions, openPostgres } from "./open-postgres.js";
import type { SqlClient } from "./sql-client.js";

/** Opens and migrates the configured database: the SQLite file, or PostgreSQL. */
export function openDatabase(target: DatabaseTarget, options: OpenPostgresOptions = {}): Promise<SqlClient> {
  return target.kind === "postgres" ? openPostgres(target.url, options) : openDb(target.path);
}
