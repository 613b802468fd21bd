import {
  API_ONLY_FAMILIES,
  BASE_WORDS,
  COPY_WORD,
  FAMILY_VENDOR,
  FOUR_DIGIT_DATE,
  INSTRUCT_WORDS,
  KIND_WORDS,
  LINE_IS_NAME,
  ORG_VENDOR,
  PREVIEW_WORDS,
  TIER_WORDS,
} from "./model-id-words.js";

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
  /** Same key, same line: vendor, family, tier, instruct/base, kind (vision, coder, ...) and size class. */
  lineKey: string;
  /** Same key, same model: renamed repos, quantised copies and router ids collapse here. */
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
  /** An undated API id that follows the snapshots of its version (`gpt-4o`, `claude-sonnet-4-0`). */
  alias: boolean;
  /** `-latest`, or an alias with no version at all (`deepseek-chat`): it never names one model. */
  floating: boolean;
}

const GLUED_WORD = /^([a-z]+)(\d+(?:\.\d+)*)$/;
const NUMBER = /^\d{1,2}(?:\.\d+)*$/;
const NUMBER_LETTER = /^(\d{1,2}(?:\.\d+)*)([a-z])$/;
const SIZE = [/^\d+(?:\.\d+)?[bm]$/, /^\d+x\d+(?:\.\d+)?b$/, /^[ae]\d+(?:\.\d+)?b$/];

export function parseModelId(id: string): ParsedModelId {
  let rest = id
    .trim()
    .toLowerCase()
    .replace(/^~/, "")
    .replace(/^models\//, "");
  const extra: string[] = [];
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    // Router suffixes (`:free`, `:nitro`) pick a route to the same model; `:thinking` switches mode.
    if (rest.slice(colon + 1) === "thinking") extra.push("thinking");
    rest = rest.slice(0, colon);
  }
  const slash = rest.lastIndexOf("/");
  const org = slash >= 0 ? rest.slice(0, slash) : null;
  const raw = [
    ...rest
      .slice(slash + 1)
      .split(/[-_\s@]+/)
      .filter(Boolean),
    ...extra,
  ];
  const copy = raw.some((t) => COPY_WORD.test(t));
  const tokens = raw.filter((t) => !COPY_WORD.test(t));

  const familyAt = findFamily(tokens);
  const family = wordPart(tokens[familyAt] ?? "") || (tokens[familyAt] ?? "");
  const vendor = vendorOf(org, family, copy);
  const t = tokenize(tokens, familyAt, vendor);

  const variant = t.variant ?? defaultVariant(vendor, family, t.version, t.size);
  const version = trimZeros(t.version);
  const qualifiers = [...new Set(t.others)].sort();
  const alias = !t.date && t.revision.length === 0 && !t.size && (org === null || API_ONLY_FAMILIES.has(family));
  const lineKey = LINE_IS_NAME.has(vendor)
    ? `${vendor}:${t.stem.join("-")}`
    : [`${vendor}:${family}${t.prefix ? `/${t.prefix}` : ""}`, sorted(t.tiers), variant, sorted(t.kinds), t.size ?? ""].join("|");
  const identityKey = [
    lineKey,
    version.join("."),
    t.date ? `${t.date.year ?? "?"}-${t.date.month}-${t.date.day ?? "?"}` : "",
    t.revision.join("."),
    t.preview ? "preview" : "",
    t.latest ? "latest" : alias ? "alias" : "",
    t.context ?? "",
    qualifiers.join("+"),
  ].join("|");
  return {
    id,
    org,
    vendor,
    family,
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
    floating: t.latest || (alias && version.length === 0),
  };
}

interface Tokens {
  stem: string[];
  prefix: string | null;
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

function tokenize(tokens: string[], familyAt: number, vendor: string): Tokens {
  const out: Tokens = {
    stem: [],
    prefix: null,
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
  const first = tokens[familyAt] ?? "";
  out.stem.push(first);
  const glued = GLUED_WORD.exec(first);
  if (glued) out.version.push(...numbers(glued[2]!));
  let numeric = out.version.length > 0;
  for (let i = familyAt + 1; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const found = tok === "latest" || PREVIEW_WORDS.has(tok) || /^0\d\d$/.test(tok) ? null : dateAt(tokens, i, vendor);
    if (tok === "latest") out.latest = true;
    else if (PREVIEW_WORDS.has(tok)) out.preview = true;
    else if (/^0\d\d$/.test(tok)) out.revision = [Number(tok)];
    else if (found) {
      out.date = found.date;
      i += found.consumed - 1;
    } else {
      out.stem.push(tok);
      const joined = GLUED_WORD.exec(tok);
      const withLetter = NUMBER_LETTER.exec(tok);
      if (SIZE.some((re) => re.test(tok)) || (sizes.length > 0 && /^\d+e$/.test(tok))) {
        sizes.push(tok);
        numeric = true;
      } else if (/^\d+k$/.test(tok)) out.context = tok;
      else if (NUMBER.test(tok)) {
        out.version.push(...numbers(tok));
        numeric = true;
      } else if (withLetter) {
        out.version.push(...numbers(withLetter[1]!));
        out.kinds.push(withLetter[2]!);
        numeric = true;
      } else if (joined && joined[1]!.length === 1 && !numeric) {
        // DeepSeek-V3, Kimi-K2, MiniMax-M2: the letter names the line, the number its version.
        out.prefix = joined[1]!;
        out.version.push(...numbers(joined[2]!));
        numeric = true;
      } else if (joined && joined[1] === "v") out.revision = numbers(joined[2]!);
      else if (TIER_WORDS.has(tok)) out.tiers.push(tok);
      else if (KIND_WORDS.has(tok)) out.kinds.push(tok);
      else if (INSTRUCT_WORDS.has(tok)) out.variant = "instruct";
      else if (BASE_WORDS.has(tok)) out.variant = "base";
      else out.others.push(tok);
    }
  }
  out.size = sizes.length > 0 ? sizes.join("-") : null;
  return out;
}

interface DateMatch {
  date: IdDate;
  consumed: number;
}

/** A date starting at tokens[i], with how many tokens it spans. */
function dateAt(tokens: string[], i: number, vendor: string): DateMatch | null {
  const [a = "", b = "", c = ""] = tokens.slice(i, i + 3);
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

/** Index of the family word: the first known one (skipping `Meta-`, `cerebras-`), else the first word. */
function findFamily(tokens: string[]): number {
  const known = tokens.findIndex((t, i) => {
    const word = wordPart(t);
    return word !== "" && Object.hasOwn(FAMILY_VENDOR, word) && (word !== "o" || i === 0);
  });
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

/** Unmarked ids: open weights with a size in the name are base models, except Qwen3 on (and QwQ, QVQ). */
function defaultVariant(vendor: string, family: string, version: number[], size: string | null): "instruct" | "base" {
  if (vendor === "qwen" && (family !== "qwen" || (version[0] ?? 0) >= 3)) return "instruct";
  return size ? "base" : "instruct";
}

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function numbers(text: string): number[] {
  return text.split(".").map(Number);
}

function trimZeros(version: number[]): number[] {
  const out = [...version];
  while (out.length > 1 && out[out.length - 1] === 0) out.pop();
  return out;
}

function sorted(words: string[]): string {
  return [...new Set(words)].sort().join("+");
}
