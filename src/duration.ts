const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MIN_MS = 10_000;
const MAX_MS = 365 * UNIT_MS.d;

export const DURATION_HELP = "a whole number and a unit, like 2d, 48h, 30m or 10s (10s to 365d), or off";

/**
 * A duration such as `2d`, `48h`, `30m` or `10s`, in milliseconds; null for `off`. Throws, saying what is accepted,
 * for anything else.
 */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === "off") return null;
  const match = /^(\d{1,6})\s*([smhd])$/.exec(value);
  if (!match) throw new Error(`"${text}" is not a duration: use ${DURATION_HELP}`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms < MIN_MS || ms > MAX_MS) throw new Error(`"${text}" is out of range: use ${DURATION_HELP}`);
  return ms;
}

/** A duration in the largest unit that divides it: 172800000 → "2d". */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m"] as const) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${Math.round(ms / 1000)}s`;
}
