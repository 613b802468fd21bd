import type { ModelPrice, ModelRecord } from "./model-record.js";

/** One model a team can pick, with its list price when a catalog gives one. */
export interface DirectoryModel {
  id: string;
  provider: string;
  /** The catalog it came from: `bundled`, `models.dev`, `litellm`, ... */
  source: string;
  /** The day that catalog was read (YYYY-MM-DD). */
  readOn: string;
  price?: ModelPrice;
}

/**
 * The models the questionnaire offers, in memory: the bundled catalog from the start, the configured catalogs once a
 * watch pass has read them. Searching never touches the network (Slack gives an options request 3 seconds).
 */
export interface ModelDirectory {
  readonly size: number;
  /** Best matches first: the exact id, ids starting with the query, ids with a word starting with it, then the rest. */
  search(query: string, limit: number): DirectoryModel[];
  /** The model with this id (any case), price-only rows included. */
  find(id: string): DirectoryModel | undefined;
  /** What a watch pass read (`readOn` is that day); the bundled catalog stays underneath. */
  refresh(records: readonly ModelRecord[], readOn: string): void;
}

/** How input and output prices are blended into one price per million tokens: 3 input tokens to 1 output token. */
export const PRICE_BLEND = { input: 3, output: 1 } as const;

export function blendedPrice(price: ModelPrice): number {
  const { input, output } = PRICE_BLEND;
  return (price.inputUsdPerMTok * input + price.outputUsdPerMTok * output) / (input + output);
}

interface Entry {
  model: DirectoryModel;
  lower: string;
  /** After the last `/`: `llama-3.1-8b-instruct` of `meta-llama/llama-3.1-8b-instruct`. */
  tail: string;
  pickable: boolean;
}

/** A price of nothing at all is a catalog's way of saying it does not know (or of a free preview). */
const usablePrice = (price: ModelPrice | undefined) =>
  price && (price.inputUsdPerMTok > 0 || price.outputUsdPerMTok > 0) ? price : undefined;

function entriesOf(records: readonly ModelRecord[], readOnOf: (record: ModelRecord) => string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const record of records) {
    const lower = record.id.toLowerCase();
    const price = usablePrice(record.price);
    const known = out.get(lower);
    if (known) {
      if (!known.model.price && price) known.model = { ...known.model, price, source: record.source, readOn: readOnOf(record) };
      if (!record.priceOnly) known.pickable = true;
      continue;
    }
    out.set(lower, {
      model: { id: record.id, provider: record.provider, source: record.source, readOn: readOnOf(record), ...(price ? { price } : {}) },
      lower,
      tail: lower.slice(lower.lastIndexOf("/") + 1),
      pickable: !record.priceOnly,
    });
  }
  return out;
}

const BOUNDARIES = ["-", "/", ".", "_", ":", " "];

function rank(entry: Entry, query: string, words: readonly string[]): number {
  if (entry.lower === query) return 0;
  if (entry.lower.startsWith(query)) return 1;
  if (entry.tail.startsWith(query)) return 2;
  if (BOUNDARIES.some((b) => entry.lower.includes(`${b}${query}`))) return 3;
  if (entry.lower.includes(query)) return 4;
  if (words.length > 1 && words.every((w) => entry.lower.includes(w))) return 5;
  return -1;
}

export function createModelDirectory(bundled: readonly ModelRecord[], bundledReadOn: string): ModelDirectory {
  const base = entriesOf(bundled, () => bundledReadOn);
  let all = base;
  let pickable = [...all.values()].filter((e) => e.pickable);
  return {
    get size() {
      return pickable.length;
    },
    search(query, limit) {
      const q = query.trim().toLowerCase();
      if (q === "") return [];
      const words = q.split(/\s+/);
      const hits: Array<{ entry: Entry; rank: number }> = [];
      for (const entry of pickable) {
        const r = rank(entry, q, words);
        if (r >= 0) hits.push({ entry, rank: r });
      }
      hits.sort((a, b) => a.rank - b.rank || a.entry.lower.length - b.entry.lower.length || (a.entry.lower < b.entry.lower ? -1 : 1));
      return hits.slice(0, limit).map((h) => h.entry.model);
    },
    find(id) {
      return all.get(id.trim().toLowerCase())?.model;
    },
    refresh(records, readOn) {
      // The bundled catalog in a pass is still the copy of its own day.
      const fresh = entriesOf(records, (r) => (r.source === "bundled" ? bundledReadOn : readOn));
      // A price the pass did not bring keeps the bundled one; the bundled models the pass did not list stay pickable.
      for (const [key, entry] of base) {
        const known = fresh.get(key);
        if (!known) fresh.set(key, entry);
        else if (!known.model.price && entry.model.price)
          known.model = { ...known.model, price: entry.model.price, source: entry.model.source, readOn: entry.model.readOn };
      }
      all = fresh;
      pickable = [...all.values()].filter((e) => e.pickable);
    },
  };
}
