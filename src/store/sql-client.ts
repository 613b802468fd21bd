import type { SQL } from "drizzle-orm";

export type Dialect = "sqlite" | "postgres";

/**
 * What the repository modules need of a database, and all they get: queries are drizzle `sql` templates written in
 * SQL both SQLite and PostgreSQL accept (ISO-8601 text timestamps, JSON as text, integers for booleans, `on conflict`,
 * `returning`), so one text serves both; the few that cannot be written once branch on `dialect` in their repository
 * function. Rows come back in one shape from both: numbers for integers, bigints and counts; 1 and 0 for booleans.
 */
export interface SqlClient {
  readonly dialect: Dialect;
  /** The rows of a query that returns rows (a select, or a write with `returning`). */
  all<Row>(query: SQL): Promise<Row[]>;
  /** Runs a statement that returns no rows; resolves with how many rows it changed. */
  run(query: SQL): Promise<number>;
  /**
   * Runs `work` in a transaction: committed when it resolves, rolled back when it throws. Inside, use only `tx`;
   * a nested call is a savepoint. Transactions behave as if run one after another (SQLite: writers take turns;
   * PostgreSQL: SERIALIZABLE, and a transaction that lost a race runs again), so `work` may run more than once and
   * must do nothing but database work.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
