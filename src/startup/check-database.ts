import { accessSync, constants, mkdirSync, type Stats, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";

/**
 * Why the database at `path` cannot be used, as one line naming DATABASE_PATH, or undefined when it can. Run before
 * the store opens: a directory, a read-only file or folder, or a damaged file (`PRAGMA quick_check`) stops start-up
 * here, instead of failing on the first write after Slack was told "ok". Creates the folder if it is missing, nothing
 * else.
 */
export function checkDatabase(path: string): string | undefined {
  if (path === ":memory:") return undefined;
  const file = resolve(path);
  const folder = dirname(file);
  const stat = statIfExists(file);
  if (stat?.isDirectory()) return `DATABASE_PATH: ${file} is a directory, not a database file`;
  if (stat && !stat.isFile()) return `DATABASE_PATH: ${file} is not a regular file`;
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    return `DATABASE_PATH: cannot create the folder ${folder} (${errorCode(error)})`;
  }
  if (!writable(folder))
    return `DATABASE_PATH: the folder ${folder} is read-only (the database and its -wal and -shm files are written there)`;
  if (!stat) return undefined;
  for (const part of [file, `${file}-wal`, `${file}-shm`]) {
    if (statIfExists(part) && !writable(part)) return `DATABASE_PATH: ${part} is read-only`;
  }
  return integrityProblem(file);
}

function integrityProblem(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const lines = (db.pragma("quick_check") as { quick_check: string }[]).flatMap((row) => row.quick_check.split("\n"));
    if (lines.length === 1 && lines[0] === "ok") return undefined;
    const first = lines.find((line) => line.trim() !== "" && !line.startsWith("***")) ?? lines[0];
    return `DATABASE_PATH: ${file} is damaged (${first?.trim()}); restore it from a backup`;
  } catch (error) {
    const corrupt = String((error as { code?: unknown }).code).startsWith("SQLITE_CORRUPT");
    const what = corrupt ? "is damaged" : "is not a usable SQLite database";
    return `DATABASE_PATH: ${file} ${what} (${(error as Error).message}); restore it from a backup`;
  } finally {
    db?.close();
  }
}

/** A storage failure that got past the pre-flight (a full disk during migrations, say), as one line; else undefined. */
export function describeStorageError(error: unknown, path: string): string | undefined {
  if (error instanceof Database.SqliteError) return `DATABASE_PATH: ${path}: ${error.message} (${error.code})`;
  const fsError = error as NodeJS.ErrnoException;
  if (typeof fsError?.path === "string" && typeof fsError.code === "string") return `DATABASE_PATH: ${fsError.path}: ${fsError.code}`;
  return undefined;
}

function statIfExists(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
