import {
  API_ONLY_FAMILIES,
  BASE_WORDS,
  COPY_WORD,
  DOTLESS_VERSIONS,
  FAMILY_VENDOR,
  FOUR_DIGIT_DATE,
  INSTRUCT_WORDS,
  KIND_WORDS,
  NAMED_GENERATIONS,
  ORG_VENDOR,
  PREVIEW_WORDS,
  TIER_WORDS,
} from "./model-id-words.js";
import { readProviderId } from "./provider-id.js";

/** A date written in an id. `0613` has no year, `2411` no day. */
export interface IdDate {
  year: number | null;
  month: number;
  day: number | null;
}

export interface ParsedModelId {
  id: string;
  org: string | null;
  vendor: string;
  family: string;
  /** A letter naming a line inside a family: DeepSeek-R1 and DeepSeek-V3, Kimi-K2. */
  prefix: string | null;
  /** Tier words, sorted and joined: `mini`, `flash+lite`. */
  tiers: string;
  /** Modality, specialisation or mode words, sorted and joined: `audio`, `coder+next`. */
  kinds: string;
  /** Where a family names products by generation (gpt-4o, gpt-4.1), that name; "" elsewhere. */
  generationName: string;
  /** Vendor, family and prefix: every line any policy may join shares it. */
  familyKey: string;
  /** Same key, same line under the default policy. Sizes and context are compared apart: an id may leave them out. */
  lineKey: string;
  /** Same key, same model: renamed repos, quantised copies, cloud and router ids collapse here. */
  identityKey: string;
  /** Generation numbers without trailing zeros: `claude-3-5-sonnet` → [3, 5], `claude-sonnet-4-0` → [4]. */
  version: number[];
  date: IdDate | null;
  /** Stable revision of one version: `-001`, `-v0.2`. */
  revision: number[];
  size: string | null;
  context: string | null;
  variant: "instruct" | "base";
  /** Words the vocabulary does not know (`terminus`, `euryale`): a candidate must keep the recorded model's. */
  qualifiers: string[];
  preview: boolean;
  /** An id that follows the snapshots of its version (`gpt-4o`, `claude-sonnet-4-0`, `claude-3-5-haiku-latest`). */
  alias: boolean;
  /** An alias with no version (`deepseek-chat`, `mistral-large-latest`): it never names one model. */
  floating: boolean;
}

const GLUED_WORD = /^([a-z]+)(\d+(?:\.\d+)*)$/;
const NUMBER = /^\d{1,2}(?:\.\d+)*$/;
const NUMBER_LETTER = /^(\d{1,2}(?:\.\d+)*)([a-z])$/;
const SIZE = [/^\d+(?:\.\d+)?[bm]$/, /^\d+x\d+(?:\.\d+)?b$/, /^[ae]\d+(?:\.\d+)?b$/];

// A watch pass parses every catalog id, and the catalogs barely change between passes: each id is parsed once per
// process. Bounded so that odd ids cannot grow it without end; frozen, as every caller shares the same object.
const PARSED = new Map<string, ParsedModelId>();
const MAX_PARSED = 100_000;

export function parseModelId(id: string): ParsedModelId {
  let parsed = PARSED.get(id);
  if (!parsed) {
    parsed = freeze(parse(id));
    if (PARSED.size >= MAX_PARSED) PARSED.clear();
    PARSED.set(id, parsed);
  }
  return parsed;
}

function freeze(parsed: ParsedModelId): ParsedModelId {
  Object.freeze(parsed.version);
  Object.freeze(parsed.revision);
  Object.freeze(parsed.qualifiers);
  if (parsed.date) Object.freeze(parsed.date);
  return Object.freeze(parsed);
}

