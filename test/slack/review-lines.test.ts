import { describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { answerChanges } from "../../src/slack/answer-lines.js";
import {
  changedAnswerLines,
  type ReviewLinesInput,
  reviewButtons,
  reviewLines,
  verdictChangeLine,
} from "../../src/slack/builders/build-review-lines.js";
import { buildVerdictMessage } from "../../src/slack/builders/build-verdict-message.js";
import { ACTION } from "../../src/slack/ids.js";
import { readDecisionId } from "../../src/slack/readers/read-action-place.js";
import { validateMessageBlocks } from "../emulator/block-kit-limits.js";
import { validAnswers } from "../support/answers.js";

const HOSTILE = "<!channel> & <https://evil.example|x>";

function input(over: Partial<ReviewLinesInput> = {}): ReviewLinesInput {
  return {
    decisionId: 41,
    number: 12,
    requesterId: "UREQ",
    fineTune: "yes",
    status: "in-review",
    approvers: [],
    rejecters: [],
    requiredApprovals: 2,
    approvalReaction: "white_check_mark",
    rejectReaction: "x",
    ...over,
  };
}

const actionIds = (i: ReviewLinesInput) => reviewButtons(i).map((e) => e.action_id);

describe("the review part of the verdict message", () => {
  it.each([
    ["yes", "React :white_check_mark: to approve fine-tuning, :x: to ask for changes."],
    ["not-yet", "React :white_check_mark: to agree on the next steps before any fine-tuning, :x: to ask for changes."],
    ["no", "React :white_check_mark: to agree not to fine-tune, :x: to ask for changes."],
  ] as const)("says in one line what approving a %s means, and names the reviewers", (fineTune, meaning) => {
    const lines = reviewLines(input({ fineTune, reviewers: "<@UA> <!subteam^S1>", approvers: ["UB"] }));
    expect(lines).toEqual([`${meaning} 2 approvals needed (1 so far: <@UB>). Reviewers: <@UA> <!subteam^S1> · #12 asked by <@UREQ>`]);
  });

  it("offers Approve and Request changes while in review, Revise answers once changes are requested, nothing after", () => {
    expect(actionIds(input())).toEqual([ACTION.approveDecision, ACTION.requestChanges]);
    expect(actionIds(input({ status: "changes-requested", rejecters: ["UB"] }))).toEqual([ACTION.reviseAnswers]);
    expect(actionIds(input({ status: "approved" }))).toEqual([]);
    expect(actionIds(input({ supersededBy: { id: 50, number: 9 } }))).toEqual([]);
    // The buttons carry the decision's id, and read back as it.
    for (const e of reviewButtons(input())) expect(readDecisionId(e.value)).toBe(41);
  });

  it("shows who requested changes and why, escaped", () => {
    const lines = reviewLines(input({ status: "changes-requested", rejecters: ["UB", "UC"], reasons: new Map([["UB", HOSTILE]]) }));
    expect(lines).toEqual([
      `:x: *Changes requested* by <@UB>: &lt;!channel&gt; &amp; &lt;https://evil.example|x&gt;; <@UC> · #12 asked by <@UREQ>`,
    ]);
  });

  it("says a superseded review is over and where it went", () => {
    expect(reviewLines(input({ status: "approved", approvers: ["UA"], supersededBy: { id: 50, number: 9 } }))).toEqual([
      ":arrow_right: *Superseded by #9*, in this thread: the review of #12 is over; #9 is reviewed instead.",
    ]);
  });
});

describe("a revision's opening", () => {
  const before = validAnswers();
  const after = validAnswers({
    evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 91, targetScore: 90 },
    tried: ["prompt-engineering", "few-shot"],
  });
  const revision = {
    parent: { id: 3, number: 2 },
    before: decide(before).fineTune,
    after: decide(after).fineTune,
    headline: decide(after).headline,
    changes: answerChanges({ answers: before }, { answers: after }),
  };

  it("opens with what changed in the verdict, and why", () => {
    expect(verdictChangeLine(revision)).toBe(
      "*Verdict changed:* :large_green_circle: Fine-tune → :red_circle: Don't fine-tune: prompting already meets the target (91 against 90).",
    );
    expect(verdictChangeLine({ ...revision, before: "no" })).toMatch(/^\*Verdict unchanged:\* :red_circle: Don't fine-tune: /);
  });

  it("then says what you changed, in the form's own labels", () => {
    expect(changedAnswerLines(revision)).toEqual([
      "*What you changed from #2:*",
      "• What have you tried already? Prompt engineering, Structured output, Examples in the prompt → Prompt engineering, Examples in the prompt",
      "• Prompted system's score (0-100): 80 → 91",
    ]);
    expect(changedAnswerLines({ ...revision, changes: [] })).toEqual(["*What you changed from #2:* nothing in the answers."]);
  });

  it("counts an answer the team now knows, or no longer knows, as a change", () => {
    const known = validAnswers({ data: { labeledExamples: 2000, quality: "curated", versioned: true } });
    const unsure = validAnswers({ data: { labeledExamples: 2000, quality: "noisy", versioned: true } });
    expect(answerChanges({ answers: unsure, unknownAnswers: ["data.quality"] }, { answers: known })).toEqual([
      { label: "How clean the examples are", before: "Don't know", after: "Clean: checked and consistent" },
    ]);
    expect(
      answerChanges({ answers: unsure, unknownAnswers: ["data.quality"] }, { answers: unsure, unknownAnswers: ["data.quality"] }),
    ).toEqual([]);
  });

  it("puts both at the top of the verdict message and in its notification text, within Slack's limits", () => {
    const message = buildVerdictMessage({
      decisionId: 4,
      number: 3,
      title: "Triage",
      requesterId: "UREQ",
      verdict: decide(after),
      answers: after,
      status: "in-review",
      approvers: [],
      rejecters: [],
      requiredApprovals: 2,
      approvalReaction: "white_check_mark",
      rejectReaction: "x",
      revision,
    });
    expect(message.text).toMatch(/^Verdict changed: Fine-tune → Don't fine-tune: Triage\./);
    const second = message.blocks[1] as { text: { text: string } };
    expect(second.text.text).toContain("*Verdict changed:*");
    expect(JSON.stringify(message.blocks)).toContain("#3 asked by <@UREQ>");
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
  });
});
