import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./run-cli.js";

// The one test of the command line as its own process (every other CLI test runs the same functions in-process):
// the entry point runs, standard input is read, the verdict goes to standard output, and the exit code is set.

function cliProcess(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("the command line as a process", () => {
  it("assess --json - reads standard input, prints the verdict and exits 0", async () => {
    const answers = readFileSync(new URL("../fixtures/answers/ticket-triage.json", import.meta.url), "utf8");
    const run = await cliProcess(["assess", "--json", "-"], answers);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ fineTune: expect.stringMatching(/^(yes|not-yet|no)$/), headline: expect.any(String) });
  });
});