function parse(id: string): ParsedModelId {
  const provider = readProviderId(id);
  let name = provider.name;
  const extra: string[] = [];
  const colon = name.lastIndexOf(":");
  if (colon >= 0) {
    // Router suffixes (`:free`, `:nitro`) pick a route to the same model; `:thinking` switches mode.
    if (name.slice(colon + 1) === "thinking") extra.push("thinking");
    name = name.slice(0, colon);
  }
  const org = provider.org;
  const raw = [...name.split(/[-_\s@]+/).filter(Boolean), ...extra];
  const copy = raw.some((t) => COPY_WORD.test(t));
  const tokens = raw.filter((t) => !COPY_WORD.test(t));
  const orgVendor = org === null ? undefined : own(ORG_VENDOR, org);
  if (provider.vendorPrefixed && orgVendor && findKnownFamily(tokens) < 0 && Object.hasOwn(FAMILY_VENDOR, orgVendor)) {
    tokens.unshift(orgVendor);
  }

  const familyAt = findFamily(tokens);
  const family = wordPart(tokens[familyAt] ?? "") || (tokens[familyAt] ?? "");
  const vendor = vendorOf(org, family, copy);
  const t = tokenize(tokens, familyAt, family, vendor);

  const variant = t.variant ?? defaultVariant(vendor, family, t.version, t.size, org, t.date);
  const version = trimZeros(t.version);
  const qualifiers = [...new Set(t.others)].sort();
  const alias = t.latest || (!t.date && t.revision.length === 0 && !t.size && (org === null || API_ONLY_FAMILIES.has(family)));
  const familyKey = `${vendor}:${family}${t.prefix ? `/${t.prefix}` : ""}`;
  const tiers = sorted(t.tiers);
  const kinds = sorted(t.kinds);
  const lineKey = [familyKey, tiers, variant, kinds, t.generationName].join("|");
  const identityKey = [
    lineKey,
    t.context ?? "",
    t.size ?? "",
    version.join("."),
    t.date ? `${t.date.year ?? "?"}-${t.date.month}-${t.date.day ?? "?"}` : "",
    t.revision.join("."),
    t.preview ? "preview" : "",
    alias && version.length === 0 ? "floating" : "",
    qualifiers.join("+"),
  ].join("|");
  return {
    id,
    org,
    vendor,
    family,
    prefix: t.prefix,
    tiers,
    kinds,
    generationName: t.generationName,
    familyKey,
    lineKey,
    identityKey,
    version,
    date: t.date,
    revision: t.revision,
    size: t.size,
    context: t.context,
    variant,
    qualifiers,
    preview: t.preview,
    alias,
    floating: alias && version.length === 0,
  };
}

interface Tokens {
  prefix: string | null;
  generationName: string;
  version: number[];
  revision: number[];
  date: IdDate | null;
  size: string | null;
  context: string | null;
  preview: boolean;
  latest: boolean;
  variant: "instruct" | "base" | null;
  tiers: string[];
  kinds: string[];
  others: string[];
}

function tokenize(tokens: string[], familyAt: number, family: string, vendor: string): Tokens {
  const out: Tokens = {
    prefix: null,
    generationName: "",
    version: [],
    revision: [],
    date: null,
    size: null,
    context: null,
    preview: false,
    latest: false,
    variant: null,
    tiers: [],
    kinds: [],
    others: [],
  };
  const sizes: string[] = [];
  const glued = GLUED_WORD.exec(tokens[familyAt] ?? "");
  if (glued) out.version.push(...numbers(glued[2]!));
  let numeric = out.version.length > 0;
  let revisionFromV = false;
  const named = own(NAMED_GENERATIONS, family);
  const dotlessVersions = own(DOTLESS_VERSIONS, family);
  const apiOnly = API_ONLY_FAMILIES.has(family);
  for (let i = familyAt + 1; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const digit = tok.charCodeAt(0) >= 48 && tok.charCodeAt(0) <= 57;
    const revision = digit && /^0\d\d$/.test(tok);
    const found = digit && !revision ? dateAt(tokens, i, vendor) : null;
    if (tok === "latest") out.latest = true;
    else if (PREVIEW_WORDS.has(tok)) out.preview = true;
    else if (revision) out.revision = [Number(tok)];
    else if (found) {
      out.date = found.date;
      i += found.consumed - 1;
    } else if (digit && (SIZE.some((re) => re.test(tok)) || (sizes.length > 0 && /^\d+e$/.test(tok)))) {
      sizes.push(tok);
      numeric = true;
    } else if (/^[ae]\d/.test(tok) && SIZE[2]!.test(tok)) {
      sizes.push(tok);
      numeric = true;
    } else if (digit && /^\d+k$/.test(tok)) out.context = tok;
    else if (digit && (dotlessVersions?.[tok] || NUMBER.test(tok) || NUMBER_LETTER.test(tok))) {
      const withLetter = NUMBER_LETTER.exec(tok);
      const number = dotlessVersions?.[tok] ?? numbers(withLetter ? withLetter[1]! : tok);
      const letter = withLetter?.[2];
      if (named && !numeric && i === familyAt + 1 && number[0]! < named.below) {
        out.generationName = `${number.join(".")}${letter ?? ""}`;
      } else if (letter) out.kinds.push(letter);
      out.version.push(...number);
      numeric = true;
    } else if (!digit && GLUED_WORD.test(tok)) {
      const joined = GLUED_WORD.exec(tok)!;
      if (joined[1]!.length === 1 && !numeric && (joined[1] !== "v" || i === familyAt + 1)) {
        // DeepSeek-V3, Kimi-K2, MiniMax-M2: the letter names the line, the number its version.
        out.prefix = joined[1]!;
        out.version.push(...numbers(joined[2]!));
        numeric = true;
      } else if (joined[1] === "v") {
        out.revision = numbers(joined[2]!);
        revisionFromV = true;
      } else out.others.push(tok);
    } else if (TIER_WORDS.has(tok)) out.tiers.push(tok);
    else if (KIND_WORDS.has(tok)) {
      // gpt-image-1, gpt-audio: the kind names the product and the number versions it (not so gpt-5-image).
      if (named && !numeric && i === familyAt + 1) out.generationName = tok;
      out.kinds.push(tok);
    } else if (INSTRUCT_WORDS.has(tok)) {
      // Behind an API, `-instruct` and `-chat` name other products (gpt-3.5-turbo-instruct, gpt-5-chat).
      if (apiOnly) out.kinds.push(tok);
      else out.variant = "instruct";
    } else if (BASE_WORDS.has(tok)) out.variant = "base";
    else out.others.push(tok);
  }
  // `claude-3-5-sonnet-v2@20241022`: the v2 only repeats what the date says.
  if (revisionFromV && out.date?.day != null) out.revision = [];
  out.size = sizes.length > 0 ? sizes.join("-") : null;
  return out;
}

