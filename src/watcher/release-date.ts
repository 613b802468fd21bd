import type { IdDate } from "./parse-model-id.js";

const DAY_MS = 86_400_000;
// Catalog dates trail a month-day suffix (listing dates) or lead it by a few days (OpenAI's `created`).
const LEAD_DAYS = 31;

/** A catalog value as `YYYY-MM-DD` (or `YYYY-MM` when only the month is known); unix seconds accepted. */
export function toReleaseDate(value: string | number | null | undefined): string | null {
  if (typeof value === "number") {
    return Number.isFinite(value) && value > 0 ? new Date(value * 1000).toISOString().slice(0, 10) : null;
  }
  const match = /^(\d{4}-\d{2})(-\d{2})?/.exec(value ?? "");
  return match ? match[1]! + (match[2] ?? "") : null;
}

/**
 * The release date an id states, completed from the catalog's date: `2411` becomes the catalog's day when
 * it falls in November 2024, and `0613` takes the latest year that does not put it after the catalog date.
 */
export function resolveIdDate(date: IdDate, catalogDate: string | null): string | null {
  const mm = pad(date.month);
  if (date.year !== null && date.day !== null) return `${date.year}-${mm}-${pad(date.day)}`;
  if (date.year !== null) {
    const prefix = `${date.year}-${mm}`;
    return catalogDate?.startsWith(prefix) && catalogDate.length === 10 ? catalogDate : prefix;
  }
  if (catalogDate === null) return null;
  const limit = Date.parse(catalogDate.length === 7 ? `${catalogDate}-01` : catalogDate) + LEAD_DAYS * DAY_MS;
  const year = Number(catalogDate.slice(0, 4));
  for (const y of [year + 1, year, year - 1]) {
    const candidate = `${y}-${mm}-${pad(date.day!)}`;
    if (Date.parse(candidate) <= limit) return candidate;
  }
  return null;
}

/** Compares at the precision both dates have: `2024-11` and `2024-11-18` are equal. */
export function compareDates(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
