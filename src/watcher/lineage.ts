// The rules that make one catalog model a newer version of another. docs/model-watch.md states them in words.
import { DEFAULT_LINEAGE_POLICY, type LineagePolicy } from "./lineage-policy.js";
import { API_ONLY_FAMILIES, NAMED_GENERATIONS } from "./model-id-words.js";
import type { ParsedModelId } from "./parse-model-id.js";
import { compareDates, listedLater } from "./release-date.js";
import { compareVersions, type Dated } from "./same-release.js";

/** Whether two ids are on one line: vendor, family, tier, variant, kind, context and size (as the policy reads them). */
export function sameLine(r: ParsedModelId, c: ParsedModelId, policy: LineagePolicy = DEFAULT_LINEAGE_POLICY): boolean {
  if (r.familyKey !== c.familyKey || r.variant !== c.variant || r.kinds !== c.kinds) return false;
  // A later model may drop a context marker (Phi-3-mini-4k → Phi-3.5-mini), never change it (gpt-4 → gpt-4-32k).
  if (c.context !== null && c.context !== r.context) return false;
  const named = Object.hasOwn(NAMED_GENERATIONS, r.family) ? NAMED_GENERATIONS[r.family] : undefined;
  if (named && policy.renamedSuccessors) {
    if (withoutWords(r.tiers, named.decorations) !== withoutWords(c.tiers, named.decorations)) return false;
  } else if (r.tiers !== c.tiers || r.generationName !== c.generationName) return false;
  if (!policy.generations && r.version.length > 0 && c.version.length > 0 && r.version[0] !== c.version[0]) return false;
  return sizesMatch(r, c, policy);
}

/**
 * Whether `candidate` is a newer version of `recorded`: on the same line, stable unless the policy or the recorded
 * model is a preview, not the recorded model's own alias or snapshot, and later by release date (a release the
 * same day is not newer); without both dates, by version, revision, or month-day within one version.
 */
export function isNewerVersion(recorded: Dated, candidate: Dated, policy: LineagePolicy = DEFAULT_LINEAGE_POLICY): boolean {
  const r = recorded.parsed;
  const c = candidate.parsed;
  if (!sameLine(r, c, policy)) return false;
  if (c.identityKey === r.identityKey || c.floating || r.floating) return false;
  if (c.preview && !r.preview && !policy.previews) return false;
  const version = compareVersions(c.version, r.version);
  if (version !== null && version < 0) return false;
  // A candidate may add a name (`V3.1-Terminus`) only with a version of its own, never drop or swap the recorded one's.
  if (!r.qualifiers.every((q) => c.qualifiers.includes(q))) return false;
  if (c.qualifiers.length > r.qualifiers.length && version === null) return false;
  if (version === 0 && follows(recorded, candidate)) return false;
  if (recorded.releaseDate !== null && candidate.releaseDate !== null) {
    return compareDates(candidate.releaseDate, recorded.releaseDate) > 0;
  }
  if (version !== null && version !== 0) return version > 0;
  const revision = compareVersions(c.revision, r.revision);
  if (revision !== null && revision !== 0) return revision > 0;
  return laterMonthDay(r, c);
}

/**
 * Within one version, an alias is the newest snapshot of its kind (stable or preview): a recorded alias follows its
 * own kind, and a stable alias is reported through its snapshots. A preview alias listed weeks after a preview
 * snapshot points at a later preview; a preview's stable release is newer still.
 */
function follows(recorded: Dated, candidate: Dated): boolean {
  const r = recorded.parsed;
  const c = candidate.parsed;
  if (r.alias && r.preview === c.preview) return true;
  if (!c.alias || r.preview !== c.preview) return false;
  if (!c.preview) return true;
  return recorded.releaseDate === null || candidate.releaseDate === null || !listedLater(candidate.releaseDate, recorded.releaseDate);
}

function laterMonthDay(r: ParsedModelId, c: ParsedModelId): boolean {
  if (!r.date || !c.date || r.date.year !== null || c.date.year !== null) return false;
  return c.date.month * 32 + (c.date.day ?? 0) > r.date.month * 32 + (r.date.day ?? 0);
}

/**
 * Sizes must match, or be near under the policy. An API id may leave the size out where a tier names it
 * (`mistral-small-2506` is the 24B `Mistral-Small-3.2`), never behind an API-only family (`gemini-1.5-flash-8b`).
 */
function sizesMatch(r: ParsedModelId, c: ParsedModelId, policy: LineagePolicy): boolean {
  if (r.size === null && c.size === null) return true;
  if (r.size === null || c.size === null) return r.tiers !== "" && !API_ONLY_FAMILIES.has(r.family);
  if (r.size === c.size) return true;
  if (!policy.nearbySizes) return false;
  const a = parameters(r.size);
  const b = parameters(c.size);
  return a > 0 && b > 0 && Math.abs(a - b) <= 0.25 * Math.max(a, b);
}

/** Total parameters in billions as the id writes them: `8x7b` is 56, `30b-a3b` is 30. */
function parameters(size: string): number {
  const match = /^(?:(\d+)x)?(\d+(?:\.\d+)?)([bm])/.exec(size);
  if (!match) return 0;
  return Number(match[1] ?? 1) * Number(match[2]) * (match[3] === "m" ? 0.001 : 1);
}

function withoutWords(joined: string, words: readonly string[]): string {
  return joined
    .split("+")
    .filter((w) => !words.includes(w))
    .join("+");
}
