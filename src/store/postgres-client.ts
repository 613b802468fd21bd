import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SqlClient } from "./sql-client.js";

/** What the client needs of a query's answer; `pg` and PGlite (tests) both give it. */
export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
  fields: readonly { name: string; dataTypeID: number }[];
}

export interface PgQueryable {
  query(text: string, params: unknown[]): Promise<PgResult>;
}

/** One connection borrowed from the pool; `release(true)` throws it away (it may be broken). */
export interface PgConnection extends PgQueryable {
  release(destroy?: boolean): void;
}

/** A `pg.Pool`, or anything shaped like one (test/support/pglite.ts makes PGlite a pool of one). */
export interface PgPool extends PgQueryable {
  connect(): Promise<PgConnection>;
  end(): Promise<void>;
}

const dialect = new PgDialect();

/** Type OIDs whose values come back in another shape than SQLite gives them. */
const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

/**
 * Rows shaped as the SQLite client returns them, so a repository never branches on types: bigint and numeric values
 * (ids, `count(*)`, `sum(...)`) as numbers rather than strings, booleans as 1 and 0.
 */
function normalise(result: PgResult): Record<string, unknown>[] {
  const convert = result.fields.filter((f) => f.dataTypeID === INT8 || f.dataTypeID === NUMERIC || f.dataTypeID === BOOL);
  if (convert.length === 0) return result.rows;
  for (const row of result.rows) {
    for (const { name, dataTypeID } of convert) {
      const value = row[name];
      if (value === null || value === undefined) continue;
      row[name] = dataTypeID === BOOL ? (value ? 1 : 0) : Number(value);
    }
  }
  return result.rows;
}

async function all<Row>(on: PgQueryable, query: SQL): Promise<Row[]> {
  const { sql, params } = dialect.sqlToQuery(query);
  return normalise(await on.query(sql, params)) as Row[];
}

async function run(on: PgQueryable, query: SQL): Promise<number> {
  const { sql, params } = dialect.sqlToQuery(query);
  return (await on.query(sql, params)).rowCount ?? 0;
}

/** serialization_failure and deadlock_detected: the transaction lost a race and may simply run again. */
const RETRYABLE = new Set(["40001", "40P01"]);
const isRetryable = (error: unknown) => RETRYABLE.has(String((error as { code?: unknown })?.code ?? ""));

export interface PostgresClientOptions {
  /** Runs of one transaction before a lost race is reported (default 30: eight workers on a loaded machine lost ten in a row). */
  maxAttempts?: number;
}

/**
 * A SqlClient over a PostgreSQL pool. Every transaction runs SERIALIZABLE on one pooled connection and, when it loses a
 * race with another (a serialization failure or a deadlock), rolls back and runs again from the start: a repository's
 * read-then-write behaves as on SQLite, where writers take turns. So `work` may run more than once, and must do
 * nothing but database work through `tx`. Nested calls are savepoints. Statements outside a transaction run on their own
 * (autocommit, read committed).
 */
export function postgresClient(pool: PgPool, options: PostgresClientOptions = {}): SqlClient {
  const maxAttempts = options.maxAttempts ?? 30;
  const insideTransaction = new AsyncLocalStorage<true>();
  let closed = false;
  const outside = () => {
    // With a pool this would not hang, but it would run outside the transaction (and could wait for its locks).
    if (insideTransaction.getStore()) throw new Error("inside a transaction, use the client it hands you");
    if (closed) throw new Error("the database is closed");
  };

  const inTransaction = (connection: PgConnection, depth: number, isOpen: () => boolean): SqlClient => {
    const check = () => {
      if (!isOpen()) throw new Error("this transaction has ended");
    };
    return {
      dialect: "postgres",
      all: async (query) => {
        check();
        return all(connection, query);
      },
      run: async (query) => {
        check();
        return run(connection, query);
      },
      transaction: async (work) => {
        check();
        const name = `sp${depth}`;
        await connection.query(`savepoint ${name}`, []);
        let open = true;
        try {
          const result = await work(inTransaction(connection, depth + 1, () => open && isOpen()));
          await connection.query(`release savepoint ${name}`, []);
          return result;
        } catch (error) {
          await connection.query(`rollback to savepoint ${name}`, []).catch(() => undefined);
          throw error;
        } finally {
          open = false;
        }
      },
      close: async () => {
        throw new Error("close the database, not a transaction");
      },
    };
  };

  const attempt = async <T>(work: (tx: SqlClient) => Promise<T>): Promise<T> => {
    const connection = await pool.connect();
    let open = true;
    let broken = false;
    try {
      await connection.query("begin isolation level serializable", []);
      const result = await insideTransaction.run(true, () => work(inTransaction(connection, 1, () => open)));
      open = false;
      await connection.query("commit", []);
      return result;
    } catch (error) {
      open = false;
      // A connection that cannot even roll back is not given back to the pool.
      await connection.query("rollback", []).catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      connection.release(broken);
    }
  };

  return {
    dialect: "postgres",
    all: async (query) => {
      outside();
      return all(pool, query);
    },
    run: async (query) => {
      outside();
      return run(pool, query);
    },
    transaction: async (work) => {
      outside();
      for (let attempts = 1; ; attempts += 1) {
        try {
          return await attempt(work);
        } catch (error) {
          if (!isRetryable(error) || attempts >= maxAttempts) throw error;
          // Jittered, growing pauses: two transactions that collided should not collide again at once.
          await sleep(Math.random() * Math.min(500, 5 * 2 ** attempts));
        }
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
