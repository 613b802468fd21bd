import { execFile } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkDatabase, describeStorageError } from "../../src/startup/check-database.js";
import { openDb } from "../../src/store/open-db.js";
import { REPO_ROOT } from "../cli/run-cli.js";

const run = promisify(execFile);
/** Root may write anything: permission cases then run in a child process as nobody. */
const AS_NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "swf-preflight-"));
  chmodSync(dir, 0o777);
});
afterEach(() => {
  chmodSync(dir, 0o777);
  rmSync(dir, { recursive: true, force: true });
});

/** checkDatabase for each path, as a user file permissions apply to. */
async function checkUnprivileged(paths: string[]): Promise<(string | undefined)[]> {
  if (!AS_NOBODY) return paths.map((p) => checkDatabase(p));
  const script = `const { checkDatabase } = await import("./src/startup/check-database.ts");
    process.stdout.write(JSON.stringify(process.argv.slice(1).map((p) => checkDatabase(p) ?? null)));`;
  const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, ...paths], {
    cwd: REPO_ROOT,
    ...AS_NOBODY,
  });
  return (JSON.parse(stdout) as (string | null)[]).map((r) => r ?? undefined);
}

async function migratedDatabase(path: string): Promise<void> {
  await (await openDb(path)).close();
}

describe("checkDatabase", () => {
  it("accepts :memory:, a new file (creating its folder) and a healthy database", async () => {
    expect(checkDatabase(":memory:")).toBeUndefined();
    const fresh = join(dir, "new", "deeper", "app.db");
    expect(checkDatabase(fresh)).toBeUndefined();
    expect(statSync(join(dir, "new", "deeper")).isDirectory()).toBe(true);
    const healthy = join(dir, "healthy.db");
    await migratedDatabase(healthy);
    expect(checkDatabase(healthy)).toBeUndefined();
  });

  it("refuses a directory", () => {
    mkdirSync(join(dir, "app.db"));
    expect(checkDatabase(join(dir, "app.db"))).toBe(`DATABASE_PATH: ${join(dir, "app.db")} is a directory, not a database file`);
  });

  it("refuses a file that is not a SQLite database", () => {
    writeFileSync(join(dir, "app.db"), "this is a text file, not a database ".repeat(200));
    expect(checkDatabase(join(dir, "app.db"))).toBe(
      `DATABASE_PATH: ${join(dir, "app.db")} is not a usable SQLite database (file is not a database); restore it from a backup`,
    );
  });

  it("refuses a database with damaged pages (PRAGMA quick_check)", () => {
    const file = join(dir, "app.db");
    const db = new Database(file);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX t_body ON t (body);");
    const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(`row ${i} ${"x".repeat(100)}`);
    })();
    db.close();
    // Overwrite the middle of the file (index and table pages) with garbage; page 1, the header, stays intact.
    const size = statSync(file).size;
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(16 * 1024, 0xa5), 0, 16 * 1024, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    expect(readFileSync(file).subarray(0, 15).toString()).toBe("SQLite format 3");
    expect(checkDatabase(file)).toMatch(new RegExp(`^DATABASE_PATH: ${file} is damaged \\(.+\\); restore it from a backup$`));
  });

  it("refuses a read-only database file and a read-only folder", async () => {
    const file = join(dir, "app.db");
    await migratedDatabase(file);
    chmodSync(file, 0o444);
    const lockedDir = join(dir, "locked");
    mkdirSync(lockedDir);
    await migratedDatabase(join(lockedDir, "app.db"));
    chmodSync(join(lockedDir, "app.db"), 0o666);
    chmodSync(lockedDir, 0o555);
    expect(await checkUnprivileged([file, join(lockedDir, "app.db"), join(lockedDir, "new.db")])).toEqual([
      `DATABASE_PATH: ${file} is read-only`,
      `DATABASE_PATH: the folder ${lockedDir} is read-only (the database and its -wal and -shm files are written there)`,
      `DATABASE_PATH: the folder ${lockedDir} is read-only (the database and its -wal and -shm files are written there)`,
    ]);
  });
});

describe("describeStorageError", () => {
  it("turns SQLite and file-system errors into one line, and leaves others alone", () => {
    const sqlite = new Database(":memory:");
    let sqliteError: unknown;
    try {
      sqlite.exec("SELECT * FROM missing");
    } catch (error) {
      sqliteError = error;
    }
    expect(describeStorageError(sqliteError, "/data/app.db")).toBe("DATABASE_PATH: /data/app.db: no such table: missing (SQLITE_ERROR)");
    const fsError = Object.assign(new Error("EROFS: read-only file system"), { code: "EROFS", path: "/data" });
    expect(describeStorageError(fsError, "/data/app.db")).toBe("DATABASE_PATH: /data: EROFS");
    expect(describeStorageError(new TypeError("x is undefined"), "/data/app.db")).toBeUndefined();
  });
});
