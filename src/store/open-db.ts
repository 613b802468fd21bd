import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { SqlClient } from "./sql-client.js";
import { sqliteClient } from "./sqlite-client.js";

const MIGRATIONS = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/**
 * Opens (creating the file and its folder if needed) and migrates the SQLite database. `:memory:` works for tests.
 * Async, like every store call, so that another database can stand behind the same repositories.
 */
export async function openDb(path: string): Promise<SqlClient> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const connection = new Database(path);
  try {
    connection.pragma("journal_mode = WAL");
    connection.pragma("foreign_keys = ON");
    connection.pragma("busy_timeout = 5000");
    // WAL with synchronous=NORMAL loses no committed transaction on an application crash, only on power loss.
    connection.pragma("synchronous = NORMAL");
    migrate(drizzle(connection), { migrationsFolder: MIGRATIONS });
  } catch (error) {
    connection.close();
    throw error;
  }
  return sqliteClient(connection);
}
