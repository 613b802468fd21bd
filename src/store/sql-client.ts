import type { SQL } from "drizzle-orm";

export type Dialect = "sqlite" | "postgres";

/**
 * What the repository modules need of a database, and all they get: queries are drizzle `sql` templates written in
 * SQL both SQLite and PostgreSQL accept (ISO-8601 text timestamps, JSON as text, integers for booleans, `on conflict`,
 * `returning`), so another implementation can serve the same repositories.
 */
export interface SqlClient {
  readonly dialect: Dialect;
  /** The rows of a query that returns rows (a select, or a write with `returning`). */
  all<Row>(query: SQL): Promise<Row[]>;
  /** Runs a statement that returns no rows; resolves with how many rows it changed. */
  run(query: SQL): Promise<number>;
  /**
   * Runs `work` in a transaction: committed when it resolves, rolled back when it throws. Inside, use only `tx`;
   * a nested call is a savepoint.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
