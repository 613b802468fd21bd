import { describe, expect, it } from "vitest";
import { WARNING_CODES } from "../../src/engine/verdict.js";
import { note, toWarnings, WARNING_SEVERITY, WARNING_TEXT, WARNING_TITLE } from "../../src/engine/warnings.js";
import { problemsIn } from "./plain-words.js";

/** The 24 codes of the warning table in the rules, in its order. */
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
  "candidate-not-tunable",
];

describe("warning codes", () => {
  it("are exactly the 24 codes of the contract", () => {
    expect([...WARNING_CODES]).toEqual(CONTRACT_CODES);
  });

  it.each(WARNING_CODES.map((code) => [code]))("%s has a severity, a short title and a plain sentence", (code) => {
    expect(["blocker", "warning", "info"]).toContain(WARNING_SEVERITY[code]);
    expect(WARNING_TITLE[code].length).toBeLessThanOrEqual(50);
    expect(problemsIn(WARNING_TITLE[code])).toEqual([]);
    expect(WARNING_TEXT[code]).toMatch(/^[A-Z0-9].{20,}\.$/);
    expect(problemsIn(WARNING_TEXT[code])).toEqual([]);
  });

  it.each(["no-evals", "too-few-examples", "under-500-examples", "noisy-data", "multiple-tasks", "candidate-not-tunable"] as const)(
    "%s is a blocker: it caps the verdict",
    (code) => {
      expect(WARNING_SEVERITY[code]).toBe("blocker");
    },
  );
});

describe("toWarnings", () => {
  it("keeps one warning per code, in first-raised order, with the first title and every distinct detail", () => {
    const warnings = toWarnings([
      note("untried-prompting", {
        title: "Untried: examples in the prompt",
        detail: "For the format gap, try examples in the prompt first.",
      }),
      note("noisy-data"),
      note("untried-prompting", { title: "Untried: prompt engineering", detail: "For the style gap, try prompt engineering first." }),
      note("untried-prompting", { detail: "For the format gap, try examples in the prompt first." }),
    ]);
    expect(warnings).toEqual([
      {
        code: "untried-prompting",
        severity: "warning",
        title: "Untried: examples in the prompt",
        message: `${WARNING_TEXT["untried-prompting"]} For the format gap, try examples in the prompt first. For the style gap, try prompt engineering first.`,
      },
      { code: "noisy-data", severity: "blocker", title: WARNING_TITLE["noisy-data"], message: WARNING_TEXT["noisy-data"] },
    ]);
  });

  it("takes the strongest severity a rule raised", () => {
    const [w] = toWarnings([
      note("compliance-self-host"),
      note("compliance-self-host", { severity: "blocker" }),
      note("compliance-self-host", { severity: "warning" }),
    ]);
    expect(w?.severity).toBe("blocker");
  });
});
