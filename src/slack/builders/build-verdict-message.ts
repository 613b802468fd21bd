import type { KnownBlock } from "@slack/types";
import { formatUsd } from "../../engine/break-even.js";
import { rolesOf } from "../../engine/model-roles.js";
import type { Verdict, Warning } from "../../engine/verdict.js";
import type { ModelsAlreadyOut } from "../../store/job-payloads.js";
import type { DecisionStatus } from "../../store/schema.js";
import { BLOCK } from "../ids.js";
import { escapeMrkdwn, mentionUser, truncate } from "../mrkdwn.js";
import { context, header, type SlackMessage, section, sections } from "./blocks.js";
import {
  changedAnswerLines,
  type ReviewLinesInput,
  type RevisionInput,
  reviewActions,
  reviewLines,
  verdictChangeLine,
} from "./build-review-lines.js";
import { ANSWER } from "./decision-words.js";
import { alreadyOutAdvice, roleLabel } from "./model-words.js";

export interface VerdictMessageInput {
  /** The database id (what the review buttons carry). */
  decisionId: number;
  /** What people call it in its workspace (decision 12 is "#12"). */
  number: number;
  title: string;
  baseModel: string;
  requesterId: string;
  verdict: Verdict;
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
  /** The model a fine-tune would start from, when not the base model. */
  candidateModel?: string | undefined;
  /** Newer versions of its models already out the day it was made. */
  alreadyOut?: ModelsAlreadyOut;
}

export const FINE_TUNE_LABEL: Record<Verdict["fineTune"], string> = {
  yes: ":large_green_circle: yes",
  "not-yet": ":large_yellow_circle: not yet",
  no: ":red_circle: no",
};

const SEVERITY_ICON: Record<Warning["severity"], string> = {
  blocker: ":no_entry:",
  warning: ":warning:",
  info: ":information_source:",
};

export function warningLine(w: Warning): string {
  return `${SEVERITY_ICON[w.severity]} *${w.code}* (${w.severity}): ${escapeMrkdwn(w.message)}`;
}

export function breakEvenLine(verdict: Verdict): string | null {
  const b = verdict.breakEven;
  if (!b) return null;
  const when = b.months === null ? "never pays back" : `${b.months} months`;
  return `${when} (${formatUsd(b.trainingUsd)} training, ${formatUsd(b.monthlySavingsUsd)}/month saved)`;
}

const LISTED_ALREADY_OUT = 3;

/** "`x`, a newer version of the production model, is already out: consider scoring the prompted baseline on it first." */
export function alreadyOutLines(input: Pick<VerdictMessageInput, "baseModel" | "candidateModel" | "verdict" | "alreadyOut">): string[] {
  const lines: string[] = [];
  for (const { model, versions } of input.alreadyOut ?? []) {
    const roles = rolesOf(model, input.baseModel, input.candidateModel);
    const advice = alreadyOutAdvice(roles, input.verdict.fineTune, versions.length > 1);
    if (!advice || roles.length === 0) continue;
    const newest = versions.slice(-LISTED_ALREADY_OUT).reverse();
    const names = newest.map((v) => `\`${escapeMrkdwn(truncate(v.id, 200))}\``).join(", ");
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

/** The verdict as posted in the channel; rebuilt with the new status when reviews change it. */
export function buildVerdictMessage(input: VerdictMessageInput): SlackMessage {
  const { verdict } = input;
  const fields = [
    `*Fine-tune:*\n${FINE_TUNE_LABEL[verdict.fineTune]}`,
    `*Work on next:*\n${verdict.approach}`,
    `*Requested by:*\n${mentionUser(input.requesterId)}`,
    `*Decision:*\n#${input.number}${input.revision ? ` (revises #${input.revision.parent.number})` : ""}`,
    `*Base model:*\n\`${escapeMrkdwn(truncate(input.baseModel, 200))}\``,
  ];
  if (input.candidateModel && input.candidateModel !== input.baseModel) {
    fields.push(`*Model to fine-tune:*\n\`${escapeMrkdwn(truncate(input.candidateModel, 200))}\``);
  }
  const breakEven = breakEvenLine(verdict);
  if (breakEven) fields.push(`*Break-even:*\n${breakEven}`);
  const revision = input.revision;
  const review = { ...input, fineTune: verdict.fineTune };
  const blocks: KnownBlock[] = [
    header(`Should we fine-tune? ${input.title}`),
    // Someone reading an old verdict learns first that it was replaced.
    ...(input.supersededBy ? [section(reviewLines(review).join("\n"), BLOCK.verdictApproval)] : []),
    // A revision opens with what changed, which carries the headline's reason.
    section(revision ? verdictChangeLine(revision) : escapeMrkdwn(verdict.headline)),
    { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text })) },
  ];
  const newer = alreadyOutLines(input);
  if (newer.length > 0) blocks.push(...sections(newer));
  if (revision) blocks.push(...sections(changedAnswerLines(revision)));
  if (verdict.warnings.length > 0) blocks.push(...sections(["*Warnings*", ...verdict.warnings.map(warningLine)]));
  // The review is what the channel is asked to do: plain text, not grey context.
  if (!input.supersededBy) blocks.push(section(reviewLines(review).join("\n"), BLOCK.verdictApproval));
  const actions = reviewActions(review);
  if (actions) blocks.push(actions);
  blocks.push(context("Reasons and next steps are in the thread."));
  const opening = revision
    ? `Verdict ${revision.before === revision.after ? "unchanged" : `changed: ${ANSWER[revision.before]} → ${ANSWER[revision.after]}`} (decision #${input.number}, revises #${revision.parent.number})`
    : `Decision #${input.number}`;
  const ask = input.status === "in-review" && !input.supersededBy && input.reviewers ? ` Review asked of ${input.reviewers}.` : "";
  const text = truncate(`${opening}: ${escapeMrkdwn(input.title)}. ${escapeMrkdwn(verdict.headline)}${ask}`, 3900);
  return { text, blocks };
}
