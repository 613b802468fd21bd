import type { GapKind, Technique } from "./answers.js";
import { COST_INPUT_NAME, missingCostInputs } from "./break-even.js";
import type { Context } from "./findings.js";
import type { FineTune, Reason, Rung } from "./verdict.js";
import { note, type WarningNote } from "./warnings.js";
import {
  formatCount,
  formatDuration,
  formatRequestsPerMonth,
  formatScore,
  formatSize,
  GAP_NAME,
  type GapName,
  listOf,
  TECHNIQUE_NAME,
} from "./words.js";

// Rules 3, 4 and 5 judge each gap on its own (docs/decision-rules.md#rule-3-gap-kinds).

/** What rules 3, 4 and 5 conclude about one gap. */
export interface GapJudgement {
  gap: GapName;
  /** `yes`: a fine-tuning candidate ready to go; `not-yet`: a candidate with work left first; `no`: not a fine-tuning problem. */
  verdict: FineTune;
  /** The rung to work on for this gap; `fine-tune` when nothing cheaper is left. */
  rung: Rung;
  warnings: WarningNote[];
  reasons: Reason[];
  steps: string[];
  /** For a `not-yet` candidate: what to do first, as a clause for the headline. */
  todo?: string;
  /** For a candidate judged `no`: why, as a clause for the headline. */
  why?: string;
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

/** Rule 4: the techniques that address each candidate gap, cheapest first; prompt engineering addresses every gap. */
const CHEAPER_TECHNIQUES: Partial<Record<GapName, readonly Technique[]>> = {
  format: ["prompt-engineering", "structured-output", "few-shot"],
  style: ["prompt-engineering", "few-shot"],
  "domain-behavior": ["prompt-engineering", "few-shot", "rag"],
  "latency-cost": ["prompt-engineering", "prompt-caching"],
  "closed-domain-task": ["prompt-engineering", "few-shot"],
};

/** Tasks where hundreds of examples in a long prompt matched fine-tuning (docs/decision-rules.md#rule-4-cheaper-rungs-first). */
const MANY_SHOT_TASKS = new Set(["summarization", "translation"]);

const TECHNIQUE_STEP: Record<Technique, string> = {
  "prompt-engineering": "Iterate on the prompt (clear instructions, context, an explicit rubric) and re-score it on the eval set.",
  "structured-output": "Constrain the output with structured output (a JSON schema or function calling) and re-score.",
  "few-shot": "Add 3 to 10 worked examples to the prompt and re-score.",
  "many-shot": "Put hundreds of examples in a long prompt and re-score: for summarization and translation this has matched fine-tuning.",
  "chain-of-thought": "Ask for step-by-step reasoning and re-score.",
  "stronger-model": "Score a stronger base model on the same eval set before training a weaker one.",
  "prompt-caching": "Cache the stable part of the prompt (providers cut cached input cost by up to 90%) and work out the cost again.",
  rag: "Build a retrieval layer (RAG) over the documents the model needs, and measure again.",
  "tool-use": "Give the model tools (search, a database, validators) and check its answers against them.",
};

const CANDIDATE_WHY: Partial<Record<GapName, string>> = {
  format: "Output format is behaviour, which fine-tuning teaches well when prompting alone cannot hold it.",
  style: "Style and tone are behaviour, which fine-tuning teaches consistently.",
  "domain-behavior": "Domain behaviour (terminology and patterns the model rarely saw) is something fine-tuning teaches well.",
};

/** A 7B to 13B fine-tuned model can match a 70B general model on a narrow task, faster and cheaper. */
const SMALL_MODEL_MAX_B = 13;
/** About 1,000 high-quality examples often suffice; we call that abundant for a narrow classification or extraction task. */
const ABUNDANT_EXAMPLES = 1000;
const UNNAMED: ReadonlySet<GapName> = new Set(["none", "not-measured"]);

export function cheapestRung(techniques: readonly Technique[]): Rung {
  const order: Rung[] = ["prompting", "few-shot", "rag", "tool-use"];
  return order.find((rung) => techniques.some((t) => TECHNIQUE_RUNG[t] === rung)) ?? "prompting";
}

export function techniqueStep(technique: Technique): string {
  return TECHNIQUE_STEP[technique];
}

export function isCandidate(gap: GapName): boolean {
  return gap in CHEAPER_TECHNIQUES;
}

/** Every gap judged on its own. When the target is met only a latency and cost gap is left to judge (rule 1). */
export function judgeGaps(ctx: Context): GapJudgement[] {
  if (ctx.targetMet) return ctx.answers.gaps.includes("latency-cost") ? [judgeLatencyCost(ctx)] : [];
  const gaps = [...new Set(ctx.answers.gaps)];
  const named = gaps.filter((g) => !UNNAMED.has(g));
  const judgements = named.map((gap) => judgeNamedGap(gap, ctx));
  if (named.length === gaps.length) return judgements;
  const closedDomain = judgeClosedDomainTask(ctx, named.length);
  if (closedDomain) return [...judgements, closedDomain];
  const unnamed = judgeUnnamed(ctx, named.length);
  return unnamed ? [...judgements, unnamed] : judgements;
}

function judgeNamedGap(gap: GapKind, ctx: Context): GapJudgement {
  const { tried } = ctx;
  switch (gap) {
    case "knowledge":
      if (!tried.has("rag")) {
        return notCandidate(
          gap,
          "rag",
          "knowledge-use-rag",
          [TECHNIQUE_STEP.rag],
          [
            "The gap is missing knowledge: retrieval adds facts when a question is asked and keeps them up to date, so RAG comes before any training.",
          ],
        );
      }
      return notCandidate(
        gap,
        "rag",
        "knowledge-use-rag",
        ["Improve retrieval: how documents are chunked, how results are ranked, and whether the corpus covers the questions asked."],
        [
          "Retrieval was tried and knowledge is still missing, so the work is better retrieval.",
          "The only rung left for knowledge is continued pretraining on a very large domain corpus (one legal team trained on over 10 billion tokens of case law), which is almost never right for a product team.",
        ],
      );
    case "hallucination": {
      const next = (["rag", "tool-use"] as const).find((t) => !tried.has(t));
      return notCandidate(
        gap,
        next ?? "tool-use",
        "hallucination-not-fixed-by-finetune",
        [next ? TECHNIQUE_STEP[next] : "Validate answers against sources and tools before they reach users."],
        ["Made-up answers are fixed by grounding and checking them, not by training."],
      );
    }
    case "reasoning": {
      const next = (["chain-of-thought", "stronger-model"] as const).filter((t) => !tried.has(t));
      return notCandidate(
        gap,
        "prompting",
        "reasoning-not-fixed-by-finetune",
        next.length > 0 ? next.map((t) => TECHNIQUE_STEP[t]) : ["Break the task into steps, one model call per step (prompt chaining)."],
        [
          "Reasoning ability is mostly set when a model is pretrained: asking for step-by-step reasoning or choosing a stronger model is the lever.",
        ],
      );
    }
    case "personality": {
      const next = (["prompt-engineering", "few-shot"] as const).find((t) => !tried.has(t));
      return notCandidate(
        gap,
        next === "few-shot" ? "few-shot" : "prompting",
        "personality-use-prompting",
        [next ? TECHNIQUE_STEP[next] : "Refine the system prompt and its examples: a personality rarely needs more."],
        ["A personality is set by a system prompt and a few examples."],
      );
    }
    case "latency-cost":
      return judgeLatencyCost(ctx);
    default:
      return judgeCandidate(gap, ctx, CANDIDATE_WHY[gap] ?? "");
  }
}

/**
 * A narrow classification or extraction task with abundant labelled data often beats prompting once fine-tuned. It
 * stands in for a shortfall the team measured but named no kind for: a named gap says what the shortfall is.
 */
function judgeClosedDomainTask(ctx: Context, namedGaps: number): GapJudgement | null {
  const { task, data, evals } = ctx.answers;
  if (namedGaps > 0 || (task !== "classification" && task !== "extraction")) return null;
  if (data.labeledExamples < ABUNDANT_EXAMPLES || evals.baselineScore === undefined || evals.targetScore === undefined) return null;
  return judgeCandidate(
    "closed-domain-task",
    ctx,
    `A narrow ${task} task with ${formatCount(data.labeledExamples)} labelled examples and a measured shortfall ` +
      `(${formatScore(evals.baselineScore)} against a target of ${formatScore(evals.targetScore)}) is where a fine-tuned model often beats prompting.`,
  );
}

/** `none` or `not-measured` with no named gap beside it: measure, or name the shortfall, before anything else. */
function judgeUnnamed(ctx: Context, namedGaps: number): GapJudgement | null {
  const { baselineScore, targetScore } = ctx.answers.evals;
  const gap: GapName = ctx.answers.gaps.includes("not-measured") ? "not-measured" : "none";
  // Rule 2 raises the missing measurement and asks for it first (decide.ts).
  if (baselineScore === undefined || targetScore === undefined)
    return { gap, verdict: "not-yet", rung: "prompting", warnings: [], reasons: [], steps: [] };
  if (namedGaps > 0) return null;
  return {
    gap,
    verdict: "not-yet",
    rung: "prompting",
    warnings: [],
    reasons: [
      {
        rule: "rule-3-gap-kinds",
        text: `The prompted system scores ${formatScore(baselineScore)} against a target of ${formatScore(targetScore)}, but no kind of shortfall is named, and only some kinds are ones training fixes.`,
      },
    ],
    steps: ["Read the failures on the eval set and name the kind of shortfall: format, style, missing knowledge, reasoning and so on."],
    todo: "name what falls short",
  };
}

function cheaperTechniques(gap: GapName, ctx: Context): Technique[] {
  const base = CHEAPER_TECHNIQUES[gap] ?? [];
  if (gap === "latency-cost" || !MANY_SHOT_TASKS.has(ctx.answers.task) || ctx.tried.has("many-shot")) return [...base];
  // Hundreds of examples in the prompt are affordable with caching: when both are untried, name both.
  return ctx.tried.has("prompt-caching") ? [...base, "many-shot"] : [...base, "many-shot", "prompt-caching"];
}

function judgeCandidate(gap: GapName, ctx: Context, why: string): GapJudgement {
  const untried = cheaperTechniques(gap, ctx).filter((t) => !ctx.tried.has(t));
  if (untried.length === 0) {
    return {
      gap,
      verdict: "yes",
      rung: "fine-tune",
      warnings: [],
      reasons: [{ rule: "rule-3-gap-kinds", text: `${why} The cheaper fixes for it were tried.` }],
      steps: [],
    };
  }
  const names = listOf(untried.map((t) => TECHNIQUE_NAME[t]));
  const reasons: Reason[] = [
    { rule: "rule-3-gap-kinds", text: why },
    {
      rule: "rule-4-cheaper-rungs-first",
      text: `For the ${GAP_NAME[gap]} gap, ${names} ${untried.length === 1 ? "is" : "are"} still untried and cheaper than training.`,
    },
  ];
  if (untried.includes("many-shot")) {
    reasons.push({
      rule: "rule-4-cheaper-rungs-first",
      text: `For ${ctx.answers.task}, hundreds of examples in a long prompt have matched fine-tuned models (and set the state of the art on low-resource translation), without any training.`,
    });
  }
  return {
    gap,
    verdict: "not-yet",
    // Prompt caching named beside many-shot makes it affordable; the rung is the one that could close the gap.
    rung: cheapestRung(gap === "latency-cost" ? untried : untried.filter((t) => t !== "prompt-caching")),
    warnings: [note("untried-prompting", { title: `Untried: ${names}`, detail: `For the ${GAP_NAME[gap]} gap, try ${names} first.` })],
    reasons,
    steps: untried.map((t) => TECHNIQUE_STEP[t]),
    todo: `try ${names}`,
  };
}

/**
 * Rule 5: a latency and cost gap is a candidate only through a break-even under six months or a small, fast model. A
 * break-even that fails rules it out whatever cheaper fixes remain: they only make the prompted system cheaper.
 */
function judgeLatencyCost(ctx: Context): GapJudgement {
  const { answers, breakEven } = ctx;
  const why = ctx.targetMet
    ? "The prompted system meets the target; training a smaller model to do the same (distillation) pays only through volume or speed."
    : "Latency or cost is the gap: a fine-tune pays only through volume or a smaller, faster model.";
  const base = judgeCandidate("latency-cost", ctx, why);
  const size = answers.candidateSizeB;
  const small = answers.latencySensitive && size !== undefined && size <= SMALL_MODEL_MAX_B;
  if (breakEven?.withinSixMonths) {
    return withReason(base, "Training pays back within six months, which makes the latency and cost gap a case for fine-tuning.");
  }
  if (small) {
    return withReason(base, `A fine-tuned ${formatSize(size!)}B model can meet the latency budget that larger prompted models miss.`);
  }
  if (breakEven) {
    return {
      ...withReason(base, "Training does not pay back within six months, and no small, fast model is proposed."),
      verdict: "no",
      rung: "prompting",
      steps: [...base.steps, staySteps(breakEven.requestsPerMonthFor6MonthPayback)],
      why:
        breakEven.months === null
          ? "it never pays back at this volume"
          : `it would take ${formatDuration(breakEven.months)} to pay back its training`,
    };
  }
  const missing = missingCostInputs(answers)
    .filter((path) => path !== "costs.hostingUsdPerMonth")
    .map((path) => COST_INPUT_NAME[path]);
  return {
    ...withReason(base, `The break-even cannot be worked out yet: ${listOf(missing)} ${missing.length === 1 ? "is" : "are"} missing.`),
    verdict: "not-yet",
    steps: [...base.steps, `Fill in ${listOf(missing)} to work out the break-even.`],
    todo: base.todo ? `${base.todo} and work out the break-even` : "work out the break-even",
  };
}

function staySteps(flip: number | null): string {
  const volume = flip === null ? null : formatRequestsPerMonth(flip);
  return volume === null
    ? "Stay with the prompted system: at these prices no realistic volume pays a fine-tune back."
    : `Stay with the prompted system, and work out the break-even again if volume nears ${volume}.`;
}

function withReason(j: GapJudgement, text: string): GapJudgement {
  return { ...j, reasons: [...j.reasons, { rule: "rule-5-volume-and-cost", text }] };
}

function notCandidate(gap: GapKind, rung: Rung, code: WarningNote["code"], steps: string[], texts: string[]): GapJudgement {
  return {
    gap,
    verdict: "no",
    rung,
    warnings: [note(code)],
    reasons: texts.map((text) => ({ rule: "rule-3-gap-kinds", text })),
    steps,
  };
}
