import { DATE_SOURCES, type ModelRecord } from "./model-record.js";
import { type ParsedModelId, parseModelId } from "./parse-model-id.js";

/** Every catalog row for one model (same identity), with the best release date among them. */
export interface CatalogEntry {
  parsed: ParsedModelId;
  records: ModelRecord[];
  releaseDate: string | null;
}

/** Catalog rows grouped once per pass, so each recorded model only meets the models of its own line. */
export interface CatalogIndex {
  readonly kind: "catalog-index";
  readonly size: number;
  readonly byLine: ReadonlyMap<string, CatalogEntry[]>;
  readonly byId: ReadonlyMap<string, CatalogEntry>;
  readonly byIdentity: ReadonlyMap<string, CatalogEntry>;
}

export function buildCatalogIndex(records: readonly ModelRecord[]): CatalogIndex {
  const byLine = new Map<string, CatalogEntry[]>();
  const byId = new Map<string, CatalogEntry>();
  const byIdentity = new Map<string, CatalogEntry>();
  const best = new Map<CatalogEntry, ModelRecord>();
  for (const record of records) {
    const key = record.id.toLowerCase();
    let entry = byId.get(key);
    if (!entry) {
      const parsed = parseModelId(record.id);
      entry = byIdentity.get(parsed.identityKey);
      if (!entry) {
        entry = { parsed, records: [], releaseDate: null };
        byIdentity.set(parsed.identityKey, entry);
        const line = byLine.get(parsed.lineKey);
        if (line) line.push(entry);
        else byLine.set(parsed.lineKey, [entry]);
      }
      byId.set(key, entry);
    }
    entry.records.push(record);
    const current = best.get(entry);
    if (record.releaseDate !== null && (!current || betterDate(record, current))) {
      best.set(entry, record);
      entry.releaseDate = record.releaseDate;
    }
  }
  return { kind: "catalog-index", size: byIdentity.size, byLine, byId, byIdentity };
}

export function isCatalogIndex(value: readonly ModelRecord[] | CatalogIndex): value is CatalogIndex {
  return !Array.isArray(value);
}

/** The catalog entry for an id: the same id, else the same model under another id. */
export function lookupModel(index: CatalogIndex, id: string): { parsed: ParsedModelId; entry: CatalogEntry | undefined } {
  const entry = index.byId.get(id.toLowerCase());
  if (entry) return { parsed: parseModelId(id), entry };
  const parsed = parseModelId(id);
  return { parsed, entry: index.byIdentity.get(parsed.identityKey) };
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
