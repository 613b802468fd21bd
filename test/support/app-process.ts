import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface AppProcess {
  port: number;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output: () => string;
  /** Resolves with the first match of `pattern` in the output (already written, or to come); rejects if the process exits first. */
  waitForOutput: (pattern: RegExp) => Promise<RegExpExecArray>;
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

/** How to start the app: by default `node --import tsx src/main.ts` from here (node itself, as production runs it). */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
}

const FROM_SOURCE: Launch = { command: process.execPath, args: ["--import", "tsx", "src/main.ts"], cwd: process.cwd() };

/** The app as its own process; resolves once it listens. */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 60_000, launch = FROM_SOURCE): Promise<AppProcess> {
  const child = spawn(launch.command, launch.args, {
    cwd: launch.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const look = () => {
      const match = /HTTP on port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", look);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before listening:\n${output}`));
    });
  });
  const waitForOutput = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(output);
        if (!match) return false;
        child.stdout!.off("data", look);
        child.stderr!.off("data", look);
        child.off("close", exited);
        resolve(match);
        return true;
      };
      const exited = () => {
        if (!look()) reject(new Error(`app exited before writing ${pattern}:\n${output}`));
      };
      if (look()) return;
      child.stdout!.on("data", look);
      child.stderr!.on("data", look);
      child.once("close", exited);
    });
  return {
    port,
    child,
    output: () => output,
    waitForOutput,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill(signal);
      await exited;
    },
  };
}
