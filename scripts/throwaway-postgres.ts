// A throwaway PostgreSQL server for tests and trials: a fresh cluster in a temporary folder, on a free loopback port,
// removed when stopped. `npx tsx scripts/throwaway-postgres.ts` starts one, creates a database for the app, prints its
// DATABASE_URL and stops it on Ctrl-C; test/postgres/ imports it. Needs PostgreSQL's server programs (initdb, pg_ctl);
// initdb refuses to run as root, so as root they run as the `postgres` user.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const SERVICE_USER = "postgres";

/** The folder holding initdb and pg_ctl: on PATH, else the newest <versions>/<version>/bin; undefined if none. */
export function postgresBinDir(path = process.env.PATH ?? "", versions = "/usr/lib/postgresql"): string | undefined {
  const onPath = path.split(delimiter).filter(Boolean);
  const installed = existsSync(versions)
    ? readdirSync(versions)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(versions, v, "bin"))
    : [];
  return [...onPath, ...installed].find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
}

export interface ThrowawayPostgres {
  port: number;
  /** The Unix socket folder: the superuser connects there without a password. */
  socketDir: string;
  /** Creates a login role with a password and a database it owns; resolves with the URL the app connects with. */
  createDatabase(name: string, owner?: string): Promise<string>;
  /** A connection as the superuser (through the socket), for a test's own checks. */
  admin(database?: string): Promise<pg.Client>;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the service user when we are root (initdb refuses root), else as ourselves. */
function runProgram(program: string, args: string[]) {
  return asRoot ? run("runuser", ["-u", SERVICE_USER, "--", program, ...args]) : run(program, args);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** initdb, then pg_ctl start on a free loopback port (tried again on another port if that one was taken meanwhile). */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL's server programs (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql");
  const dir = mkdtempSync(join(tmpdir(), "swf-postgres-"));
  if (asRoot) {
    const { stdout } = await run("id", ["-u", SERVICE_USER]);
    const { stdout: group } = await run("id", ["-g", SERVICE_USER]);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  const ctl = (args: string[]) => runProgram(join(bin, "pg_ctl"), ["-D", data, ...args]);
  try {
    await runProgram(join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      SERVICE_USER,
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
      "--encoding=UTF8",
      "--no-sync",
      "--no-instructions",
    ]);
    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      // Durability is worthless here: no fsync makes the suite quicker on a busy machine.
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await ctl(["start", "-w", "-t", "120", "-l", log, "-o", options]);
        break;
      } catch (error) {
        if (attempt >= 3) throw new Error(`pg_ctl start failed: ${(error as Error).message}\n${readLog(log)}`);
      }
    }
    const admin = async (database = "postgres") => {
      const client = new pg.Client({ host: dir, port, user: SERVICE_USER, database });
      await client.connect();
      return client;
    };
    return {
      port,
      socketDir: dir,
      admin,
      createDatabase: async (name, owner = name) => {
        const password = randomBytes(12).toString("hex");
        const client = await admin();
        try {
          await client.query(`create role "${owner}" login password '${password}'`);
          await client.query(`create database "${name}" owner "${owner}"`);
        } finally {
          await client.end();
        }
        return `postgres://${owner}:${password}@127.0.0.1:${port}/${name}`;
      },
      stop: async () => {
        await ctl(["stop", "-m", "immediate", "-w"]).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await ctl(["stop", "-m", "immediate", "-w"]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function readLog(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const server = await startThrowawayPostgres();
  const url = await server.createDatabase("swf");
  process.stdout.write(`A throwaway PostgreSQL is running (Ctrl-C stops it and deletes its data):\nDATABASE_URL=${url}\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
