import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { openPglite } from "./pglite.js";

export interface StoreDialect {
  name: string;
  /** A fresh, migrated, empty database. */
  open(): Promise<SqlClient>;
}

/** The databases every repository test runs on: SQLite, and PostgreSQL (PGlite, in the test process). */
export const STORE_DIALECTS: readonly StoreDialect[] = [
  { name: "SQLite", open: () => openDb(":memory:") },
  { name: "PostgreSQL", open: openPglite },
];
