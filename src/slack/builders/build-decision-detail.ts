import { RUNG_LABEL } from "../../engine/words.js";
import type { Decision } from "../../store/decisions.js";
import { answerLines, labelled } from "../answer-lines.js";
import { COMMAND } from "../ids.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { context, type SlackMessage, sections } from "./blocks.js";
import { type DecisionSummaryExtras, decisionRow } from "./decision-row.js";
import { ANSWER, breakEvenWords, engineText, warningTitle, whySentence } from "./verdict-words.js";

export interface DecisionDetailInput {
  decision: Decision;
  extras?: DecisionSummaryExtras;
  /** Why reviewers request changes, by reviewer. */
  reasons?: ReadonlyMap<string, string>;
  /** What today's engine would decide differently, when it would. */
  engineChange?: string | null | undefined;
}

/** Revises #11 · Superseded by #14: how a decision connects to the others. */
export function lineageLine(d: Pick<Decision, "revises" | "supersededBy">): string | null {
  const parts = [
    ...(d.revises ? [`Revises #${d.revises.number}`] : []),
    ...(d.supersededBy ? [`:arrow_right: Superseded by #${d.supersededBy.number}: \`${COMMAND} show ${d.supersededBy.number}\``] : []),
  ];
  return parts.length > 0 ? parts.join(" · ") : null;
}

export function reasonLines(reasons: ReadonlyMap<string, string> | undefined, rejecters: readonly string[]): string[] {
  return rejecters.flatMap((id) => {
    const reason = reasons?.get(id);
    return reason ? [`:x: ${mentionUser(id)} asks for changes: ${escapeMrkdwn(truncate(reason, 1000))}`] : [];
  });
}

/** One decision: where it stands, a link to its thread, its lineage, the verdict and the answers it rests on. */
export function buildDecisionDetail(input: DecisionDetailInput): SlackMessage {
  const { decision: d, extras = {} } = input;
  const v = d.verdict;
  const breakEven = breakEvenWords(v);
  const blockers = v.warnings.filter((w) => w.severity === "blocker");
  const others = v.warnings.filter((w) => w.severity !== "blocker");
  const lineage = lineageLine(d);
  const rejecters = d.supersededBy ? [] : (extras.tallies?.get(d.id)?.rejecters ?? []);
  const lines = [
    decisionRow(d, extras),
    ...(d.permalink ? [`:speech_balloon: <${escapeMrkdwn(d.permalink)}|Open the thread>`] : []),
    ...(lineage ? [lineage] : []),
    ...reasonLines(input.reasons, rejecters),
    "",
    engineText(whySentence(v)),
    ...(input.engineChange
      ? [`:arrows_counterclockwise: Today's engine would decide this differently: ${escapeMrkdwn(input.engineChange)}`]
      : []),
    ...(blockers.length > 0 ? [`*Blocking:* ${blockers.map((w) => engineText(warningTitle(w))).join(" · ")}`] : []),
    `*Work on next:* ${RUNG_LABEL[v.approach]}`,
    ...(breakEven ? [`*Break-even:* ${engineText(breakEven)}`] : []),
    ...(others.length > 0 ? [`*Also know:* ${others.map((w) => engineText(warningTitle(w))).join(" · ")}`] : []),
    "",
    "*The answers it rests on*",
    ...answerLines(d).map((a) => `• ${escapeMrkdwn(labelled(a.label, truncate(a.value, 300)))}`),
  ];
  const markdownHint = `\`${COMMAND} show ${d.number} --markdown\` gives it as a decision record to keep with your code.`;
  return {
    text: truncate(`Decision #${d.number}: ${ANSWER[v.fineTune]}. ${escapeMrkdwn(whySentence(v))}`, 3900),
    blocks: [...sections(lines).slice(0, 48), context(`engine ${escapeMrkdwn(d.engineVersion)} · ${markdownHint}`)],
  };
}
