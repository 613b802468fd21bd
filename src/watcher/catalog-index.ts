import { DATE_SOURCES, type ModelRecord } from "./model-record.js";
import { type ParsedModelId, parseModelId } from "./parse-model-id.js";
import { nearestYear } from "./release-date.js";
import { compareVersions, sameRelease } from "./same-release.js";

/** Every catalog row for one model, whatever its spellings, with the best release date among them. */
export interface CatalogEntry {
  /** The model as its most precise spelling states it, completed by the others (a version, a size). */
  parsed: ParsedModelId;
  records: ModelRecord[];
  releaseDate: string | null;
}

/** Catalog rows grouped once per pass, so each recorded model only meets the models of its own family. */
export interface CatalogIndex {
  readonly kind: "catalog-index";
  readonly size: number;
  readonly byFamily: ReadonlyMap<string, readonly CatalogEntry[]>;
  readonly byId: ReadonlyMap<string, CatalogEntry>;
  readonly byIdentity: ReadonlyMap<string, CatalogEntry>;
}

export function buildCatalogIndex(records: readonly ModelRecord[]): CatalogIndex {
  const byId = new Map<string, CatalogEntry>();
  const byIdentity = new Map<string, CatalogEntry>();
  const byFamily = new Map<string, CatalogEntry[]>();
  for (const record of records) {
    // A price alone says nothing about versions or lifecycles.
    if (record.priceOnly) continue;
    const key = record.id.toLowerCase();
    let entry = byId.get(key);
    if (!entry) {
      const parsed = parseModelId(record.id);
      entry = byIdentity.get(parsed.identityKey);
      // A vendor's bare API id follows its snapshots even where a router spells the same model without that meaning.
      if (entry && parsed.alias && !entry.parsed.alias) entry.parsed = { ...entry.parsed, alias: true };
      if (!entry) {
        entry = { parsed, records: [], releaseDate: null };
        byIdentity.set(parsed.identityKey, entry);
        const family = byFamily.get(parsed.familyKey);
        if (family) family.push(entry);
        else byFamily.set(parsed.familyKey, [entry]);
      }
      byId.set(key, entry);
    }
    entry.records.push(record);
  }
  let size = 0;
  for (const [familyKey, entries] of byFamily) {
    for (const entry of entries) entry.releaseDate = bestDate(entry.records);
    const kept = mergeReleases(entries, byId, byIdentity);
    inferYears(kept);
    byFamily.set(familyKey, kept);
    size += kept.length;
  }
  return { kind: "catalog-index", size, byFamily, byId, byIdentity };
}

export function isCatalogIndex(value: readonly ModelRecord[] | CatalogIndex): value is CatalogIndex {
  return !Array.isArray(value);
}

/** The catalog entry for an id: the same id, the same model under another id, or the one release it names. */
export function lookupModel(index: CatalogIndex, id: string): { parsed: ParsedModelId; entry: CatalogEntry | undefined } {
  const parsed = parseModelId(id);
  const known = index.byId.get(id.toLowerCase()) ?? index.byIdentity.get(parsed.identityKey);
  if (known) return { parsed: completed(parsed, known.parsed), entry: known };
  const recorded = { parsed, releaseDate: null };
  const matches = (index.byFamily.get(parsed.familyKey) ?? []).filter((e) => sameRelease(recorded, e, true));
  const entry = matches.length === 1 ? matches[0] : undefined;
  return { parsed: entry ? completed(parsed, entry.parsed) : parsed, entry };
}

/** Folds entries that name one release in different ways into one (the first dated one keeps its id). */
function mergeReleases(entries: CatalogEntry[], byId: Map<string, CatalogEntry>, byIdentity: Map<string, CatalogEntry>): CatalogEntry[] {
  const dated = entries.filter((e) => e.parsed.date !== null);
  if (dated.length === 0) return entries;
  const gone = new Set<CatalogEntry>();
  for (const entry of entries) {
    if (gone.has(entry) || entry.parsed.floating) continue;
    const into = dated.filter((d) => d !== entry && !gone.has(d) && sameRelease(d, entry, false));
    // A spelling that could be either of two releases stays apart.
    if (into.length !== 1 || (entry.parsed.date !== null && dated.indexOf(into[0]!) > dated.indexOf(entry))) continue;
    const target = into[0]!;
    target.records.push(...entry.records);
    target.parsed = completed(target.parsed, entry.parsed);
    target.releaseDate = bestDate(target.records);
    gone.add(entry);
    for (const record of entry.records) byId.set(record.id.toLowerCase(), target);
    byIdentity.set(entry.parsed.identityKey, target);
  }
  return gone.size === 0 ? entries : entries.filter((e) => !gone.has(e));
}

function completed(target: ParsedModelId, other: ParsedModelId): ParsedModelId {
  if ((target.version.length > 0 || other.version.length === 0) && (target.size !== null || other.size === null)) return target;
  return {
    ...target,
    version: target.version.length > 0 ? target.version : other.version,
    size: target.size ?? other.size,
  };
}

/** An undated `-preview-04-17` takes the year that puts it nearest to a dated release of the same version. */
function inferYears(entries: readonly CatalogEntry[]): void {
  for (const entry of entries) {
    const date = entry.parsed.date;
    if (entry.releaseDate !== null || !date || date.year !== null) continue;
    const near = entries.find((e) => e.releaseDate !== null && compareVersions(e.parsed.version, entry.parsed.version) === 0);
    if (near) entry.releaseDate = nearestYear(date, near.releaseDate!);
  }
}

function bestDate(records: readonly ModelRecord[]): string | null {
  let best: ModelRecord | undefined;
  for (const record of records) {
    if (record.releaseDate !== null && (!best || betterDate(record, best))) best = record;
  }
  return best?.releaseDate ?? null;
}

/** Better source first; among equals, the more precise date, then the earlier one (listings trail releases). */
function betterDate(a: ModelRecord, b: ModelRecord): boolean {
  const rank = dateRank(a) - dateRank(b);
  if (rank !== 0) return rank < 0;
  const x = a.releaseDate!;
  const y = b.releaseDate!;
  if (x.length !== y.length) return x.length > y.length;
  return x < y;
}

function dateRank(record: ModelRecord): number {
  const rank = (DATE_SOURCES as readonly string[]).indexOf(record.releaseDateSource);
  return rank < 0 ? DATE_SOURCES.length : rank;
}
