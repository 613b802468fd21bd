import type { Answers, GapKind, Technique } from "./answers.js";
import { computeBreakEven } from "./break-even.js";
import type { FineTune, Reason, Rung } from "./verdict.js";
import { note, type WarningNote } from "./warnings.js";

/** What rules 3, 4 and 5 conclude about one gap, on its own. */
export interface GapJudgement {
  gap: GapKind | "closed-domain-task";
  /** `yes`: a fine-tuning candidate ready to go; `not-yet`: a candidate with cheaper work left, or unknown; `no`: not a fine-tuning problem. */
  verdict: FineTune;
  /** The rung to work on for this gap, `fine-tune` when nothing cheaper is left. */
  rung: Rung;
  warnings: WarningNote[];
  reasons: Reason[];
  steps: string[];
}

const TECHNIQUE_RUNG: Record<Technique, Rung> = {
  "prompt-engineering": "prompting",
  "chain-of-thought": "prompting",
  "structured-output": "prompting",
  "stronger-model": "prompting",
  "prompt-caching": "prompting",
  "few-shot": "few-shot",
  "many-shot": "few-shot",
  rag: "rag",
  "tool-use": "tool-use",
};

/** Rule 4: techniques that address each candidate gap, cheapest first; prompt engineering applies to every gap. */
const CHEAPER_TECHNIQUES: Record<string, Technique[]> = {
  format: ["prompt-engineering", "structured-output", "few-shot"],
  style: ["prompt-engineering", "few-shot"],
  "domain-behavior": ["prompt-engineering", "few-shot", "rag"],
  "latency-cost": ["prompt-engineering", "prompt-caching"],
  "closed-domain-task": ["prompt-engineering", "few-shot"],
};

const TECHNIQUE_STEP: Record<Technique, string> = {
  "prompt-engineering": "Iterate on the prompt (clear instructions, context, explicit rubric) and re-score it on the eval set.",
  "structured-output": "Constrain the output with structured output (JSON schema or function calling) and re-score.",
  "few-shot": "Add few-shot examples (3-10 demonstrations, or many-shot with a long context) and re-score.",
  "many-shot": "Try many-shot prompting: hundreds of examples in a long context can match a fine-tune.",
  "chain-of-thought": "Ask for step-by-step reasoning (chain-of-thought) and re-score.",
  "stronger-model": "Evaluate a stronger base model on the same eval set before training a weaker one.",
  "prompt-caching": "Cache the stable prompt prefix (providers cut cached input cost by up to 90%) and recompute the cost.",
  rag: "Build a retrieval layer (RAG) over the documents the model needs, and measure again.",
  "tool-use": "Give the model tools (search, database, validators) and check its answers against them.",
};

/** Gaps that name no kind of shortfall. */
const UNNAMED_GAPS: ReadonlySet<GapJudgement["gap"]> = new Set(["none", "not-measured"]);
/** Seed 001: a 7B-13B fine-tuned model can match a 70B+ general model on a narrow task, faster and cheaper. */
const SMALL_MODEL_MAX_B = 13;
/** Seed 000: about 1,000 high-quality examples often suffice; we call that abundant for closed-domain tasks. */
const ABUNDANT_EXAMPLES = 1000;

export function cheapestRung(techniques: readonly Technique[]): Rung {
  const order: Rung[] = ["prompting", "few-shot", "rag", "tool-use"];
  return order.find((rung) => techniques.some((t) => TECHNIQUE_RUNG[t] === rung)) ?? "prompting";
}

export function techniqueStep(technique: Technique): string {
  return TECHNIQUE_STEP[technique];
}

export function judgeGaps(answers: Answers): GapJudgement[] {
  const gaps = [...new Set(answers.gaps)];
  const judgements = gaps.map((gap) => judgeGap(gap, answers));
  const closedDomain = judgeClosedDomainTask(answers, judgements);
  return closedDomain ? [...judgements, closedDomain] : judgements;
}

