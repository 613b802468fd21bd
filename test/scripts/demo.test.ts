import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("npm run demo", () => {
  it("plays a whole review against the emulator and prints what the bot posted", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: process.cwd(), timeout: 60_000 });
    expect(stdout).toContain("types: /should-we-finetune Ticket triage classifier");
    expect(stdout).toContain("decision #1 is approved");
    expect(stdout).toContain("Next steps");
    expect(stdout).toMatch(/Approved\* by <@UALICE>, <@UBOB>/);
  }, 60_000);
});
