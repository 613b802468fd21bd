import type { Answers } from "../../src/engine/answers.js";
import { GAP_KINDS, TECHNIQUES } from "../../src/engine/answers.js";
import { ENGINE_VERSION } from "../../src/engine/decide.js";
import { RULE_IDS, type Verdict, WARNING_CODES } from "../../src/engine/verdict.js";

// The "Words a reviewer reads" check (docs/decision-rules.md#words-a-reviewer-reads): what a verdict says in its
// headline, warning titles and messages, reasons and steps, with what the user typed set aside.

/** Identifiers that must stay in the structured fields: codes, rule ids, rung, technique and gap ids, enum values. */
const IDENTIFIERS = [
  ...WARNING_CODES,
  ...RULE_IDS,
  ...TECHNIQUES.filter((t) => t.includes("-")),
  ...GAP_KINDS.filter((g) => g.includes("-")),
  "tool-use",
  "few-shot",
  "self-host-required",
  "provider-api",
  "not-yet",
];
const IDENTIFIER = new RegExp(`(?<![\\w-])(${IDENTIFIERS.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\w-])`);
const LOWERCASE_IDS = /(?<![\w-])(rag|pretrain|lora|qlora)(?![\w-])/;
const RULE_NUMBER = /\brules?\s*\d|(?<!\d)\d+ gap:|\(combine\)/i;
const FILE_NAME = /\b[\w-]+\.(md|ts|js|json|ya?ml|txt)\b/;
const NEGATIVE_MONEY = /-\s?\$|\$\s?-/;
const LONG_NUMBER = /(?<![\d.,])\d{4,}/;
const LONG_DECIMAL = /\d\.\d{3,}/;
const DATE = /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/g;
const STARTS_WELL = /^[A-Z0-9$"(]/;
const SENTENCE_BREAK = /[.!?]\s+(?=\S)/g;

/** Every reviewer-facing text of a verdict, labelled by where it sits. */
export function reviewerTexts(v: Verdict): Array<[where: string, text: string]> {
  return [
    ["headline", v.headline],
    ...v.warnings.flatMap(
      (w): Array<[string, string]> => [
        [`warning ${w.code} title`, w.title],
        [`warning ${w.code} message`, w.message],
      ],
    ),
    ...v.reasons.map((r): [string, string] => [`reason ${r.rule}`, r.text]),
    ...v.steps.map((s, i): [string, string] => [`step ${i + 1}`, s.text]),
  ];
}

/**
 * Replaces what the user typed (title, model ids) where the engine quotes it, as a word of its own, so that only the
 * engine's own words are judged.
 */
export function withoutUserText(text: string, answers: Answers): string {
  const typed = [answers.title, answers.baseModel, answers.candidateModel]
    .filter((s): s is string => s !== undefined && s.length > 0)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of typed) {
    const quoted = new RegExp(`(^|[\\s(])${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=$|[\\s.,;:)'])`, "g");
    out = out.replace(quoted, "$1Model");
  }
  return out;
}

/** What in one text breaks the rules for words a reviewer reads; empty when it reads well. */
export function problemsIn(raw: string): string[] {
  const problems: string[] = [];
  const text = raw.replace(DATE, "DATE");
  if (text.trim().length === 0) return ["is empty"];
  const id = IDENTIFIER.exec(text) ?? LOWERCASE_IDS.exec(text);
  if (id) problems.push(`shows the identifier "${id[1]}"`);
  if (RULE_NUMBER.test(text)) problems.push("shows a rule number");
  if (FILE_NAME.test(text)) problems.push("names a file");
  if (text.includes(ENGINE_VERSION) || /\bengine \d/.test(text)) problems.push("shows the engine version");
  if (NEGATIVE_MONEY.test(text)) problems.push("shows a negative amount of money");
  const long = LONG_NUMBER.exec(text);
  if (long) problems.push(`writes ${long[0]} without thousands separators`);
  if (LONG_DECIMAL.test(text)) problems.push("writes more than two decimals");
  if (!STARTS_WELL.test(text)) problems.push("does not start with a capital");
  for (const m of text.matchAll(SENTENCE_BREAK)) {
    const next = text.charAt(m.index + m[0].length);
    if (!/[A-Z0-9$"(]/.test(next)) problems.push(`has a sentence starting with "${next}"`);
  }
  return problems;
}

/** Every wording problem in a verdict, as lines a failing test prints. */
export function wordingProblems(v: Verdict, answers: Answers): string[] {
  const out: string[] = [];
  for (const [where, text] of reviewerTexts(v)) {
    for (const p of problemsIn(withoutUserText(text.replace(DATE, "DATE"), answers))) out.push(`${where} ${p}: ${text}`);
  }
  if (v.nextSteps.length === 0) out.push("no next step");
  const reasons = v.reasons.map((r) => r.text);
  if (new Set(reasons).size !== reasons.length) out.push("a reason is given twice");
  return out;
}
