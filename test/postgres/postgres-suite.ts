import { describe, it } from "vitest";
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from "../../scripts/throwaway-postgres.js";

// The tests against a real PostgreSQL server (started by scripts/throwaway-postgres.ts). They run wherever PostgreSQL's
// server programs are installed, or whenever SWF_POSTGRES=1 (then missing programs fail them); SWF_POSTGRES=0 turns
// them off. Where they do not run, `npm test` says so in a skipped test's name and in a line of its output.

const setting = process.env.SWF_POSTGRES;
const found = postgresBinDir() !== undefined;
const why =
  setting === "0" ? "SWF_POSTGRES=0" : "no initdb found; set SWF_POSTGRES=1 to require it, with PostgreSQL 15's server programs installed";
export const POSTGRES_SUITE_RUNS = setting === "1" || (setting !== "0" && found);
export const NOT_RUN = `PostgreSQL suite: not run here (${why})`;

/** `describe`, when the PostgreSQL suite runs here; else one skipped test that says why. */
export function describePostgres(name: string, body: () => void): void {
  if (POSTGRES_SUITE_RUNS) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it.skip(NOT_RUN, () => {});
  });
  console.log(NOT_RUN);
}

export { startThrowawayPostgres, type ThrowawayPostgres };

/** Polls an async condition until it holds (what a test waits on when the signal is a database row). */
export async function waitUntil<T>(probe: () => Promise<T | undefined | null | false>, label: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${label} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
