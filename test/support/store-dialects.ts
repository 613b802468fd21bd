import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { openPglite } from "./pglite.js";

export interface StoreDialect {
  name: string;
  /** A fresh, migrated, empty database. */
  open(): Promise<SqlClient>;
}

/**
 * The databases every repository test runs on: SQLite, and PostgreSQL (PGlite, in the test process). A new repository
 * test: `describe.each(STORE_DIALECTS)("... ($name)", ({ open }) => ...)`.
 */
export const STORE_DIALECTS: readonly StoreDialect[] = [
  { name: "SQLite", open: () => openDb(":memory:") },
  { name: "PostgreSQL", open: openPglite },
];
