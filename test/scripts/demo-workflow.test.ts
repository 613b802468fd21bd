import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("scripts/demo-workflow.ts", () => {
  it("runs the workflow step twice against the emulator and prints what the workflow and other apps get", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/demo-workflow.ts"], {
      cwd: process.cwd(),
      timeout: 60_000,
    });
    expect(stdout).toContain('"fine_tune": "yes"');
    expect(stdout).toContain('"decision_number": 1');
    expect(stdout).toContain('"event_type": "decision_posted"');
    expect(stdout).toContain('the workflow shows: The answers need fixing: "tsk" is not a known field; "task" is missing.');
  }, 60_000);
});
