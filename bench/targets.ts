import type { TargetResult } from "./section.js";

const fmt = (n: number, unit: string) => `${formatNumber(n)}${unit ? ` ${unit}` : ""}`;

/** `measured ≥ limit`. */
export function atLeast(target: string, measured: number, limit: number, unit = ""): TargetResult {
  const met = measured >= limit;
  return { target, measured: fmt(measured, unit), met, missedBy: met ? "" : missed(limit - measured, limit, unit) };
}

/** `measured ≤ limit` (or `< limit` with `strict`). */
export function atMost(target: string, measured: number, limit: number, unit = "", strict = false): TargetResult {
  const met = strict ? measured < limit : measured <= limit;
  return { target, measured: fmt(measured, unit), met, missedBy: met ? "" : missed(measured - limit, limit, unit) };
}

/** A target that cannot be judged because its measurement is missing (e.g. no /proc). */
export function notMeasured(target: string, why: string): TargetResult {
  return { target, measured: `n/a (${why})`, met: false, missedBy: "not measured" };
}

function missed(by: number, limit: number, unit: string): string {
  const pct = limit !== 0 ? ` (${formatNumber((by / limit) * 100)}%)` : "";
  return `by ${fmt(by, unit)}${pct}`;
}

/** 3 significant digits for small numbers, thousands separators for large ones. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1000 || Number.isInteger(n)) return Math.round(n).toLocaleString("en-US");
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs === 0) return "0";
  return n.toFixed(2);
}
