import { buildCatalogIndex, type CatalogEntry, type CatalogIndex, isCatalogIndex, lookupModel } from "./catalog-index.js";
import { isNewerVersion, sameLine } from "./lineage.js";
import { DEFAULT_LINEAGE_POLICY, type LineagePolicy } from "./lineage-policy.js";
import { VENDOR_CATALOGS } from "./model-id-words.js";
import type { ModelRecord, ModelStatus } from "./model-record.js";
import type { ParsedModelId } from "./parse-model-id.js";
import { compareDates, isBeforeDay, listedLater, nearestYear, resolveIdDate } from "./release-date.js";
import { compareVersions, type Dated } from "./same-release.js";

export { compareVersions, type Dated } from "./same-release.js";

export interface NewerVersion {
  id: string;
  releaseDate: string | null;
  source: string;
}

export interface Lifecycle {
  status: Exclude<ModelStatus, "active">;
  retirementDate: string | null;
  source: string;
}

export interface CompareOptions {
  /** Report previews and experiments too (they are reported anyway when the recorded model is one). */
  includePreviews?: boolean;
  /** Which models count as newer versions (default: the `line` policy). */
  policy?: LineagePolicy;
}

export interface DecisionOptions extends CompareOptions {
  /** The day the decision was made, `YYYY-MM-DD`. */
  decidedOn: string;
  /** When the watch first saw a catalog id, for versions without a release date (`YYYY-MM-DD`). */
  firstSeen?: (id: string) => string | undefined;
}

/** A decision's newer versions, split at the day it was made. */
export interface NewerSinceDecision {
  /** Out before the decision was made: name them in the verdict, never announce them. */
  alreadyOut: NewerVersion[];
  /** Released (or, without a release date, first seen) on or after that day: news for the watch. */
  sinceDecision: NewerVersion[];
}

/**
 * Newer versions of a recorded model, oldest first, once per model under the vendor's own id: same line,
 * stable unless asked or the recorded model is a preview, and later by release date (else by version).
 */
export function findNewerVersions(
  recordedId: string,
  catalog: readonly ModelRecord[] | CatalogIndex,
  options: CompareOptions = {},
): NewerVersion[] {
  const index = isCatalogIndex(catalog) ? catalog : buildCatalogIndex(catalog);
  const policy = policyOf(options);
  const { parsed, entry } = lookupModel(index, recordedId);
  const family = index.byFamily.get(parsed.familyKey) ?? [];
  const recorded: Dated = { parsed, releaseDate: entry?.releaseDate ?? ownDate(parsed, family) };
  // Outside product lines, a line is one lineKey and one size: checking those first spares most of a family the full rules.
  const lineKey = policy.renamedSuccessors ? null : parsed.lineKey;
  const size = policy.nearbySizes ? null : parsed.size;
  const newer: CatalogEntry[] = [];
  for (const candidate of family) {
    if (candidate === entry || (lineKey !== null && candidate.parsed.lineKey !== lineKey)) continue;
    if (size !== null && candidate.parsed.size !== null && candidate.parsed.size !== size) continue;
    if (isNewerVersion(recorded, candidate, policy)) newer.push(candidate);
  }
  return report(newer, parsed);
}

/**
 * What can be news for a decision on a model, whatever its day: its newer versions; for a floating alias
 * (`mistral-large-latest`), which names the newest of its line on any day, every model of that line (the decision's
 * day then says which came after it).
 */
export function newsCandidates(recordedId: string, index: CatalogIndex, options: CompareOptions = {}): NewerVersion[] {
  return candidatesOf(recordedId, index, options).versions;
}

function candidatesOf(recordedId: string, index: CatalogIndex, options: CompareOptions): { floating: boolean; versions: NewerVersion[] } {
  const { parsed, entry } = lookupModel(index, recordedId);
  if (!parsed.floating) return { floating: false, versions: findNewerVersions(recordedId, index, options) };
  const policy = policyOf(options);
  const names = parsed.qualifiers.join("+");
  const line = (index.byFamily.get(parsed.familyKey) ?? []).filter(
    (c) =>
      c !== entry &&
      !c.parsed.floating &&
      (!c.parsed.preview || policy.previews) &&
      c.parsed.qualifiers.join("+") === names &&
      sameLine(parsed, c.parsed, policy),
  );
  return { floating: true, versions: report(line, parsed) };
}

/**
 * The newer versions of a model recorded on `decidedOn`, split into those already out that day and those since.
 * A floating alias named the newest of its line that day: only later releases are news, and none was already out.
 * A version whose date is known only to the month counts as out before the decision only for an earlier month; one
 * without a release date is dated by when the watch first saw it, and one never seen is being seen now.
 */
export function newerVersions(recordedId: string, index: CatalogIndex, options: DecisionOptions): NewerSinceDecision {
  const { floating, versions } = candidatesOf(recordedId, index, options);
  const before = (v: NewerVersion) => outBefore(newsDay(v, options.firstSeen), options.decidedOn);
  return { alreadyOut: floating ? [] : versions.filter(before), sinceDecision: versions.filter((v) => !before(v)) };
}