function judgeGap(gap: GapKind, answers: Answers): GapJudgement {
  const tried = new Set(answers.tried);
  const rule = `3 gap: ${gap}`;
  switch (gap) {
    case "knowledge": {
      if (!tried.has("rag")) {
        return notCandidate(
          gap,
          "rag",
          [note("knowledge-use-rag")],
          rule,
          "The gap is missing knowledge; retrieval adds facts at query time and keeps them updatable, so RAG comes first.",
          [TECHNIQUE_STEP.rag],
        );
      }
      return notCandidate(
        gap,
        "pretrain",
        [note("knowledge-use-rag")],
        rule,
        "RAG was tried and knowledge is still missing; the remaining rung is continued pretraining on a very large domain corpus, which is rarely right for a product team.",
        ["Improve retrieval first (chunking, ranking, coverage of the corpus); continued pretraining needs billions of domain tokens."],
      );
    }
    case "hallucination": {
      const next = (["rag", "tool-use"] as const).find((t) => !tried.has(t));
      return notCandidate(
        gap,
        next ?? "tool-use",
        [note("hallucination-not-fixed-by-finetune")],
        rule,
        "Hallucination is fixed by grounding and checking answers, not by training.",
        [next ? TECHNIQUE_STEP[next] : "Validate outputs against sources and tools before they reach users."],
      );
    }
    case "reasoning": {
      const next = (["chain-of-thought", "stronger-model"] as const).filter((t) => !tried.has(t));
      return notCandidate(
        gap,
        "prompting",
        [note("reasoning-not-fixed-by-finetune")],
        rule,
        "Reasoning capability is mostly fixed by pretraining; prompting for it or choosing a stronger model is the lever.",
        next.length > 0 ? next.map((t) => TECHNIQUE_STEP[t]) : ["Decompose the task with prompt chaining, one call per step."],
      );
    }
    case "personality": {
      const rung: Rung = tried.has("prompt-engineering") ? "few-shot" : "prompting";
      return notCandidate(
        gap,
        rung,
        [note("personality-use-prompting")],
        rule,
        "Personality is set by a system prompt and a few examples.",
        [TECHNIQUE_STEP[rung === "prompting" ? "prompt-engineering" : "few-shot"]],
      );
    }
    case "none":
    case "not-measured": {
      const { baselineScore, targetScore } = answers.evals;
      if (baselineScore !== undefined && targetScore !== undefined) {
        return {
          gap,
          verdict: "not-yet",
          rung: "prompting",
          warnings: [],
          reasons: [
            {
              rule,
              text: `No kind of gap is named, but the prompted baseline (${baselineScore}) is below the target (${targetScore}): name what falls short, since only some gaps are ones training fixes.`,
            },
          ],
          steps: ["Read the failures on the eval set and name the kind of gap (format, style, knowledge, ...)."],
        };
      }
      // Rule 2 (decide.ts) caps the verdict at not-yet for this warning.
      return {
        gap,
        verdict: "not-yet",
        rung: "prompting",
        warnings: [note("no-prompted-baseline")],
        reasons: [
          {
            rule,
            text:
              gap === "none"
                ? "No shortfall is reported, yet no measured target is met: measure the prompted system against a target first."
                : "The shortfall has not been measured: measure the prompted system first; fine-tuning is not-yet at best.",
          },
        ],
        steps: ["Write down the target score and measure the prompted system against it on the eval set."],
      };
    }
    case "format":
    case "style":
    case "domain-behavior":
      return judgeCandidate(gap, answers, `The ${gap} gap is behaviour, which fine-tuning teaches well.`);
    case "latency-cost":
      return judgeLatencyCost(answers);
  }
}

/**
 * Seed 003: closed-domain classification or extraction with abundant labelled data often beats prompting.
 * It stands in for a measured shortfall the team named no kind for (`none`, `not-measured`): a named gap says what
 * the shortfall is, and a knowledge, hallucination, reasoning or personality gap is not one training fixes (rule 3).
 */
