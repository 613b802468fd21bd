import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { SqlClient } from "./sql-client.js";

const dialect = new SQLiteSyncDialect();
/** Distinct statement texts kept prepared; the app has a few dozen, `in (...)` lists of other lengths add some. */
const STATEMENT_CACHE_SIZE = 500;

/** Serialises work on one connection: a transaction holds it from BEGIN to COMMIT, across its awaits. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const result: Promise<T> = this.tail.then(async () => work());
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * A SqlClient over one better-sqlite3 connection. Statements are prepared once per SQL text (re-preparing cost a
 * quarter of the submission path's CPU). Transactions are `BEGIN IMMEDIATE` (the write lock is taken at once, so two
 * processes on one file wait for each other instead of failing at commit), and a statement issued outside a
 * transaction waits until it ends: nothing leaks into or out of an open transaction. Rows are always read with
 * `.all()`: better-sqlite3 12.9's `.get()` can return an `INSERT ... RETURNING` row whose write failed.
 */
export function sqliteClient(connection: Database.Database): SqlClient {
  const statements = new Map<string, Database.Statement>();
  const mutex = new Mutex();
  let closed = false;
  /** Set inside a transaction's work: using the outer client there would wait for the transaction forever. */
  const insideTransaction = new AsyncLocalStorage<true>();
  const outside = <T>(work: () => T | Promise<T>): Promise<T> => {
    if (insideTransaction.getStore()) {
      return Promise.reject(new Error("inside a transaction, use the client it hands you"));
    }
    return mutex.run(work);
  };

  const prepare = (query: SQL) => {
    const { sql, params } = dialect.sqlToQuery(query);
    let statement = statements.get(sql);
    if (!statement) {
      if (closed) throw new Error("the database is closed");
      statement = connection.prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
    }
    return { statement, params };
  };
  const all = <Row>(query: SQL): Row[] => {
    const { statement, params } = prepare(query);
    return statement.all(...params) as Row[];
  };
  const run = (query: SQL): number => {
    const { statement, params } = prepare(query);
    return statement.run(...params).changes;
  };

  /** The client handed to a transaction's work; it stops working when the transaction ends. */
  const inTransaction = (depth: number, isOpen: () => boolean): SqlClient => {
    const check = () => {
      if (!isOpen()) throw new Error("this transaction has ended");
    };
    return {
      dialect: "sqlite",
      all: async (query) => {
        check();
        return all(query);
      },
      run: async (query) => {
        check();
        return run(query);
      },
      transaction: async (work) => {
        check();
        const name = `sp${depth}`;
        connection.exec(`SAVEPOINT ${name}`);
        let open = true;
        try {
          const result = await work(inTransaction(depth + 1, () => open && isOpen()));
          connection.exec(`RELEASE ${name}`);
          return result;
        } catch (error) {
          if (connection.inTransaction) {
            connection.exec(`ROLLBACK TO ${name}`);
            connection.exec(`RELEASE ${name}`);
          }
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

  return {
    dialect: "sqlite",
    all: (query) => outside(() => all(query)),
    run: (query) => outside(() => run(query)),
    transaction: (work) =>
      outside(async () => {
        connection.exec("BEGIN IMMEDIATE");
        let open = true;
        try {
          const result = await insideTransaction.run(true, () => work(inTransaction(1, () => open)));
          connection.exec("COMMIT");
          return result;
        } catch (error) {
          // SQLite has already rolled back after some errors (SQLITE_FULL, an I/O error).
          if (connection.inTransaction) connection.exec("ROLLBACK");
          throw error;
        } finally {
          open = false;
        }
      }),
    close: () =>
      outside(() => {
        if (closed) return;
        closed = true;
        statements.clear();
        connection.close();
      }),
  };
}
