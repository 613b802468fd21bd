import { breakEvenText } from "../engine/prerequisites.js";
import type { ReviewTally } from "../engine/review-status.js";
import type { Verdict } from "../engine/verdict.js";
import { capitalise, RUNG_LABEL } from "../engine/words.js";
import { answerLines } from "../slack/answer-lines.js";
import type { Decision } from "../store/decisions.js";

// A decision as an Architecture Decision Record in Markdown: what teams keep next to their code. The layout follows
// Michael Nygard's ADR (title, status, context, decision, consequences), with the links a reader needs to go back.

export interface DecisionRecordInput {
  decision: Decision;
  tally: ReviewTally;
  /** Why reviewers request changes, by reviewer. */
  reasons: ReadonlyMap<string, string>;
  requiredApprovals: number;
  /** How to name a person: `@alice` when Slack told us, else their user id. */
  nameOf?: (userId: string) => string;
}

const ANSWER_WORDS: Record<Verdict["fineTune"], string> = { yes: "Fine-tune", "not-yet": "Not yet", no: "Don't fine-tune" };
const METHOD_WORDS: Record<NonNullable<Verdict["method"]>["technique"], string> = {
  lora: "LoRA",
  qlora: "QLoRA",
  full: "full fine-tuning",
};
const HOSTING_WORDS: Record<NonNullable<Verdict["method"]>["hosting"], string> = {
  "provider-api": "through the provider's fine-tuning service",
  "self-hosted": "on your own infrastructure",
};
const SEVERITY_WORDS = { blocker: "Blocker", warning: "Warning", info: "Note" } as const;

/** The headline without the answer the line already gives ("Don't fine-tune: prompting meets..." → "Prompting meets..."). */
function why(v: Verdict): string {
  const prefix = `${ANSWER_WORDS[v.fineTune]}: `;
  return v.headline.startsWith(prefix) ? capitalise(v.headline.slice(prefix.length)) : v.headline;
}

/** User text on one line, safe in a Markdown table cell or list item. */
const inline = (text: string) => text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");

function status(input: DecisionRecordInput, name: (id: string) => string): string {
  const { decision: d, tally } = input;
  const who = (ids: readonly string[]) => ids.map(name).join(", ");
  if (d.supersededBy) return `Superseded by #${d.supersededBy.number}`;
  if (d.status === "approved") return `Accepted (approved by ${who(tally.approvers)})`;
  if (d.status === "changes-requested") return `Proposed: changes requested by ${who(tally.rejecters)}`;
  return `Proposed: in review, ${tally.approvers.length} of ${input.requiredApprovals} approvals`;
}

function links(d: Decision): string[] {
  return [
    ...(d.permalink ? [`[Slack thread](${d.permalink})`] : []),
    ...(d.revises ? [`Revises #${d.revises.number}`] : []),
    ...(d.supersededBy ? [`Superseded by #${d.supersededBy.number}`] : []),
  ];
}

/** The decision as an ADR in Markdown. */
export function decisionRecord(input: DecisionRecordInput): string {
  const { decision: d } = input;
  const name = input.nameOf ?? ((id: string) => id);
  const v = d.verdict;
  const linked = links(d);
  const reasons = input.tally.rejecters.flatMap((id) => {
    const reason = input.reasons.get(id);
    return reason ? [`- ${name(id)} asks for changes: ${inline(reason)}`] : [];
  });
  const steps = v.steps?.length ? v.steps : v.nextSteps.map((text) => ({ text, done: false }));
  const lines = [
    `# ${d.number}. ${inline(d.title)}`,
    "",
    `- Status: ${status(input, name)}`,
    `- Date: ${d.createdAt.slice(0, 10)}${d.answers.asOf && d.answers.asOf !== d.createdAt.slice(0, 10) ? ` (as of ${d.answers.asOf})` : ""}`,
    `- Requested by: ${name(d.requesterId)}`,
    ...(input.tally.approvers.length > 0 ? [`- Approved by: ${input.tally.approvers.map(name).join(", ")}`] : []),
    ...(linked.length > 0 ? [`- Links: ${linked.join(" · ")}`] : []),
    `- Engine: should-we-finetune ${d.engineVersion}`,
    "",
    "## Context",
    "",
    `Should we fine-tune for "${inline(d.title)}", or stay with prompting, examples, retrieval or tools? The answers the team gave:`,
    "",
    "| Question | Answer |",
    "| --- | --- |",
    ...answerLines(d).map((a) => `| ${inline(a.label)} | ${inline(a.value)} |`),
    "",
    "## Decision",
    "",
    `**Verdict: ${ANSWER_WORDS[v.fineTune]}.** ${inline(why(v))}`,
    "",
    `- Work on next: ${RUNG_LABEL[v.approach]}`,
    ...(v.method ? [`- Method: ${METHOD_WORDS[v.method.technique]}, ${HOSTING_WORDS[v.method.hosting]}`] : []),
    ...v.reasons.map((r) => `- ${inline(r.text)}`),
    ...(reasons.length > 0 ? ["", "Review:", "", ...reasons] : []),
    "",
    "## Consequences",
    "",
    ...(v.warnings.length > 0
      ? v.warnings.map((w) => `- ${SEVERITY_WORDS[w.severity]}: **${inline(w.title || w.code)}.** ${inline(w.message)}`)
      : ["- No warnings."]),
    ...(v.breakEven ? ["", `Break-even: ${breakEvenText(v.breakEven)}`] : []),
    ...(steps.length > 0 ? ["", "Next steps:", "", ...steps.map((s) => `- [${s.done ? "x" : " "}] ${inline(s.text)}`)] : []),
    "",
  ];
  return lines.join("\n");
}