/** The day a version became news: its release date, else the day the watch first saw it (undefined: not seen yet). */
export function newsDay(version: NewerVersion, firstSeen?: (id: string) => string | undefined): string | undefined {
  return version.releaseDate ?? firstSeen?.(version.id);
}

/** Whether news of that day (undefined: today) was out before a decision made on `decidedOn`. */
export function outBefore(day: string | undefined, decidedOn: string): boolean {
  return day !== undefined && isBeforeDay(day, decidedOn);
}

/** Deprecation or retirement of a recorded model, as any catalog states it (earliest date wins). */
export function findLifecycle(recordedId: string, catalog: readonly ModelRecord[] | CatalogIndex): Lifecycle | null {
  const index = isCatalogIndex(catalog) ? catalog : buildCatalogIndex(catalog);
  const { entry } = lookupModel(index, recordedId);
  const flagged = (entry?.records ?? []).filter((r) => r.retirementDate || r.status === "deprecated" || r.status === "retired");
  if (flagged.length === 0) return null;
  const dated = flagged.filter((r) => r.retirementDate).sort((a, b) => compareDates(a.retirementDate!, b.retirementDate!));
  const chosen = dated[0] ?? flagged[0]!;
  return {
    status: flagged.some((r) => r.status === "retired") ? "retired" : "deprecated",
    retirementDate: chosen.retirementDate ?? null,
    source: chosen.source,
  };
}

function policyOf(options: CompareOptions): LineagePolicy {
  const policy = options.policy ?? DEFAULT_LINEAGE_POLICY;
  return options.includePreviews ? { ...policy, previews: true } : policy;
}

function report(entries: CatalogEntry[], recorded: ParsedModelId): NewerVersion[] {
  return withoutShadowedAliases(entries)
    .sort(oldestFirst)
    .map((entry) => present(entry, recorded));
}

/** The date an id states; a yearless `06-05` takes the year of a dated release of the same version. */
function ownDate(parsed: ParsedModelId, family: readonly CatalogEntry[]): string | null {
  if (!parsed.date) return null;
  const stated = resolveIdDate(parsed.date, null);
  if (stated !== null) return stated;
  const near = family.find((e) => e.releaseDate !== null && compareVersions(e.parsed.version, parsed.version) === 0);
  return near ? nearestYear(parsed.date, near.releaseDate!) : null;
}

/**
 * `claude-haiku-4-5` is reported through its snapshot `claude-haiku-4-5-20251001` when both are newer. A preview
 * alias moves on to each new preview, often before the dated id is listed: it gives way only to a snapshot it was
 * listed with (within the listing window) or after.
 */
function withoutShadowedAliases(entries: CatalogEntry[]): CatalogEntry[] {
  if (!entries.some((e) => e.parsed.alias)) return entries;
  const pinned = entries.filter((e) => !e.parsed.alias);
  return entries.filter((alias) => !alias.parsed.alias || !pinned.some((e) => shadows(e, alias)));
}

function shadows(snapshot: CatalogEntry, alias: CatalogEntry): boolean {
  const s = snapshot.parsed;
  const a = alias.parsed;
  if (s.lineKey !== a.lineKey || s.context !== a.context || s.preview !== a.preview) return false;
  if (compareVersions(s.version, a.version) !== 0) return false;
  if (!a.preview || alias.releaseDate === null || snapshot.releaseDate === null) return true;
  return !listedLater(alias.releaseDate, snapshot.releaseDate);
}

function oldestFirst(a: CatalogEntry, b: CatalogEntry): number {
  if (a.releaseDate !== null && b.releaseDate !== null) {
    const d = compareDates(a.releaseDate, b.releaseDate);
    if (d !== 0) return d;
  } else if (a.releaseDate !== b.releaseDate) {
    return a.releaseDate === null ? 1 : -1;
  }
  return (
    compareVersions(a.parsed.version, b.parsed.version) ||
    compareVersions(a.parsed.revision, b.parsed.revision) ||
    a.parsed.id.localeCompare(b.parsed.id)
  );
}

/**
 * The vendor's own id for a model: a row from the vendor's catalog or its Hugging Face organisation, written the
 * way the recorded id is (`org/Name` or bare) when the vendor has both.
 */
function present(entry: CatalogEntry, recorded: ParsedModelId): NewerVersion {
  const vendor = entry.parsed.vendor;
  const rank = (r: ModelRecord) => {
    const vendorCatalog = Object.hasOwn(VENDOR_CATALOGS, r.provider) && VENDOR_CATALOGS[r.provider] === vendor;
    const own = vendorCatalog || r.provider === "huggingface" || r.provider === r.id.split("/")[0];
    const sameStyle = r.id.includes("/") === (recorded.org !== null);
    return (own ? 0 : 2) + (sameStyle ? 0 : 1);
  };
  const record = entry.records.reduce((best, r) => (rank(r) < rank(best) ? r : best));
  return { id: record.id, releaseDate: entry.releaseDate, source: record.source };
}
