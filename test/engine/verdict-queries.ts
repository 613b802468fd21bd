import { expect } from "vitest";
import type { Verdict, Warning, WarningCode } from "../../src/engine/verdict.js";

export function codes(verdict: Verdict): WarningCode[] {
  return verdict.warnings.map((w) => w.code);
}

/** The warning with this code; fails the test when it is missing. */
export function warningOf(verdict: Verdict, code: WarningCode): Warning {
  const warning = verdict.warnings.find((w) => w.code === code);
  expect(warning, `expected warning ${code} in [${codes(verdict).join(", ")}]`).toBeDefined();
  return warning!;
}

/** True when `sub` occurs in `list` in order, contiguously. */
export function containsRun(list: readonly string[], sub: readonly string[]): boolean {
  for (let i = 0; i + sub.length <= list.length; i++) {
    if (sub.every((s, j) => list[i + j] === s)) return true;
  }
  return false;
}
