import type { KnownBlock } from "@slack/types";
import type { Answers } from "../../engine/answers.js";
import { decisionModels, rolesOf } from "../../engine/model-roles.js";
import type { Verdict } from "../../engine/verdict.js";
import type { ModelsAlreadyOut } from "../../store/job-payloads.js";
import type { DecisionStatus } from "../../store/schema.js";
import { ACTION, BLOCK } from "../ids.js";
import { LIMIT } from "../limits.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { context, header, type SlackMessage, section } from "./blocks.js";
import { alreadyOutAdvice, roleLabel } from "./model-words.js";
import { ANSWER, ANSWER_ICON, APPROVING_MEANS, basedOn, breakEvenWords, engineText, warningTitle, whySentence } from "./verdict-words.js";

export interface VerdictMessageInput {
  decisionId: number;
  title: string;
  requesterId: string;
  verdict: Verdict;
  /** The answers it was decided on, for the "Based on" line. */
  answers: Answers;
  /** Answers paths the team did not know. */
  unknownAnswers?: readonly string[];
  status: DecisionStatus;
  approvers: readonly string[];
  rejecters: readonly string[];
  requiredApprovals: number;
  approvalReaction: string;
  rejectReaction: string;
  /** The decision this one re-evaluates, and what changed against it. */
  parentId?: number | null;
  changes?: readonly string[];
  /** Newer versions of its models already out the day it was made. */
  alreadyOut?: ModelsAlreadyOut;
}

const modelName = (id: string) => `\`${escapeMrkdwn(truncate(id, 200))}\``;

/** What approving agrees to; a verdict to fine-tune names the model it would fine-tune. */
function approvingMeans(input: VerdictMessageInput): string {
  const means = APPROVING_MEANS[input.verdict.fineTune];
  if (input.verdict.fineTune !== "yes") return means;
  const tuned = decisionModels(input.answers.baseModel, input.answers.candidateModel).find((m) => m.roles.includes("fine-tune"));
  return tuned ? `${means} ${modelName(tuned.id)}` : means;
}

function statusLine(input: VerdictMessageInput): string {
  const names = (ids: readonly string[]) => ids.map(mentionUser).join(", ");
  const who = `#${input.decisionId} asked by ${mentionUser(input.requesterId)}`;
  if (input.status === "approved") return `:white_check_mark: *Approved* by ${names(input.approvers)} · ${who}`;
  if (input.status === "changes-requested") return `:x: *Changes requested* by ${names(input.rejecters)} · ${who}`;
  const n = input.requiredApprovals;
  const so = input.approvers.length > 0 ? ` (${input.approvers.length} so far: ${names(input.approvers)})` : "";
  return `React :${input.approvalReaction}: ${approvingMeans(input)}, :${input.rejectReaction}: to ask for changes. ${n} approval${n === 1 ? "" : "s"} needed${so} · ${who}`;
}

const LISTED_ALREADY_OUT = 3;

/** "`x`, a newer version of the production model, is already out: consider scoring the prompted baseline on it first." */
export function alreadyOutLines(input: Pick<VerdictMessageInput, "answers" | "verdict" | "alreadyOut">): string[] {
  const lines: string[] = [];
  for (const { model, versions } of input.alreadyOut ?? []) {
    const roles = rolesOf(model, input.answers.baseModel, input.answers.candidateModel);
    const advice = alreadyOutAdvice(roles, input.verdict.fineTune, versions.length > 1);
    if (!advice || roles.length === 0) continue;
    const newest = versions.slice(-LISTED_ALREADY_OUT).reverse();
    const names = newest.map((v) => modelName(v.id)).join(", ");
    const more = versions.length > newest.length ? ` and ${versions.length - newest.length} older` : "";
    const label = roleLabel(roles, input.verdict.fineTune);
    lines.push(
      versions.length === 1
        ? `:new: ${names}, a newer version of ${label}, is already out: ${advice}.`
        : `:new: Newer versions of ${label} are already out (${names}${more}): ${advice}.`,
    );
  }
  return lines;
}

/**
 * The verdict as posted in the channel, read at a glance on a phone: the answer and the title, why in one sentence,
 * what blocks it, the break-even, newer models already out, what it is based on, and how to approve. The rest is in
 * the thread.
 */
export function buildVerdictMessage(input: VerdictMessageInput): SlackMessage {
  const { verdict } = input;
  const answer = ANSWER[verdict.fineTune];
  const blockers = verdict.warnings.filter((w) => w.severity === "blocker");
  const others = verdict.warnings.length - blockers.length;
  const lines = [engineText(whySentence(verdict))];
  if (blockers.length > 0) lines.push(`*Blocking:* ${blockers.map((w) => engineText(warningTitle(w))).join(" · ")}`);
  const breakEven = breakEvenWords(verdict);
  if (breakEven) lines.push(`*Break-even:* ${engineText(breakEven)}`);
  lines.push(...alreadyOutLines(input));
  if (others > 0) lines.push(`_${others} more thing${others === 1 ? "" : "s"} to know, in the thread._`);
  const blocks: KnownBlock[] = [header(`${ANSWER_ICON[verdict.fineTune]} ${answer}: ${input.title}`), section(lines.join("\n"))];
  if (input.parentId && input.changes?.length) {
    blocks.push(context(`Compared with #${input.parentId}: ${input.changes.map(escapeMrkdwn).join("; ")}`));
  }
  blocks.push(context(`*Based on* ${escapeMrkdwn(basedOn(input.answers, input.unknownAnswers ?? []))}`));
  blocks.push({
    type: "actions",
    block_id: BLOCK.verdictActions,
    elements: [
      {
        type: "button",
        action_id: ACTION.viewAnswers,
        text: { type: "plain_text", text: "View answers" },
        value: String(input.decisionId),
      },
    ],
  });
  blocks.push(context(statusLine(input), BLOCK.verdictApproval));
  const text = truncate(`${answer}: ${escapeMrkdwn(input.title)}. ${escapeMrkdwn(whySentence(verdict))}`, LIMIT.messageText);
  return { text, blocks };
}
