import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAnswers } from "../../src/engine/answers.js";
import { anyCostGiven } from "../../src/engine/break-even.js";
import { decide, PIPELINE_STEPS } from "../../src/engine/decide.js";
import { COST_INPUTS, LADDER, RULE_IDS, WARNING_CODES, type WarningCode } from "../../src/engine/verdict.js";
import { WARNING_SEVERITY, WARNING_TEXT } from "../../src/engine/warnings.js";
import { parsedAnswers, RUNS, validAnswers } from "./arbitrary-answers.js";
import { containsRun } from "./verdict-queries.js";

const SEVERITY_RANK = { blocker: 0, warning: 1, info: 2 } as const;
const NOT_FINE_TUNING_GAPS = new Set<string>(["knowledge", "hallucination", "reasoning", "personality"]);
/** Codes whose severity depends on the answers (a rule raises them above their default). */
const CONTEXTUAL: Partial<Record<WarningCode, readonly string[]>> = {
  "compliance-self-host": ["info", "warning", "blocker"],
  "no-mlops-capacity": ["warning", "blocker"],
  "provider-finetune-closing": ["warning", "blocker"],
};
const HEADLINE_START = { yes: /^Fine-tune[,:] /, "not-yet": /^Not yet: /, no: /^Don't fine-tune: / } as const;

describe("decide on arbitrary valid answers", () => {
  it("every generated input is valid and round-trips through parseAnswers and JSON", () => {
    fc.assert(
      fc.property(validAnswers, (raw) => {
        const first = parseAnswers(raw);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(parseAnswers(first.answers)).toEqual(first);
        expect(parseAnswers(JSON.parse(JSON.stringify(first.answers)))).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });

  it("returns a well-formed verdict: known codes and rules, a ladder rung, blockers first, steps in order", () => {
    fc.assert(
      fc.property(parsedAnswers, (answers) => {
        const v = decide(answers);
        expect(LADDER).toContain(v.approach);
        expect(v.approach).not.toBe("pretrain");
        const codes = v.warnings.map((w) => w.code);
        expect(new Set(codes).size).toBe(codes.length);
        for (const w of v.warnings) {
          expect(WARNING_CODES).toContain(w.code);
          expect(CONTEXTUAL[w.code] ?? [WARNING_SEVERITY[w.code]]).toContain(w.severity);
          expect(w.message.startsWith(WARNING_TEXT[w.code])).toBe(true);
          expect(w.title.length).toBeGreaterThan(0);
        }
        for (const r of v.reasons) expect(RULE_IDS).toContain(r.rule);
        const ranks = v.warnings.map((w) => SEVERITY_RANK[w.severity]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(v.nextSteps).toEqual(v.steps.filter((s) => !s.done).map((s) => s.text));
        expect(v.nextSteps.length).toBeGreaterThan(0);
        expect(new Set(v.steps.map((s) => s.text)).size).toBe(v.steps.length);
        expect(v.headline).toMatch(HEADLINE_START[v.fineTune]);
        expect(v.reasons.length).toBeGreaterThan(0);
        expect(v.engineVersion).toBe("2.0.0");
        for (const path of v.costInputsMissing) expect(COST_INPUTS).toContain(path);
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps the combination rules: yes without blockers, caps respected, the approach a rung still to do", () => {
    fc.assert(
      fc.property(parsedAnswers, (answers) => {
        const v = decide(answers);
        const codes = v.warnings.map((w) => w.code);
        const { evals, data } = answers;
        const targetMet = evals.baselineScore !== undefined && evals.targetScore !== undefined && evals.baselineScore >= evals.targetScore;

        if (v.fineTune === "yes") {
          expect(v.warnings.filter((w) => w.severity === "blocker")).toEqual([]);
          expect(codes).toContain("base-model-snapshot");
          expect(
            containsRun(
              v.steps.map((s) => s.text),
              PIPELINE_STEPS,
            ),
          ).toBe(true);
        } else {
          expect(codes).not.toContain("base-model-snapshot");
          if (v.fineTune === "no") expect(v.approach).not.toBe("fine-tune");
        }
        if (v.fineTune === "no") expect(v.method).toBeNull();
        if (v.warnings.some((w) => w.severity === "blocker")) expect(v.fineTune).not.toBe("yes");

        if (targetMet && !answers.gaps.includes("latency-cost")) {
          expect(v.fineTune).not.toBe("yes");
          expect(codes.filter((c) => c !== "target-met" && c !== "compliance-self-host")).toEqual([]);
          return;
        }
        if (
          !evals.hasEvalSet ||
          !evals.hasHeldOutTestSet ||
          !evals.hasPromptedBaseline ||
          data.labeledExamples < 500 ||
          data.quality === "noisy"
        ) {
          expect(v.fineTune).not.toBe("yes");
        }
        if (answers.taskChangeFrequency === "weekly") expect(v.fineTune).toBe("no");
        if (answers.taskChangeFrequency === "monthly" || answers.tasksServed > 1) expect(v.fineTune).not.toBe("yes");
        if (!targetMet && answers.gaps.every((g) => NOT_FINE_TUNING_GAPS.has(g))) expect(v.fineTune).toBe("no");
        if (answers.compliance === "self-host-required") {
          expect(codes).toContain("compliance-self-host");
          if (v.method) expect(v.method.hosting).toBe("self-hosted");
        }
        if (data.labeledExamples < 200) expect(codes).toEqual(expect.arrayContaining(["too-few-examples", "under-500-examples"]));
        if (v.breakEven === null && anyCostGiven(answers)) expect(v.costInputsMissing.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it("puts the flip point where training pays back in six months", () => {
    fc.assert(
      fc.property(parsedAnswers, (answers) => {
        const b = decide(answers).breakEven;
        if (!b || b.requestsPerMonthFor6MonthPayback === null || b.requestsPerMonthFor6MonthPayback > 1e12) return;
        const { trainingUsd, currentUsdPerMTok, fineTunedUsdPerMTok, hostingUsdPerMonth = 0 } = answers.costs!;
        const savingsAt = (requests: number) =>
          ((currentUsdPerMTok! - fineTunedUsdPerMTok!) * requests * answers.volume.tokensPerRequest!) / 1e6 - hostingUsdPerMonth;
        const flip = b.requestsPerMonthFor6MonthPayback;
        expect(savingsAt(flip) * 6).toBeGreaterThanOrEqual(trainingUsd! - 1e-6 * Math.max(1, trainingUsd!));
        if (flip > 0) expect(savingsAt(flip - 1) * 6).toBeLessThan(trainingUsd! + 1e-6 * Math.max(1, trainingUsd!));
      }),
      { numRuns: RUNS },
    );
  });

  it("is deterministic and leaves its input alone", () => {
    fc.assert(
      fc.property(parsedAnswers, (answers) => {
        const before = structuredClone(answers);
        const first = decide(answers);
        expect(answers).toEqual(before);
        expect(decide(structuredClone(answers))).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });
});
