import type { Answers } from "./answers.js";
import type { Verdict } from "./verdict.js";

export interface Assessed {
  answers: Answers;
  verdict: Verdict;
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
  if (before.verdict.approach !== after.verdict.approach)
    lines.push(`work on next: ${before.verdict.approach} → ${after.verdict.approach}`);
  const oldCodes = new Set(before.verdict.warnings.map((w) => w.code));
  const newCodes = new Set(after.verdict.warnings.map((w) => w.code));
  const added = [...newCodes].filter((c) => !oldCodes.has(c));
  const gone = [...oldCodes].filter((c) => !newCodes.has(c));
  if (added.length > 0) lines.push(`new warnings: ${added.join(", ")}`);
  if (gone.length > 0) lines.push(`warnings gone: ${gone.join(", ")}`);
  if (before.verdict.engineVersion !== after.verdict.engineVersion) {
    lines.push(`engine: ${before.verdict.engineVersion} → ${after.verdict.engineVersion}`);
  }
  if (lines.length === 0) lines.push("nothing changed: same answers, same verdict");
  return lines;
}
