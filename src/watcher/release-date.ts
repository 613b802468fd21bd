import type { IdDate } from "./parse-model-id.js";

const DAY_MS = 86_400_000;
// Catalog dates trail a month-day suffix (listing dates) or lead it by a few days (OpenAI's `created`).
const LEAD_DAYS = 31;
// Routers list a release within days; two weeks allows for a slow one.
const LISTING_DAYS = 14;

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

/** A yearless id date (`06-05`) placed in the year that puts it nearest to a known date of the same version. */
export function nearestYear(date: IdDate, near: string): string | null {
  if (date.day === null || date.year !== null) return null;
  const target = Date.parse(near.length === 7 ? `${near}-15` : near);
  const year = Number(near.slice(0, 4));
  let best: string | null = null;
  for (const y of [year - 1, year, year + 1]) {
    const candidate = `${y}-${pad(date.month)}-${pad(date.day)}`;
    if (best === null || Math.abs(Date.parse(candidate) - target) < Math.abs(Date.parse(best) - target)) best = candidate;
  }
  return best;
}

/** Whether a release date is certainly before a day: `2024-10` is before `2024-11-24`, `2024-11` is not. */
export function isBeforeDay(releaseDate: string, day: string): boolean {
  return releaseDate < day.slice(0, releaseDate.length);
}

/** The days a release dated in an id may be listed in: its day (or month) and the two weeks after. */
export function withinListingWindow(date: IdDate, releaseDate: string): boolean {
  if (date.year === null) return false;
  const start = Date.UTC(date.year, date.month - 1, date.day ?? 1);
  const end = date.day === null ? Date.UTC(date.year, date.month, 1) : start + DAY_MS;
  const at = Date.parse(releaseDate.length === 7 ? `${releaseDate}-01` : releaseDate);
  return at >= start && at < end + LISTING_DAYS * DAY_MS;
}

/** Whether a listing date is more than the listing window after a release: a router's alias then names a later model. */
export function listedLater(listed: string, released: string): boolean {
  const at = (d: string) => Date.parse(d.length === 7 ? `${d}-01` : d);
  return at(listed) > at(released) + LISTING_DAYS * DAY_MS;
}
