import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface AppProcess {
  port: number;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output: () => string;
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

/** The app as its own process (`node --import tsx src/main.ts`), as `npm start` runs it; resolves once it listens. */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: process.cwd(),
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
  return {
    port,
    child,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill(signal);
      await exited;
    },
  };
}
