/**
 * Which catalog models count as newer versions of a recorded one, where teams may reasonably disagree.
 * docs/model-watch.md explains each choice with examples.
 */
export interface LineagePolicy {
  /** Later generations of a line count (Claude 3.5 Sonnet → Claude Sonnet 4); off, only releases within one major version do. */
  generations: boolean;
  /** A successor under a new product name counts (gpt-4 → gpt-4-turbo → gpt-4o → gpt-4.1 → gpt-5). */
  renamedSuccessors: boolean;
  /** A later version in a nearby size counts, within a quarter of the size (Qwen2-7B → Qwen3-8B). */
  nearbySizes: boolean;
  /** Previews and experiments count as newer versions of a stable model (a preview hears of them anyway). */
  previews: boolean;
}

export const LINEAGE_POLICIES = {
  strict: { generations: false, renamedSuccessors: false, nearbySizes: false, previews: false },
  line: { generations: true, renamedSuccessors: false, nearbySizes: false, previews: false },
  "product-line": { generations: true, renamedSuccessors: true, nearbySizes: true, previews: false },
} as const satisfies Record<string, LineagePolicy>;

export type LineagePolicyName = keyof typeof LINEAGE_POLICIES;

export const DEFAULT_LINEAGE_POLICY: LineagePolicy = LINEAGE_POLICIES.line;

const PREVIEWS = "previews";

/**
 * Reads a MODEL_WATCH_POLICY value: a policy name, optionally followed by `,previews` (`product-line,previews`).
 * Empty means the default. Throws, naming the known words, on anything else.
 */
export function parseLineagePolicy(text: string): LineagePolicy {
  const words = text
    .split(",")
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const names = words.filter((w) => w !== PREVIEWS);
  const unknown = names.filter((w) => !Object.hasOwn(LINEAGE_POLICIES, w));
  if (unknown.length > 0 || names.length > 1) {
    const known = [...Object.keys(LINEAGE_POLICIES), PREVIEWS].join(", ");
    const why = unknown.length > 0 ? `unknown ${unknown.join(", ")}` : `one policy name, not ${names.join(" and ")}`;
    throw new Error(`${why} (known: ${known}; e.g. product-line,previews)`);
  }
  const base = names[0] ? LINEAGE_POLICIES[names[0] as LineagePolicyName] : DEFAULT_LINEAGE_POLICY;
  return { ...base, previews: base.previews || words.includes(PREVIEWS) };
}
