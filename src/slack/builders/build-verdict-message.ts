import type { Button, KnownBlock } from "@slack/types";
import type { Answers } from "../../engine/answers.js";
import { decisionModels, rolesOf } from "../../engine/model-roles.js";
import type { Verdict } from "../../engine/verdict.js";
import type { ModelsAlreadyOut } from "../../store/job-payloads.js";
import type { DecisionStatus } from "../../store/schema.js";
import { ACTION, BLOCK } from "../ids.js";
import { LIMIT } from "../limits.js";
import { escapeMrkdwn, truncate } from "../mrkdwn.js";
import { context, header, type SlackMessage, section, sections } from "./blocks.js";
import {
  changedAnswerLines,
  type ReviewLinesInput,
  type RevisionInput,
  reviewButtons,
  reviewLines,
  verdictChangeLine,
} from "./build-review-lines.js";
import { alreadyOutAdvice, roleLabel } from "./model-words.js";
import { ANSWER, ANSWER_ICON, APPROVING_MEANS, basedOn, breakEvenWords, engineText, warningTitle, whySentence } from "./verdict-words.js";

export interface VerdictMessageInput {
  /** The database id (what the buttons carry). */
  decisionId: number;
  /** What people call it in its workspace (decision 12 is "#12"). */
  number: number;
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
  supersededBy?: ReviewLinesInput["supersededBy"];
  reasons?: ReviewLinesInput["reasons"];
  reviewers?: ReviewLinesInput["reviewers"];
  /** The decision this one revises (or re-evaluates), and what changed against it. */
  revision?: RevisionInput | null;
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

const viewAnswers = (decisionId: number): Button => ({
  type: "button",
  action_id: ACTION.viewAnswers,
  text: { type: "plain_text", text: "View answers" },
  value: String(decisionId),
});

/** The notification: the answer (or how a revision changed it), the title and why, and who is asked to review. */
function notificationText(input: VerdictMessageInput): string {
  const { verdict, revision } = input;
  const opening = revision
    ? revision.before === revision.after
      ? `Verdict unchanged: ${ANSWER[verdict.fineTune]}`
      : `Verdict changed: ${ANSWER[revision.before]} → ${ANSWER[revision.after]}`
    : ANSWER[verdict.fineTune];
  const ask = input.status === "in-review" && !input.supersededBy && input.reviewers ? ` Review asked of ${input.reviewers}.` : "";
  return truncate(`${opening}: ${escapeMrkdwn(input.title)}. ${escapeMrkdwn(whySentence(verdict))}${ask}`, LIMIT.messageText);
}

/**
 * The verdict as posted in the channel, read at a glance on a phone: the answer and the title (a superseded one says
 * so first), why in one sentence (a revision: how the verdict changed), what blocks it, the break-even, newer models
 * already out, what the revision changed, what it is based on, its buttons, and where the review stands. The rest is
 * in the thread. Rebuilt whenever its review changes.
 */
export function buildVerdictMessage(input: VerdictMessageInput): SlackMessage {
  const { verdict, revision } = input;
  const review = { ...input, fineTune: verdict.fineTune, approvingMeans: approvingMeans(input) };
  const blockers = verdict.warnings.filter((w) => w.severity === "blocker");
  const others = verdict.warnings.length - blockers.length;
  // A revision opens with what changed, which carries the reason the engine gives.
  const lines = [revision ? verdictChangeLine(revision) : engineText(whySentence(verdict))];
  if (blockers.length > 0) lines.push(`*Blocking:* ${blockers.map((w) => engineText(warningTitle(w))).join(" · ")}`);
  const breakEven = breakEvenWords(verdict);
  if (breakEven) lines.push(`*Break-even:* ${engineText(breakEven)}`);
  lines.push(...alreadyOutLines(input));
  if (others > 0) lines.push(`_${others} more thing${others === 1 ? "" : "s"} to know, in the thread._`);
  const blocks: KnownBlock[] = [
    header(`${ANSWER_ICON[verdict.fineTune]} ${ANSWER[verdict.fineTune]}: ${input.title}`),
    // Someone reading an old verdict learns first that it was replaced.
    ...(input.supersededBy ? [section(reviewLines(review).join("\n"), BLOCK.verdictApproval)] : []),
    section(lines.join("\n")),
  ];
  if (revision) blocks.push(...sections(changedAnswerLines(revision)));
  blocks.push(context(`*Based on* ${escapeMrkdwn(basedOn(input.answers, input.unknownAnswers ?? []))}`));
  blocks.push({ type: "actions", block_id: BLOCK.verdictActions, elements: [viewAnswers(input.decisionId), ...reviewButtons(review)] });
  // The review is what the channel is asked to do: plain text, not grey context.
  if (!input.supersededBy) blocks.push(section(reviewLines(review).join("\n"), BLOCK.verdictApproval));
  return { text: notificationText(input), blocks };
}
