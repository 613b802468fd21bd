import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SqlClient } from "../../src/store/sql-client.js";
import { sqliteClient } from "../../src/store/sqlite-client.js";

const open: SqlClient[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function client(path = ":memory:") {
  const connection = new Database(path);
  connection.pragma("journal_mode = WAL");
  connection.exec("create table t (id integer primary key, v text not null)");
  const db = sqliteClient(connection);
  open.push(db);
  return { db, connection };
}

const values = async (db: SqlClient) => (await db.all<{ v: string }>(sql`select v from t order by id`)).map((r) => r.v);
const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe("the SQLite client", () => {
  it("commits a transaction's work when it resolves, and rolls all of it back when it throws", async () => {
    const { db } = client();
    await db.transaction(async (tx) => {
      await tx.run(sql`insert into t (v) values (${"kept"})`);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.run(sql`insert into t (v) values (${"lost"})`);
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(await values(db)).toEqual(["kept"]);
  });

  it("makes a statement issued outside an open transaction wait for it: nothing leaks in or out", async () => {
    const { db } = client();
    const inside = deferred();
    const release = deferred();
    const tx = db.transaction(async (t) => {
      await t.run(sql`insert into t (v) values (${"in the transaction"})`);
      inside.resolve();
      await release.promise;
      throw new Error("rolled back");
    });
    await inside.promise;
    const outside = db.run(sql`insert into t (v) values (${"outside"})`);
    const read = values(db);
    release.resolve();
    await expect(tx).rejects.toThrow("rolled back");
    expect(await outside).toBe(1);
    // The read waited for the rollback: it never saw the row of the transaction.
    expect(await read).toEqual(["outside"]);
  });

  it("rolls back only a nested transaction that throws (a savepoint)", async () => {
    const { db } = client();
    await db.transaction(async (tx) => {
      await tx.run(sql`insert into t (v) values (${"outer"})`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.run(sql`insert into t (v) values (${"inner"})`);
          throw new Error("inner fails");
        }),
      ).rejects.toThrow("inner fails");
    });
    expect(await values(db)).toEqual(["outer"]);
  });

  it("refuses the outer client inside a transaction instead of waiting for itself forever", async () => {
    const { db } = client();
    await expect(db.transaction(() => db.all(sql`select 1`))).rejects.toThrow(/inside a transaction/);
    expect(await db.all(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it("prepares each SQL text once per connection", async () => {
    const { db, connection } = client();
    const prepare = vi.spyOn(connection, "prepare");
    for (let i = 0; i < 5; i++) await db.run(sql`insert into t (v) values (${`row ${i}`})`);
    await values(db);
    await values(db);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it("reports a write that did not commit: INSERT ... RETURNING on a full database throws instead of returning a row", async () => {
    const dir = mkdtempSync(join(tmpdir(), "swf-sqlite-"));
    dirs.push(dir);
    const { db, connection } = client(join(dir, "full.db"));
    await db.run(sql`insert into t (v) values (${"x".repeat(2000)})`);
    const pages = connection.pragma("page_count", { simple: true }) as number;
    connection.pragma(`max_page_count = ${pages}`);
    const big = "y".repeat(50_000);
    await expect(db.all(sql`insert into t (v) values (${big}) returning id`)).rejects.toMatchObject({ code: "SQLITE_FULL" });
    await expect(
      db.transaction(async (tx) => {
        await tx.run(sql`insert into t (v) values (${"small"})`);
        await tx.run(sql`insert into t (v) values (${big})`);
      }),
    ).rejects.toMatchObject({ code: "SQLITE_FULL" });
    expect((await values(db)).length).toBe(1);
    // Room again: the connection is usable, no transaction was left open.
    connection.pragma("max_page_count = 1000000");
    expect(await db.all(sql`insert into t (v) values (${big}) returning id`)).toHaveLength(1);
  });
});