interface DateMatch {
  date: IdDate;
  consumed: number;
}

/** A date starting at tokens[i], with how many tokens it spans. */
function dateAt(tokens: string[], i: number, vendor: string): DateMatch | null {
  const a = tokens[i] ?? "";
  const b = tokens[i + 1] ?? "";
  const c = tokens[i + 2] ?? "";
  const ymd = /^(20\d\d)(\d\d)(\d\d)$/.exec(a);
  if (ymd) return day(+ymd[1]!, +ymd[2]!, +ymd[3]!, 1);
  if (/^20\d\d$/.test(a) && /^\d\d$/.test(b) && /^\d\d$/.test(c)) return day(+a, +b, +c, 3);
  if (/^\d\d$/.test(a) && /^20\d\d$/.test(b)) return month(+b, +a, 2);
  if (/^\d\d$/.test(a) && /^\d\d$/.test(b)) return day(null, +a, +b, 2);
  if (/^\d{4}$/.test(a)) return fourDigits(a, vendor);
  return null;
}

function fourDigits(digits: string, vendor: string): DateMatch | null {
  const hi = +digits.slice(0, 2);
  const lo = +digits.slice(2);
  const style = own(FOUR_DIGIT_DATE, vendor) ?? (hi > 12 ? "yymm" : "mmdd");
  return style === "yymm" ? month(2000 + hi, lo, 1) : day(null, hi, lo, 1);
}

function day(year: number | null, m: number, d: number, consumed: number): DateMatch | null {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? { date: { year, month: m, day: d }, consumed } : null;
}

function month(year: number, m: number, consumed: number): DateMatch | null {
  return year >= 2010 && m >= 1 && m <= 12 ? { date: { year, month: m, day: null }, consumed } : null;
}

/** Index of the first known family word (skipping `Meta-`, `cerebras-`), or -1. */
function findKnownFamily(tokens: string[]): number {
  return tokens.findIndex((t, i) => {
    const word = wordPart(t);
    return word !== "" && Object.hasOwn(FAMILY_VENDOR, word) && (word !== "o" || i === 0);
  });
}

/** Index of the family word: the first known one, else the first word. */
function findFamily(tokens: string[]): number {
  const known = findKnownFamily(tokens);
  if (known >= 0) return known;
  const word = tokens.findIndex((t) => /^[a-z]/.test(t));
  return Math.max(word, 0);
}

function wordPart(token: string): string {
  return /^[a-z]+$/.test(token) ? token : (GLUED_WORD.exec(token)?.[1] ?? "");
}

function vendorOf(org: string | null, family: string, copy: boolean): string {
  const byFamily = own(FAMILY_VENDOR, family);
  if (org !== null) {
    const byOrg = own(ORG_VENDOR, org);
    if (byOrg) return byOrg;
    // A quantised re-upload (`someone/Llama-3.1-8B-Instruct-FP8`) is still the vendor's model.
    return copy && byFamily ? byFamily : org;
  }
  return byFamily ?? family;
}

/**
 * Unmarked ids: an API id, a dated open-weight release (vendors mark those `-Base`) and Qwen3 on (and QwQ, QVQ) are
 * instruct models; an open-weight repo with a size in its name is a base model.
 */
function defaultVariant(
  vendor: string,
  family: string,
  version: number[],
  size: string | null,
  org: string | null,
  date: IdDate | null,
): "instruct" | "base" {
  if (!size || org === null || date !== null) return "instruct";
  if (vendor === "qwen" && (family !== "qwen" || (version[0] ?? 0) >= 3)) return "instruct";
  return "base";
}

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function numbers(text: string): number[] {
  return text.includes(".") ? text.split(".").map(Number) : [Number(text)];
}

function trimZeros(version: number[]): number[] {
  const out = [...version];
  while (out.length > 1 && out[out.length - 1] === 0) out.pop();
  return out;
}

function sorted(words: string[]): string {
  if (words.length < 2) return words[0] ?? "";
  return [...new Set(words)].sort().join("+");
}
