import { describe, expect, it } from "vitest";
import { type DecisionRecordInput, decisionRecord } from "../../src/export/decision-record.js";
import { buildDecisionRecordMessage, buildDecisionRecordView } from "../../src/slack/builders/build-decision-record.js";
import type { Decision } from "../../src/store/decisions.js";
import { validateMessageBlocks, validateView } from "../emulator/block-kit-limits.js";
import { validAnswers } from "../support/answers.js";
import { makeDecision } from "../support/decision.js";

function input(over: Partial<Decision> = {}, rest: Partial<DecisionRecordInput> = {}): DecisionRecordInput {
  const answers = validAnswers({
    title: "Ticket | triage\nclassifier",
    costs: { trainingUsd: 1200, currentUsdPerMTok: 5, fineTunedUsdPerMTok: 1 },
  });
  return {
    decision: makeDecision({ status: "approved", parentId: 30, revises: { id: 30, number: 9 }, ...over }, answers),
    tally: { approvers: ["UA", "UB"], rejecters: [] },
    reasons: new Map(),
    requiredApprovals: 2,
    nameOf: (id) => ({ UREQ: "@priya", UA: "@alice", UB: "@bob" })[id] ?? id,
    ...rest,
  };
}

const section = (markdown: string, heading: string) => markdown.split(`## ${heading}\n`)[1]?.split("\n## ")[0] ?? "";

describe("a decision as an Architecture Decision Record", () => {
  it("has the ADR's parts: title, status, context (answers), decision (verdict), consequences (warnings, next steps)", () => {
    const md = decisionRecord(input());
    expect(md.split("\n")[0]).toBe("# 12. Ticket \\| triage classifier");
    expect(md).toContain("- Status: Accepted (approved by @alice, @bob)");
    expect(md).toContain("- Date: 2026-11-24");
    expect(md).toContain("- Requested by: @priya");
    expect(md).toContain("- Links: [Slack thread](https://acme.slack.com/archives/CML/p1) · Revises #9");
    expect(section(md, "Context")).toContain("| Prompted system's score (0-100) | 80 |");
    expect(section(md, "Context")).toContain(
      "| What have you tried already? | Prompt engineering, Structured output, Examples in the prompt |",
    );
    expect(section(md, "Decision")).toMatch(/^\n\*\*Verdict: Fine-tune\.\*\* Fine-tune, but/);
    expect(section(md, "Consequences")).toContain("Break-even: Saving");
    expect(section(md, "Consequences")).toMatch(/- \[x\] /);
    expect(section(md, "Consequences")).toMatch(/- (Blocker|Warning|Note): \*\*/);
  });

  it.each([
    [{ status: "in-review" as const }, {}, "- Status: Proposed: in review, 2 of 2 approvals"],
    [
      { status: "changes-requested" as const },
      { tally: { approvers: [], rejecters: ["UB"] }, reasons: new Map([["UB", "Re-score | first"]]) },
      "- Status: Proposed: changes requested by @bob",
    ],
    [{ supersededBy: { id: 70, number: 20 } }, {}, "- Status: Superseded by #20"],
  ])("says the status: %j", (over, rest, line) => {
    const md = decisionRecord(input(over, rest));
    expect(md).toContain(line);
  });

  it("keeps the reviewers' reasons", () => {
    const md = decisionRecord(
      input(
        { status: "changes-requested" },
        { tally: { approvers: [], rejecters: ["UB"] }, reasons: new Map([["UB", "Re-score\nfirst"]]) },
      ),
    );
    expect(md).toContain("- @bob asks for changes: Re-score first");
  });

  it("names people by id when no names are known (the command line)", () => {
    expect(decisionRecord(input({}, { nameOf: undefined }))).toContain("- Requested by: UREQ");
  });
});

describe("the decision record in Slack", () => {
  it("is Markdown source in code blocks, escaped, with a fence typed by a user unable to end a block", () => {
    const md = decisionRecord(input({ title: "<!channel> ```break out```" }));
    const message = buildDecisionRecordMessage(12, md);
    const texts = message.blocks.map((b) => (b as { text: { text: string } }).text.text);
    expect(texts[0]).toContain("Decision #12 as a decision record");
    for (const t of texts.slice(1)) {
      expect(t.startsWith("```") && t.endsWith("```")).toBe(true);
      expect(t.slice(3, -3)).not.toContain("```");
    }
    expect(texts.join("\n")).not.toContain("<!channel>");
    expect(texts.join("\n")).toContain("&lt;!channel&gt;");
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
  });

  it("splits a long record into several blocks without losing a line", () => {
    const long = Array.from({ length: 400 }, (_, i) => `- line ${i} ${"x".repeat(40)}`).join("\n");
    const message = buildDecisionRecordMessage(3, long);
    const body = message.blocks
      .slice(1)
      .map((b) => (b as { text: { text: string } }).text.text.slice(3, -3))
      .join("\n");
    expect(body).toBe(long);
    expect(message.blocks.length).toBeGreaterThan(2);
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
  });

  it("fits a modal pushed over the answers: a valid view that keeps every line of a long record", () => {
    const long = Array.from({ length: 400 }, (_, i) => `- line ${i} <@U999> ${"x".repeat(40)}`).join("\n");
    const view = buildDecisionRecordView(31, long);
    expect(validateView(view, "modal")).toEqual([]);
    expect(view.title.text).toBe("Record of #31");
    const texts = view.blocks.map((b) => (b as { text: { text: string } }).text.text);
    expect(texts[0]).toContain("docs/decisions/0031-fine-tuning.md");
    expect(
      texts
        .slice(1)
        .map((t) => t.slice(3, -3))
        .join("\n"),
    ).toBe(long.replaceAll("<@U999>", "&lt;@U999&gt;"));
  });
});
