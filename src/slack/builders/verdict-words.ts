import type { Answers } from "../../engine/answers.js";
import { COST_INPUT_NAME } from "../../engine/break-even.js";
import { breakEvenText } from "../../engine/prerequisites.js";
import type { Verdict, Warning } from "../../engine/verdict.js";
import { capitalise, formatApprox, formatCount, formatNumber, formatScore, listOf, TECHNIQUE_NAME } from "../../engine/words.js";
import { escapeMrkdwn, slackDate } from "../mrkdwn.js";
import { isUnknownAnswer, UNKNOWN_ANSWERS } from "../questionnaire/unknowns.js";

// How the Slack surfaces say a verdict: the answer first, in words a reviewer reads on a phone. The engine's text is
// already plain words (docs/decision-rules.md#words-a-reviewer-reads); this only arranges and escapes it.

export const ANSWER: Record<Verdict["fineTune"], string> = { yes: "Fine-tune", "not-yet": "Not yet", no: "Don't fine-tune" };
export const ANSWER_ICON: Record<Verdict["fineTune"], string> = {
  yes: ":large_green_circle:",
  "not-yet": ":large_yellow_circle:",
  no: ":red_circle:",
};

/** What a reviewer agrees to by approving. */
export const APPROVING_MEANS: Record<Verdict["fineTune"], string> = {
  yes: "to approve fine-tuning",
  "not-yet": "to agree on the next steps before any fine-tuning",
  no: "to agree not to fine-tune",
};

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WRITTEN_DATE = /\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b/g;

/** Escapes engine text and turns its dates ("6 Jan 2027") into date tokens each reader sees in their own format. */
export function engineText(text: string): string {
  return escapeMrkdwn(text).replace(WRITTEN_DATE, (_all, day: string, month: string, year: string) => {
    const iso = `${year}-${String(MONTH_NAMES.indexOf(month) + 1).padStart(2, "0")}-${day.padStart(2, "0")}`;
    return slackDate(iso);
  });
}

/** The headline without the answer the header already gives ("Not yet: first build..." → "First build..."). */
export function whySentence(verdict: Verdict): string {
  const prefixes = ["Not yet: ", "Don't fine-tune: ", "Fine-tune: "];
  const prefix = prefixes.find((p) => verdict.headline.startsWith(p));
  return prefix ? capitalise(verdict.headline.slice(prefix.length)) : verdict.headline;
}

/** A warning's few words; verdicts stored by engine 1.x have only the message. */
export function warningTitle(w: Warning): string {
  return w.title || w.message;
}

/** The break-even in people's words, or what is missing for one; null when costs never came up. */
export function breakEvenWords(verdict: Verdict): string | null {
  if (verdict.breakEven) return breakEvenText(verdict.breakEven);
  const missing = (verdict.costInputsMissing ?? []).filter((m) => m !== "costs.hostingUsdPerMonth");
  return missing.length > 0 ? `Needs ${listOf(missing.map((m) => COST_INPUT_NAME[m]))}.` : null;
}

/** `800 million`, `1.2 billion`, `45,000`: a volume read at a glance. */
function compactCount(n: number): string {
  if (n >= 1e9) return `${formatNumber(Number((n / 1e9).toPrecision(3)))} billion`;
  if (n >= 1e6) return `${formatNumber(Number((n / 1e6).toPrecision(3)))} million`;
  return formatApprox(n);
}

/** The answers that decided it, in a line: examples, baseline → target, volume, what was tried, what was not known. */
export function basedOn(answers: Answers, unknowns: readonly string[]): string {
  const { evals, data, volume } = answers;
  const parts = [data.labeledExamples === 0 ? "no labelled examples" : `${formatCount(data.labeledExamples)} examples`];
  if (evals.baselineScore !== undefined && evals.targetScore !== undefined) {
    parts.push(`scores ${formatScore(evals.baselineScore)} → ${formatScore(evals.targetScore)} needed`);
  } else if (!evals.hasEvalSet) parts.push("no eval set");
  else if (!evals.hasPromptedBaseline) parts.push("prompt not scored");
  const tokens = volume.tokensPerRequest === undefined ? null : volume.requestsPerMonth * volume.tokensPerRequest;
  parts.push(tokens === null ? `${compactCount(volume.requestsPerMonth)} requests a month` : `${compactCount(tokens)} tokens a month`);
  parts.push(answers.tried.length > 0 ? `tried ${listOf(answers.tried.map((t) => TECHNIQUE_NAME[t]))}` : "nothing tried yet");
  const notKnown = unknowns.filter(isUnknownAnswer).map((u) => UNKNOWN_ANSWERS[u].short);
  if (notKnown.length > 0) parts.push(`didn't know ${listOf(notKnown)}`);
  return parts.join(" · ");
}
