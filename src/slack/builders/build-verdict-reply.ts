import type { Answers } from "../../engine/answers.js";
import type { Verdict } from "../../engine/verdict.js";
import { LIMIT } from "../limits.js";
import { slackDate, truncate } from "../mrkdwn.js";
import { unknownCosts } from "../questionnaire/unknowns.js";
import { context, type SlackMessage, sections } from "./blocks.js";
import { engineText, warningTitle } from "./verdict-words.js";

export interface VerdictReplyInput {
  /** What people call the decision in its workspace. */
  number: number;
  verdict: Verdict;
  answers: Answers;
  unknownAnswers?: readonly string[];
}

const bullet = (text: string) => `• ${text}`;
/** A text's sentences: each ends with a full stop before a space and a capital. */
const sentences = (text: string) => text.split(/(?<=\.) (?=[A-Z])/);
const DONE = ":white_check_mark:";
/** A plain ballot box: a text character every client draws. */
const OPEN = "☐";

/**
 * The first reply in the verdict's thread: why (the blockers' reasons among them), the warnings the verdict message
 * only counted, what each "Don't know" cost, and the next steps as a checklist with the done ones ticked.
 */
export function buildVerdictReply(input: VerdictReplyInput): SlackMessage {
  const { verdict } = input;
  const others = verdict.warnings.filter((w) => w.severity !== "blocker");
  const said = new Set(verdict.reasons.flatMap((r) => sentences(r.text)));
  // A warning's sentences the reasons already gave are not said twice.
  const full = (w: Verdict["warnings"][number]) => {
    const rest = w.title ? sentences(w.message).filter((x) => !said.has(x)) : [];
    return bullet(`*${engineText(warningTitle(w).replace(/\.$/, ""))}.* ${engineText(rest.join(" "))}`.trim());
  };
  const lines = ["*Why*", ...verdict.reasons.map((r) => bullet(engineText(r.text)))];
  if (others.length > 0) lines.push("", "*Also worth knowing*", ...others.map(full));
  const costs = unknownCosts(input.answers, input.unknownAnswers ?? [], verdict);
  if (costs.length > 0) lines.push("", "*What each “Don't know” cost*", ...costs.map((c) => bullet(`${c.assumed} ${c.effect}`)));
  // Engine 1.x verdicts have only the open steps.
  const steps = verdict.steps ?? verdict.nextSteps.map((text) => ({ text, done: false }));
  lines.push("", "*Next steps*", ...steps.map((s) => `${s.done ? DONE : OPEN} ${engineText(s.text)}`));
  const asOf = input.answers.asOf ? `Decided as of ${slackDate(input.answers.asOf)}. ` : "";
  const blocks = [...sections(lines), context(`${asOf}Reply here to discuss it.`)];
  return { text: truncate(`Why and what next for decision #${input.number}.`, LIMIT.messageText), blocks: blocks.slice(0, 50) };
}
