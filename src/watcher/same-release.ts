import type { IdDate, ParsedModelId } from "./parse-model-id.js";
import { withinListingWindow } from "./release-date.js";

/** A model as compared: its parsed id and its best known release date. */
export interface Dated {
  parsed: ParsedModelId;
  releaseDate: string | null;
}

/** Compares version numbers; null when either side has none. */
export function compareVersions(a: readonly number[], b: readonly number[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Whether two ids of one line name the same release although each leaves out something the other states:
 * `mistral-small-2506` and `Mistral-Small-3.2-24B-Instruct-2506` (one date), `mistral-medium-2508` and
 * OpenRouter's `mistral-medium-3.1` listed that month. `loose` also accepts an undated id that shares the other's
 * version, or neither stating one (`nova-lite` and `nova-lite-v1`): for an id no catalog lists, not for merging two
 * catalog entries.
 */
export function sameRelease(a: Dated, b: Dated, loose: boolean): boolean {
  const x = a.parsed;
  const y = b.parsed;
  if (x.lineKey !== y.lineKey || x.context !== y.context || x.preview !== y.preview || x.alias !== y.alias) return false;
  if (x.qualifiers.join("+") !== y.qualifiers.join("+")) return false;
  if (x.size !== null && y.size !== null && x.size !== y.size) return false;
  if (!sameRevision(x.revision, y.revision)) return false;
  const versions = compareVersions(x.version, y.version);
  if (versions !== null && versions !== 0) return false;
  if (x.date && y.date) return sameIdDate(x.date, y.date);
  const dated = x.date ? a : y.date ? b : null;
  if (dated) {
    const other = dated === a ? b : a;
    if (other.releaseDate !== null) return withinListingWindow(dated.parsed.date!, other.releaseDate);
    return loose && versions === 0;
  }
  return loose && (versions === 0 || (x.version.length === 0 && y.version.length === 0));
}

/** An id without a revision means the first one (`-001`, `-v1`), never a later one (`-v0.2`). */
function sameRevision(a: readonly number[], b: readonly number[]): boolean {
  if (a.length > 0 && b.length > 0) return compareVersions(a, b) === 0;
  const stated = a.length > 0 ? a : b;
  return stated.length === 0 || (stated.length === 1 && stated[0] === 1);
}

function sameIdDate(a: IdDate, b: IdDate): boolean {
  if (a.month !== b.month) return false;
  if (a.year !== null && b.year !== null && a.year !== b.year) return false;
  return a.day === null || b.day === null || a.day === b.day;
}
