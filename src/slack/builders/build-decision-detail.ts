import { RUNG_LABEL } from "../../engine/words.js";
import type { Decision } from "../../store/decisions.js";
import { answerLines, labelled } from "../answer-lines.js";
import { COMMAND } from "../ids.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { context, type SlackMessage, sections } from "./blocks.js";
import { breakEvenLine, warningLine } from "./build-verdict-message.js";
import { type DecisionSummaryExtras, decisionRow } from "./decision-row.js";

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
  const breakEven = breakEvenLine(v);
  const lineage = lineageLine(d);
  const rejecters = d.supersededBy ? [] : (extras.tallies?.get(d.id)?.rejecters ?? []);
  const lines = [
    decisionRow(d, extras),
    ...(d.permalink ? [`:speech_balloon: <${escapeMrkdwn(d.permalink)}|Open the thread>`] : []),
    ...(lineage ? [lineage] : []),
    ...reasonLines(input.reasons, rejecters),
    "",
    escapeMrkdwn(v.headline),
    ...(input.engineChange
      ? [`:arrows_counterclockwise: Today's engine would decide this differently: ${escapeMrkdwn(input.engineChange)}`]
      : []),
    `*Work on next:* ${RUNG_LABEL[v.approach]}${breakEven ? `  *Break-even:* ${breakEven}` : ""}`,
    ...v.warnings.map(warningLine),
    "",
    "*The answers it rests on*",
    ...answerLines(d.answers).map((a) => `• ${escapeMrkdwn(labelled(a.label, truncate(a.value, 300)))}`),
  ];
  const markdownHint = `\`${COMMAND} show ${d.number} --markdown\` gives it as a decision record to keep with your code.`;
  return {
    text: truncate(`Decision #${d.number}: ${escapeMrkdwn(v.headline)}`, 3900),
    blocks: [...sections(lines).slice(0, 48), context(`engine ${escapeMrkdwn(d.engineVersion)} · ${markdownHint}`)],
  };
}
