import { buildCatalogIndex, type CatalogEntry, type CatalogIndex, isCatalogIndex, lookupModel } from "./catalog-index.js";
import type { LineagePolicy } from "./lineage-policy.js";
import type { ModelRecord, ModelStatus } from "./model-record.js";
import type { ParsedModelId } from "./parse-model-id.js";
import { compareDates, resolveIdDate } from "./release-date.js";

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
  policy?: LineagePolicy;
}

/** A model as compared: its parsed id and its best known release date. */
export interface Dated {
  parsed: ParsedModelId;
  releaseDate: string | null;
}

/**
 * Newer versions of a recorded base model, oldest first: same line (vendor, tier, variant, kind, size),
 * stable unless asked or the recorded model is a preview, and later by release date (else by version).
 */
export function findNewerVersions(
  recordedId: string,
  catalog: readonly ModelRecord[] | CatalogIndex,
  options: CompareOptions = {},
): NewerVersion[] {
  const index = isCatalogIndex(catalog) ? catalog : buildCatalogIndex(catalog);
  const { parsed, entry } = lookupModel(index, recordedId);
  const recorded: Dated = { parsed, releaseDate: entry?.releaseDate ?? ownDate(parsed) };
  const newer = (index.byLine.get(parsed.lineKey) ?? []).filter(
    (candidate) => candidate !== entry && isNewerVersion(recorded, candidate, options),
  );
  return withoutShadowedAliases(newer)
    .sort(oldestFirst)
    .map((candidate) => present(candidate, parsed));
}

/** Whether `candidate` is a newer version of `recorded`; both must already share a line key. */
export function isNewerVersion(recorded: Dated, candidate: Dated, options: CompareOptions = {}): boolean {
  const r = recorded.parsed;
  const c = candidate.parsed;
  if (c.identityKey === r.identityKey || c.floating) return false;
  if (c.preview && !r.preview && !options.includePreviews) return false;
  if (c.context !== null && c.context !== r.context) return false;
  // A candidate may add a named refresh (`-Terminus`) but not drop or swap the recorded one's name (`Euryale`).
  if (!r.qualifiers.every((q) => c.qualifiers.includes(q))) return false;
  const version = compareVersions(c.version, r.version);
  if (version !== null && version < 0) return false;
  // An alias of the recorded version points at that version's snapshots: the same model, not a newer one.
  if (c.alias && version === 0) return false;
  if (r.floating) return false;
  if (r.alias && !(version !== null && version > 0)) return false;
  if (recorded.releaseDate !== null && candidate.releaseDate !== null) {
    return compareDates(candidate.releaseDate, recorded.releaseDate) > 0;
  }
  if (version !== null && version !== 0) return version > 0;
  return (compareVersions(c.revision, r.revision) ?? 0) > 0;
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

/** Compares version numbers; null when either side has none. */
export function compareVersions(a: readonly number[], b: readonly number[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function ownDate(parsed: ParsedModelId): string | null {
  return parsed.date ? resolveIdDate(parsed.date, null) : null;
}

/** `claude-haiku-4-5` is reported through its snapshot `claude-haiku-4-5-20251001` when both are newer. */
function withoutShadowedAliases(entries: CatalogEntry[]): CatalogEntry[] {
  const pinned = new Set(entries.filter((e) => !e.parsed.alias).map((e) => e.parsed.version.join(".")));
  return entries.filter((e) => !e.parsed.alias || !pinned.has(e.parsed.version.join(".")));
}

function oldestFirst(a: CatalogEntry, b: CatalogEntry): number {
  if (a.releaseDate !== null && b.releaseDate !== null) {
    const d = compareDates(a.releaseDate, b.releaseDate);
    if (d !== 0) return d;
  } else if (a.releaseDate !== b.releaseDate) {
    return a.releaseDate === null ? 1 : -1;
  }
  return compareVersions(a.parsed.version, b.parsed.version) || a.parsed.id.localeCompare(b.parsed.id);
}

/** Reports the id written the way the recorded one is: `org/Name` for a Hugging Face id, bare for an API id. */
function present(entry: CatalogEntry, recorded: ParsedModelId): NewerVersion {
  const sameStyle = entry.records.find((r) => r.id.includes("/") === (recorded.org !== null));
  const record = sameStyle ?? entry.records[0]!;
  return { id: record.id, releaseDate: entry.releaseDate, source: record.source };
}
