import { describe, expect, it } from "vitest";
import { schedulePasses } from "../../src/watcher/schedule.js";

describe("schedulePasses", () => {
  it("never runs two passes at once: a request during a pass joins it", async () => {
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    let release!: () => void;
    const job = schedulePasses(
      async () => {
        running++;
        passes++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((r) => (release = r));
        running--;
      },
      { firstDelayMs: 60_000, intervalMs: 60_000 },
      () => undefined,
    );
    const a = job.runNow();
    const b = job.runNow();
    release();
    await Promise.all([a, b]);
    expect(passes).toBe(1);
    const c = job.runNow();
    release();
    await c;
    expect(passes).toBe(2);
    expect(maxRunning).toBe(1);
    await job.stop();
  });

  it("runs the first pass after the delay, reports a failing pass and keeps going", async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const job = schedulePasses(
      async () => {
        passes++;
        throw new Error("catalog exploded");
      },
      { firstDelayMs: 10, intervalMs: 25 },
      (e) => errors.push(e),
    );
    await new Promise((r) => setTimeout(r, 120));
    await job.stop();
    expect(passes).toBeGreaterThanOrEqual(3);
    expect(errors.length).toBe(passes);
    const after = passes;
    await new Promise((r) => setTimeout(r, 60));
    expect(passes).toBe(after);
  });
});