function judgeClosedDomainTask(answers: Answers, judgements: GapJudgement[]): GapJudgement | null {
  const { task, data, evals } = answers;
  if (task !== "classification" && task !== "extraction") return null;
  if (data.labeledExamples < ABUNDANT_EXAMPLES) return null;
  if (evals.baselineScore === undefined || evals.targetScore === undefined) return null;
  if (evals.baselineScore >= evals.targetScore) return null;
  if (!judgements.every((j) => UNNAMED_GAPS.has(j.gap))) return null;
  return judgeCandidate(
    "closed-domain-task",
    answers,
    `Closed-domain ${task} with ${data.labeledExamples} labelled examples and a measured shortfall (${evals.baselineScore} vs ${evals.targetScore}): a fine-tuned model often beats prompting here.`,
  );
}

export function isCandidate(gap: GapJudgement["gap"]): boolean {
  return gap in CHEAPER_TECHNIQUES;
}

function judgeCandidate(gap: GapJudgement["gap"], answers: Answers, why: string): GapJudgement {
  const rule = `3 gap: ${gap}`;
  const untried = CHEAPER_TECHNIQUES[gap]!.filter((t) => !answers.tried.includes(t));
  if (untried.length === 0) {
    return {
      gap,
      verdict: "yes",
      rung: "fine-tune",
      warnings: [],
      reasons: [{ rule, text: `${why} The cheaper techniques for it were tried.` }],
      steps: [],
    };
  }
  return {
    gap,
    verdict: "not-yet",
    rung: cheapestRung(untried),
    warnings: [note("untried-prompting", `For the ${gap} gap, untried: ${untried.join(", ")}.`)],
    reasons: [
      { rule, text: why },
      {
        rule: "4 cheaper rungs first",
        text: `For the ${gap} gap, ${untried.join(", ")} ${untried.length === 1 ? "is" : "are"} untried and cheaper than training.`,
      },
    ],
    steps: untried.map((t) => TECHNIQUE_STEP[t]),
  };
}

/**
 * Rule 5: a latency-cost gap is a candidate only through a break-even under six months or a small, fast candidate.
 * A computed break-even that fails rules it out whatever cheaper techniques remain: they only cut the prompted cost.
 */
function judgeLatencyCost(answers: Answers): GapJudgement {
  const base = judgeCandidate(
    "latency-cost",
    answers,
    "Latency or cost is the gap: a fine-tune pays only through volume or a smaller model.",
  );
  const rule = "5 volume and cost";
  const breakEven = computeBreakEven(answers);
  const small = answers.latencySensitive && answers.candidateSizeB !== undefined && answers.candidateSizeB <= SMALL_MODEL_MAX_B;
  if (breakEven?.withinSixMonths) {
    return {
      ...base,
      reasons: [...base.reasons, { rule, text: "A break-even under six months makes the latency-cost gap a fine-tuning case." }],
    };
  }
  if (small) {
    return {
      ...base,
      reasons: [
        ...base.reasons,
        { rule, text: `A ${answers.candidateSizeB}B fine-tuned model can meet the latency budget that larger prompted models miss.` },
      ],
    };
  }
  if (breakEven) {
    const text =
      breakEven.months === null
        ? "The fine-tune never pays back: it saves nothing per month."
        : `The fine-tune pays back only after ${breakEven.months} months, and no small fast model is proposed.`;
    return { ...base, verdict: "no", rung: "prompting", reasons: [...base.reasons, { rule, text }] };
  }
  return {
    ...base,
    verdict: "not-yet",
    rung: "prompting",
    reasons: [...base.reasons, { rule, text: "Break-even cannot be computed yet: token volume or costs are missing." }],
    steps: [...base.steps, "Fill in tokens per request, training cost and per-token prices, and compute the break-even."],
  };
}

function notCandidate(gap: GapKind, rung: Rung, warnings: WarningNote[], rule: string, text: string, steps: string[]): GapJudgement {
  return { gap, verdict: "no", rung, warnings, reasons: [{ rule, text }], steps };
}
