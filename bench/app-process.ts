// Runs an app as a child process (`node <script>.js`, or `node --import tsx <script>.ts`), finds its port in its log,
// and reads its memory and CPU time from /proc (Linux; elsewhere those read as undefined).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Our app as production runs it: compiled by `npm run build`. */
export const OUR_APP = "dist/main.js";

let built = false;
/** Builds dist/ once per bench run (scripts/build.sh), so the bench measures the code production runs. */
export function buildOurApp(): void {
  if (built) return;
  execFileSync("scripts/build.sh", [], { cwd: REPO_ROOT, stdio: "inherit" });
  built = true;
}

/** The V8 flags the Dockerfile runs the app with (its NODE_OPTIONS), so the memory measured is what a user gets. */
export function productionNodeOptions(): string {
  return /NODE_OPTIONS=(\S+)/.exec(readFileSync(new URL("../Dockerfile", import.meta.url), "utf8"))?.[1] ?? "";
}

/**
 * Our app's settings for a bench run, every one explicit so a developer's .env (read by dotenv in src/main.ts) cannot
 * change it: the review defaults, and a base-model watch that reads only the bundled catalog (no network) and runs
 * once, right after start.
 */
export function ourBenchSettings(): Record<string, string> {
  return {
    SLACK_APP_TOKEN: "",
    LOG_LEVEL: "info",
    REQUIRED_APPROVALS: "2",
    APPROVAL_REACTIONS: "white_check_mark",
    REJECT_REACTIONS: "x",
    REVIEWERS: "",
    MODEL_SOURCES: "bundled",
    MODEL_CHECK_INTERVAL_MINUTES: "1440",
    NODE_OPTIONS: productionNodeOptions(),
  };
}

/** Linux USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const CLOCK_TICKS_PER_SEC = 100;
const PORT_LINE = /HTTP on port (\d+)/;
/** Bolt's console lines, or our JSON lines, at warn or error level. */
const WARN_LINE = /^\[(WARN|ERROR)\]|"level":"(warn|error)"/;

export interface Memory {
  rssMb: number;
  /** Peak RSS since the process started (VmHWM). */
  peakMb: number;
}

export interface AppProcess {
  name: string;
  pid: number;
  port: number;
  /** WARN/ERROR lines (and anything on stderr that is not a Bolt log line) logged so far. */
  problems: () => string[];
  /** Resolves with the first line (from now on, or already logged) matching `pattern`, or undefined after `timeoutMs`. */
  waitForLine: (pattern: RegExp, timeoutMs: number) => Promise<string | undefined>;
  memory: () => Memory | undefined;
  /** User + system CPU time used so far, in ms (10 ms resolution). */
  cpuMs: () => number | undefined;
  stop: () => Promise<void>;
}

const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** Starts `script` (relative to the repo root) and resolves once it logs its HTTP port. */
export function startAppProcess(opts: {
  name: string;
  script: string;
  env: Record<string, string>;
  startTimeoutMs?: number;
}): Promise<AppProcess> {
  const args = opts.script.endsWith(".ts") ? ["--import", "tsx", opts.script] : [opts.script];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const problems: string[] = [];
  const tail: string[] = [];
  const lines: string[] = [];
  const lineListeners = new Set<(line: string) => void>();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.then(() => live.delete(child));

  return new Promise<AppProcess>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`no "HTTP on port N" line within ${opts.startTimeoutMs ?? 30_000} ms`),
      opts.startTimeoutMs ?? 30_000,
    );
    let started = false;
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${opts.name}: ${why}\n${tail.join("\n")}`));
    };
    const onLine = (line: string, stream: "stdout" | "stderr") => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (lines.length < 10_000) lines.push(line);
      for (const listener of lineListeners) listener(line);
      if (WARN_LINE.test(line) || (stream === "stderr" && !/^\[(INFO|DEBUG)\]/.test(line) && line.trim() !== "")) problems.push(line);
      const port = PORT_LINE.exec(line)?.[1];
      if (port && !started) {
        started = true;
        clearTimeout(timer);
        resolve(handle(Number(port)));
      }
    };
    for (const stream of ["stdout", "stderr"] as const) {
      let buffered = "";
      child[stream]!.setEncoding("utf8").on("data", (chunk: string) => {
        const lines = (buffered + chunk).split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) onLine(line, stream);
      });
    }
    child.once("exit", (code, signal) => {
      if (!started) fail(`exited before listening (code ${code}, signal ${signal})`);
    });
  });

  function handle(port: number): AppProcess {
    const pid = child.pid!;
    return {
      name: opts.name,
      pid,
      port,
      problems: () => [...problems],
      waitForLine: (pattern, timeoutMs) => {
        const seen = lines.find((l) => pattern.test(l));
        if (seen !== undefined) return Promise.resolve(seen);
        return new Promise((resolve) => {
          const done = (line: string | undefined) => {
            clearTimeout(timer);
            lineListeners.delete(listener);
            resolve(line);
          };
          const listener = (line: string) => {
            if (pattern.test(line)) done(line);
          };
          const timer = setTimeout(() => done(undefined), timeoutMs);
          lineListeners.add(listener);
        });
      },
      memory: () => {
        const status = readProc(`/proc/${pid}/status`);
        const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status ?? "")?.[1]);
        const rss = kb("VmRSS");
        const peak = kb("VmHWM");
        return Number.isFinite(rss) && Number.isFinite(peak) ? { rssMb: rss / 1024, peakMb: peak / 1024 } : undefined;
      },
      cpuMs: () => {
        const stat = readProc(`/proc/${pid}/stat`);
        // Fields after "(comm) ": state is field 3, utime 14, stime 15.
        const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ticks = Number(fields?.[11]) + Number(fields?.[12]);
        return Number.isFinite(ticks) ? (ticks / CLOCK_TICKS_PER_SEC) * 1000 : undefined;
      },
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 5000).unref());
        if ((await Promise.race([exited, timeout])) === "timeout") {
          child.kill("SIGKILL");
          await exited;
        }
      },
    };
  }
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
