import type { GapKind, Technique } from "./answers.js";
import type { Rung } from "./verdict.js";

// How the engine says things to a reviewer: money, counts, durations, dates and the names of techniques and rungs.
// See docs/decision-rules.md#words-a-reviewer-reads.

// Numbers are grouped by hand: Intl.NumberFormat#format cost more than the rest of a verdict together. Past the
// integers a double holds exactly, Intl takes over (it prints them the way people expect).
const INTL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS_PER_MONTH = 30.44;
const POWERS = [1, 10, 100];

/** `1,234.5`: thousands separators, at most `fraction` decimals, half away from zero, trailing zeros dropped. */
export function formatNumber(n: number, fraction = 2): string {
  if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
  const abs = Math.abs(n);
  if (abs > Number.MAX_SAFE_INTEGER) return INTL.format(n);
  const factor = POWERS[fraction] ?? 10 ** fraction;
  // The nudge rounds 70.55 to 70.6 as people expect, though the double is 70.5499...
  const scaled = abs * factor;
  const fixed = (scaled < 1e15 ? Math.round(scaled * (1 + Number.EPSILON)) / factor : abs).toFixed(fraction);
  const dot = fixed.indexOf(".");
  const digits = dot === -1 ? fixed : fixed.slice(0, dot);
  let whole = digits.slice(0, digits.length % 3 || 3);
  for (let i = whole.length; i < digits.length; i += 3) whole += `,${digits.slice(i, i + 3)}`;
  let end = fixed.length;
  while (end > dot && dot !== -1 && (fixed.charCodeAt(end - 1) === 48 || end - 1 === dot)) end -= 1;
  const decimals = dot === -1 || end <= dot ? "" : fixed.slice(dot, end);
  const sign = n < 0 && (whole !== "0" || decimals !== "") ? "-" : "";
  return `${sign}${whole}${decimals}`;
}

/** `-$50`, `$10,420.5`: an amount with its sign, for tables. Sentences use `formatMoney`, which never shows a sign. */
export function formatUsd(n: number): string {
  return `${n < 0 ? "-" : ""}$${formatNumber(Math.abs(n))}`;
}

/** `$210`, `$1,234.57`; whole dollars from $1,000 up. The caller says whether it is saved or spent. */
export function formatMoney(n: number): string {
  const abs = Math.abs(n);
  if (abs > 0 && abs < 0.005) return "under a cent";
  return `$${formatNumber(abs, abs >= 1000 ? 0 : 2)}`;
}

/** `2,700,000,000`. */
export function formatCount(n: number): string {
  return formatNumber(n);
}

/** A score as typed, with at most two decimals: `84.95`, `70`. */
export function formatScore(n: number): string {
  return formatNumber(n);
}

/** A size in billions of parameters: `7`, `70.6`, `0.35`, `<0.01`. */
export function formatSize(b: number): string {
  if (b < 0.01) return "<0.01";
  return formatNumber(b, b < 1 ? 2 : 1);
}

/** `533,333` → `533,000`: three significant figures, for numbers a reviewer reads as "about". */
export function formatApprox(n: number): string {
  if (n < 1000) return formatNumber(Math.round(n), 0);
  const scale = 10 ** (Math.floor(Math.log10(n)) - 2);
  return formatNumber(Math.round(n / scale) * scale, 0);
}

/** Above this many requests a month a flip point stops meaning anything to a reviewer. */
const UNREALISTIC_REQUESTS = 1e12;

/** `about 533,000 requests a month`, or null when the number is beyond any real system. */
export function formatRequestsPerMonth(n: number): string | null {
  if (n > UNREALISTIC_REQUESTS) return null;
  return `about ${formatApprox(n)} request${n === 1 ? "" : "s"} a month`;
}

/** `at once`, `in about 2.5 months`. */
export function formatPayback(months: number): string {
  return months === 0 ? "at once" : `in ${formatDuration(months)}`;
}

/** `about 12 days`, `about 2.5 months`, `about 4.2 years`. */
export function formatDuration(months: number): string {
  if (months < 1) {
    const days = Math.max(1, Math.round(months * DAYS_PER_MONTH));
    return `about ${days} day${days === 1 ? "" : "s"}`;
  }
  if (months < 24) return `about ${formatNumber(months, 1)} months`;
  return `about ${formatNumber(months / 12, 1)} years`;
}

/** `2027-01-06` → `6 Jan 2027`. */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listOf(items: readonly string[], last = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What each technique is called in a sentence ("structured output is untried"). */
export const TECHNIQUE_NAME: Record<Technique, string> = {
  "prompt-engineering": "prompt engineering",
  "few-shot": "examples in the prompt",
  "chain-of-thought": "step-by-step reasoning",
  "structured-output": "structured output",
  rag: "retrieval (RAG)",
  "tool-use": "tool use",
  "stronger-model": "a stronger model",
  "many-shot": "hundreds of examples in the prompt",
  "prompt-caching": "prompt caching",
};

/** The rung to work on, named for a reviewer ("Work on next: retrieval (RAG)"). */
export const RUNG_LABEL: Record<Rung, string> = {
  prompting: "the prompt",
  "few-shot": "examples in the prompt",
  rag: "retrieval (RAG)",
  "tool-use": "tool use",
  "fine-tune": "fine-tuning",
  pretrain: "continued pretraining",
};

export type GapName = GapKind | "closed-domain-task";

/** A gap as a reviewer reads it: "the format gap", "the latency and cost gap". */
export const GAP_NAME: Record<GapName, string> = {
  none: "unnamed",
  knowledge: "knowledge",
  format: "format",
  style: "style",
  "domain-behavior": "domain behaviour",
  "latency-cost": "latency and cost",
  reasoning: "reasoning",
  hallucination: "hallucination",
  personality: "personality",
  "not-measured": "unmeasured",
  "closed-domain-task": "narrow-task accuracy",
};
