import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import type { Verdict } from "../../src/engine/verdict.js";
import { makeAnswers } from "./answers-factory.js";
import { parsedAnswers, RUNS } from "./arbitrary-answers.js";
import { problemsIn, withoutUserText, wordingProblems } from "./plain-words.js";

// docs/decision-rules.md#words-a-reviewer-reads, checked on every verdict of the property tests' answers.

describe("words a reviewer reads", () => {
  it("every verdict of the generated answers reads in plain words", () => {
    fc.assert(
      fc.property(parsedAnswers, (answers) => {
        expect(wordingProblems(decide(answers), answers)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['Not yet for "Triage": resolve try-stronger-model and work on prompting first.', /identifier "try-stronger-model"/],
    ["Headline: resolve no-evals first.", /identifier "no-evals"/],
    ["Add few-shot examples.", /identifier "few-shot"/],
    ["Work on tool-use next.", /identifier "tool-use"/],
    ["Work on rag next.", /identifier "rag"/],
    ["Work on pretrain.", /identifier "pretrain"/],
    ["Untried: prompt-caching.", /identifier "prompt-caching"/],
    ["The domain-behavior gap.", /identifier "domain-behavior"/],
    ["See the-rules.md rule 11.", /names a file/],
    ["Source: the rules, rule 11.", /rule number/],
    ["_3 gap: format_ matters.", /rule number/],
    ["No gap is one fine-tuning fixes (combine).", /rule number/],
    ["It saves -$210 a month.", /negative amount/],
    ["Decided by engine 2.0.0.", /engine version/],
    ["It uses 2700000000 tokens a month.", /without thousands separators/],
    ["A 0.0123B model.", /more than two decimals/],
    ["the prompted baseline meets the target.", /does not start with a capital/],
    ["Fine. then it pays back.", /sentence starting with "t"/],
    ["", /is empty/],
  ])("catches %j", (text, problem) => {
    expect(problemsIn(text).join("; ")).toMatch(problem);
  });

  it.each([
    "Fine-tune, but not through OpenAI after 6 Jan 2027.",
    "350 examples: 500+ recommended",
    "It costs $210 a month more than it saves: it never pays back.",
    "Add retrieval (RAG) and tool use.",
    "Saving $2,000 a month, the $5,000 of training pays back in about 2.5 months.",
  ])("lets %j through", (text) => {
    expect(problemsIn(text)).toEqual([]);
  });

  it("sets aside what the user typed, and only that", () => {
    const answers = makeAnswers({ candidateModel: "acme-2024-model", title: "no-evals triage" });
    expect(withoutUserText("This fine-tune would freeze acme-2024-model.", answers)).toBe("This fine-tune would freeze Model.");
    expect(withoutUserText("It uses 2024 tokens.", answers)).toBe("It uses 2024 tokens.");
  });

  it("flags a verdict without next steps or with a reason given twice", () => {
    const answers = makeAnswers();
    const v = decide(answers);
    const broken: Verdict = { ...v, nextSteps: [], reasons: [...v.reasons, v.reasons[0]!] };
    expect(wordingProblems(broken, answers)).toEqual(expect.arrayContaining(["no next step", "a reason is given twice"]));
  });
});
