import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll } from "vitest";
import { type PgConnection, type PgPool, type PgResult, postgresClient } from "../../src/store/postgres-client.js";
import type { SqlClient } from "../../src/store/sql-client.js";

// PostgreSQL in the test process (PGlite: PostgreSQL compiled to WebAssembly, no server), so the default `npm test`
// runs every repository's SQL on PostgreSQL too, through the app's own PostgreSQL client. Starting one takes seconds,
// so a test file shares one, emptied for each test; it closes when the file's tests are done. The first file to start
// one also saves its migrated data directory in the temp folder, and later files load that (three times quicker).

let shared: Promise<PGlite> | undefined;

afterAll(async () => {
  const pglite = shared;
  shared = undefined;
  await (await pglite)?.close();
});

const MIGRATIONS = "db/migrations-pg";

/** Where the migrated data directory is kept: named by the migrations' content, so a changed migration makes a new one. */
function savedDataDir(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(MIGRATIONS, { recursive: true, encoding: "utf8" }).sort()) {
    if (file.endsWith(".sql") || file.endsWith(".json")) hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
  }
  return join(tmpdir(), `swf-pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function start(): Promise<PGlite> {
  const saved = savedDataDir();
  let data: Buffer | undefined;
  try {
    data = readFileSync(saved);
  } catch {
    data = undefined;
  }
  if (data) {
    const pglite = new PGlite({ loadDataDir: new Blob([new Uint8Array(data)]) });
    await pglite.waitReady;
    return pglite;
  }
  const pglite = new PGlite();
  await pglite.waitReady;
  await migrate(drizzle({ client: pglite }), { migrationsFolder: MIGRATIONS });
  const dump = Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer());
  // Written aside and renamed: a file started at the same moment never loads half of it.
  const partial = `${saved}.${process.pid}`;
  writeFileSync(partial, dump);
  renameSync(partial, saved);
  return pglite;
}

/** PGlite as a pool of one connection: a transaction holds it from begin to commit, as a pooled connection would. */
export function pgliteAsPool(pglite: PGlite): PgPool {
  let tail: Promise<unknown> = Promise.resolve();
  const query = async (text: string, params: unknown[]): Promise<PgResult> => {
    const result = await pglite.query<Record<string, unknown>>(text, params);
    return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? 0, fields: result.fields };
  };
  const connect = (): Promise<PgConnection> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = tail.then(() => ({ query, release: () => release() }));
    tail = turn.then(() => released);
    return turn;
  };
  return {
    connect,
    query: async (text, params) => {
      const connection = await connect();
      try {
        return await connection.query(text, params);
      } finally {
        connection.release();
      }
    },
    // The file's PGlite outlives one test's client (closed after the file's tests).
    end: async () => undefined,
  };
}

/** The test file's PostgreSQL (PGlite), migrated, with every table emptied and ids starting at 1 again. */
export async function openPglite(): Promise<SqlClient> {
  shared ??= start();
  const pglite = await shared;
  // A test may have changed a session setting (made it read-only, say); the next starts from the defaults.
  await pglite.exec("reset all");
  const { rows } = await pglite.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public'`);
  if (rows.length > 0) {
    await pglite.exec(`truncate ${rows.map((r) => `"${r.name}"`).join(", ")} restart identity cascade`);
  }
  return postgresClient(pgliteAsPool(pglite));
}
