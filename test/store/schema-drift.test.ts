import { is, type SQL, sql } from "drizzle-orm";
import { PgDialect, PgTable, getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect, SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/store/open-db.js";
import * as sqliteSchema from "../../src/store/schema.js";
import * as pgSchema from "../../src/store/schema-pg.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { openPglite } from "../support/pglite.js";

// The SQLite schema (src/store/schema.ts) and its PostgreSQL twin (src/store/schema-pg.ts) must declare the same
// tables, and each database's migrations must build what its schema declares. When a test here fails, add the table or
// column to both schemas and run `npm run db:generate` (it generates the migrations of both).

interface ColumnShape {
  notNull: boolean;
  hasDefault: boolean;
}
interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  indexes: Record<string, { columns: string[]; unique: boolean; where: string | null }>;
  foreignKeys: string[];
}

const render = (where: SQL | undefined, dialect: { sqlToQuery(sql: SQL): { sql: string } }) =>
  where ? dialect.sqlToQuery(where).sql.replaceAll('"', "").replaceAll("`", "") : null;

type AnyConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

function shapeOf(config: AnyConfig, dialect: { sqlToQuery(sql: SQL): { sql: string } }): TableShape {
  const columnName = (c: unknown) => (c as { name: string }).name;
  const primary = config.columns.filter((c) => c.primary).map((c) => c.name);
  const composite = config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name));
  return {
    columns: Object.fromEntries(config.columns.map((c) => [c.name, { notNull: c.notNull, hasDefault: c.hasDefault }])),
    primaryKey: [...primary, ...composite],
    indexes: Object.fromEntries(
      config.indexes.map((i) => [
        i.config.name,
        { columns: i.config.columns.map(columnName), unique: i.config.unique, where: render(i.config.where, dialect) },
      ]),
    ),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return `${ref.columns.map((c) => c.name).join(",")} -> ${getName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(",")})`;
      })
      .sort(),
  };
}
const getName = (table: unknown) =>
  is(table, PgTable) ? pgTableConfig(table).name : sqliteTableConfig(table as Parameters<typeof sqliteTableConfig>[0]).name;

function sqliteShapes(): Record<string, TableShape> {
  const dialect = new SQLiteSyncDialect();
  const tables = Object.values(sqliteSchema).filter((v) => is(v, SQLiteTable));
  return Object.fromEntries(tables.map((t) => [sqliteTableConfig(t).name, shapeOf(sqliteTableConfig(t), dialect)]));
}
function pgShapes(): Record<string, TableShape> {
  const dialect = new PgDialect();
  const tables = Object.values(pgSchema).filter((v) => is(v, PgTable));
  return Object.fromEntries(tables.map((t) => [pgTableConfig(t).name, shapeOf(pgTableConfig(t), dialect)]));
}

/** Tables, columns, nullability and index names, as a migrated database has them. */
type Built = Record<string, { columns: Record<string, boolean>; indexes: string[] }>;

async function builtSqlite(db: SqlClient): Promise<Built> {
  const tables = await db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`,
  );
  const built: Built = {};
  for (const { name } of tables) {
    const columns = await db.all<{ name: string; notnull: number; pk: number }>(sql`select * from pragma_table_info(${name})`);
    const indexes = await db.all<{ name: string; origin: string }>(sql`select * from pragma_index_list(${name})`);
    built[name] = {
      columns: Object.fromEntries(columns.map((c) => [c.name, c.notnull === 1 || c.pk > 0])),
      indexes: indexes
        .filter((i) => i.origin === "c")
        .map((i) => i.name)
        .sort(),
    };
  }
  return built;
}

async function builtPostgres(db: SqlClient): Promise<Built> {
  const columns = await db.all<{ table: string; column: string; nullable: string }>(sql`
    select table_name as "table", column_name as "column", is_nullable as nullable
    from information_schema.columns where table_schema = 'public'`);
  const indexes = await db.all<{ table: string; name: string }>(sql`
    select i.tablename as "table", i.indexname as name from pg_indexes i
    where i.schemaname = 'public'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype = 'p')`);
  const built: Built = {};
  for (const c of columns) {
    built[c.table] ??= { columns: {}, indexes: [] };
    built[c.table]!.columns[c.column] = c.nullable === "NO";
  }
  for (const i of indexes) built[i.table]!.indexes.push(i.name);
  for (const t of Object.values(built)) t.indexes.sort();
  return built;
}

const declared = (shapes: Record<string, TableShape>): Built =>
  Object.fromEntries(
    Object.entries(shapes).map(([name, shape]) => [
      name,
      {
        columns: Object.fromEntries(Object.entries(shape.columns).map(([c, s]) => [c, s.notNull || shape.primaryKey.includes(c)])),
        indexes: Object.keys(shape.indexes).sort(),
      },
    ]),
  );

const open: SqlClient[] = [];
afterAll(async () => {
  for (const db of open) await db.close();
});

describe("the SQLite and PostgreSQL schemas", () => {
  it("declare the same tables, columns, nullability, defaults, keys and indexes", () => {
    const sqlite = sqliteShapes();
    const pg = pgShapes();
    expect(Object.keys(pg).sort(), "the same tables").toEqual(Object.keys(sqlite).sort());
    for (const table of Object.keys(sqlite)) expect(pg[table], `table ${table}`).toEqual(sqlite[table]);
  });

  it("are what each database's migrations build (run `npm run db:generate` after changing a schema)", async () => {
    const sqliteDb = await openDb(":memory:");
    const pgDb = await openPglite();
    open.push(sqliteDb, pgDb);
    expect(await builtSqlite(sqliteDb), "SQLite: db/migrations").toEqual(declared(sqliteShapes()));
    expect(await builtPostgres(pgDb), "PostgreSQL: db/migrations-pg").toEqual(declared(pgShapes()));
  });
});
