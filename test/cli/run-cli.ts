import { fileURLToPath } from "node:url";
import { runCli as runCommandLine } from "../../src/cli.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command line in this process, as `npm run cli` would run it from the repository root: the same command
 * functions, with standard output and error collected as the process streams would print them (one line per write).
 * The real process is covered once, in cli-process.test.ts.
 */
export async function runCli(args: string[], stdin?: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const line = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);
  const code = await runCommandLine(args, {
    stdout: (text) => {
      stdout += line(text);
    },
    stderr: (text) => {
      stderr += line(text);
    },
    readStdin: async () => stdin ?? "",
  });
  return { code, stdout, stderr };
}

/** Today as the CLI sees it (UTC). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
