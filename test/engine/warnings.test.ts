import { describe, expect, it } from "vitest";
import { WARNING_CODES } from "../../src/engine/verdict.js";
import { note, toWarnings, WARNING_SEVERITY, WARNING_TEXT } from "../../src/engine/warnings.js";

/** The 23 codes of the warning table in DECISION-RULES.md, in its order. */
const CONTRACT_CODES = [
  "target-met",
  "no-evals",
  "no-held-out-test-set",
  "no-prompted-baseline",
  "too-few-examples",
  "under-500-examples",
  "noisy-data",
  "untried-prompting",
  "knowledge-use-rag",
  "hallucination-not-fixed-by-finetune",
  "reasoning-not-fixed-by-finetune",
  "personality-use-prompting",
  "task-changes-often",
  "multiple-tasks",
  "catastrophic-forgetting-risk",
  "low-volume",
  "break-even-over-6-months",
  "no-mlops-capacity",
  "data-not-versioned",
  "base-model-snapshot",
  "compliance-self-host",
  "try-stronger-model",
  "provider-finetune-closing",
];

describe("warning codes", () => {
  it("are exactly the 23 codes of the contract", () => {
    expect([...WARNING_CODES]).toEqual(CONTRACT_CODES);
  });

  it.each(WARNING_CODES.map((code) => [code]))("%s has a severity and a sentence", (code) => {
    expect(["blocker", "warning", "info"]).toContain(WARNING_SEVERITY[code]);
    expect(WARNING_TEXT[code]).toMatch(/^[A-Z<].{20,}[.:]$/);
  });

  it("no-evals is a blocker (rule 2: a blocker for fine-tuning)", () => {
    expect(WARNING_SEVERITY["no-evals"]).toBe("blocker");
  });
});

describe("toWarnings", () => {
  it("keeps one warning per code, in first-raised order, joining distinct details", () => {
    const warnings = toWarnings([
      note("untried-prompting", "For the format gap, untried: few-shot."),
      note("noisy-data"),
      note("untried-prompting", "For the style gap, untried: few-shot."),
      note("untried-prompting", "For the format gap, untried: few-shot."),
    ]);
    expect(warnings).toEqual([
      {
        code: "untried-prompting",
        severity: "warning",
        message: `${WARNING_TEXT["untried-prompting"]} For the format gap, untried: few-shot. For the style gap, untried: few-shot.`,
      },
      { code: "noisy-data", severity: "warning", message: WARNING_TEXT["noisy-data"] },
    ]);
  });
});
