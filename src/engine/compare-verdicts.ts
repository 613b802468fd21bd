import { type Answers, parseAnswers } from "./answers.js";
import { decide } from "./decide.js";
import type { FineTune, Rung, Severity, Verdict, WarningCode } from "./verdict.js";
import { WARNING_CODES } from "./verdict.js";
import { WARNING_TITLE } from "./warnings.js";
import { listOf, RUNG_LABEL } from "./words.js";

export interface Assessed {
  answers: Answers;
  verdict: StoredVerdict;
}

/** A verdict as stored with a decision; one decided by engine 1.x has no warning titles. */
export interface StoredVerdict {
  fineTune: FineTune;
  approach: Rung;
  engineVersion: string;
  warnings: ReadonlyArray<{ code: string; severity: Severity; title?: string }>;
}

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      for (const [path, text] of flatten(inner, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
    }
  } else if (prefix) {
    out.set(prefix, Array.isArray(value) ? value.join(", ") || "(none)" : String(value));
  }
  return out;
}

function titleOf(w: StoredVerdict["warnings"][number]): string {
  if (w.title) return w.title;
  return (WARNING_CODES as readonly string[]).includes(w.code) ? WARNING_TITLE[w.code as WarningCode] : w.code;
}

/** The warnings of `after` whose code `before` lacks, by title. */
function addedWarnings(before: StoredVerdict, after: StoredVerdict): string[] {
  const had = new Set(before.warnings.map((w) => w.code));
  return after.warnings.filter((w) => !had.has(w.code)).map(titleOf);
}

/** What a re-evaluation changed against the decision it re-evaluates, in lines a reviewer can check. */
export function describeVerdictChanges(before: Assessed, after: Assessed): string[] {
  const lines: string[] = [];
  const was = flatten(before.answers);
  const now = flatten(after.answers);
  for (const path of new Set([...was.keys(), ...now.keys()])) {
    if (path === "asOf" || was.get(path) === now.get(path)) continue;
    lines.push(`${path}: ${was.get(path) ?? "(not given)"} → ${now.get(path) ?? "(not given)"}`);
  }
  if (before.verdict.fineTune !== after.verdict.fineTune) lines.push(`fine-tune: ${before.verdict.fineTune} → ${after.verdict.fineTune}`);
  if (before.verdict.approach !== after.verdict.approach) {
    lines.push(`work on next: ${RUNG_LABEL[before.verdict.approach]} → ${RUNG_LABEL[after.verdict.approach]}`);
  }
  const added = addedWarnings(before.verdict, after.verdict);
  const gone = addedWarnings(after.verdict, before.verdict);
  if (added.length > 0) lines.push(`new warnings: ${added.join("; ")}`);
  if (gone.length > 0) lines.push(`warnings gone: ${gone.join("; ")}`);
  if (before.verdict.engineVersion !== after.verdict.engineVersion) {
    lines.push(`engine: ${before.verdict.engineVersion} → ${after.verdict.engineVersion}`);
  }
  if (lines.length === 0) lines.push("nothing changed: same answers, same verdict");
  return lines;
}

const ANSWER_WORD: Record<FineTune, string> = { yes: "yes", "not-yet": "not yet", no: "no" };
const MAX_TITLES = 3;

export interface EngineChange {
  /** Today's verdict on the stored answers. */
  today: Verdict;
  /** What changed, in plain words: "not yet rather than yes; new: OpenAI fine-tuning closed on 6 Jan 2027". */
  summary: string;
}

/**
 * Whether today's engine would decide a stored decision differently: a different answer or a different rung to work
 * on, on the stored answers as of `asOf` (the stored day when not given). Null when it would decide the same, or when
 * the stored answers no longer pass today's schema.
 */
export function reassess(stored: { answers: unknown; verdict: StoredVerdict }, asOf?: string): EngineChange | null {
  const parsed = parseAnswers(stored.answers);
  if (!parsed.ok) return null;
  const today = decide(asOf ? { ...parsed.answers, asOf } : parsed.answers);
  const was = stored.verdict;
  if (today.fineTune === was.fineTune && today.approach === was.approach) return null;
  const parts: string[] = [];
  if (today.fineTune !== was.fineTune) parts.push(`${ANSWER_WORD[today.fineTune]} rather than ${ANSWER_WORD[was.fineTune]}`);
  if (today.approach !== was.approach) parts.push(`work on ${RUNG_LABEL[today.approach]} rather than ${RUNG_LABEL[was.approach]}`);
  const added = addedWarnings(was, today);
  if (added.length > 0) {
    const more = added.length > MAX_TITLES ? ` and ${added.length - MAX_TITLES} more` : "";
    parts.push(`new: ${listOf(added.slice(0, MAX_TITLES))}${more}`);
  }
  const nowBlocking = today.warnings
    .filter((w) => w.severity === "blocker" && was.warnings.some((o) => o.code === w.code && o.severity !== "blocker"))
    .map(titleOf);
  if (nowBlocking.length > 0) parts.push(`now blocking: ${listOf(nowBlocking)}`);
  return { today, summary: parts.join("; ") };
}
