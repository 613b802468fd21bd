import type { Answers } from "../../engine/answers.js";
import { decide } from "../../engine/decide.js";
import type { FineTune, Verdict } from "../../engine/verdict.js";

// A "Don't know" is decided as the answer that would hold fine-tuning back (never one that turns the answer into a
// flat no), and the verdict says what it cost: the same answers decided with the hopeful answer instead.
// See docs/questionnaire.md#dont-know.

interface UnknownRule {
  /** Decided as this while unknown. */
  assumed: boolean | string;
  /** The answer that would help fine-tuning most, to show what not knowing cost. */
  hopeful: boolean | string;
  /** A few words for the "Based on" line. */
  short: string;
  question: string;
  assumption: string;
  hope: string;
}

export const UNKNOWN_ANSWERS = {
  "evals.hasHeldOutTestSet": {
    assumed: false,
    hopeful: true,
    short: "held-out set",
    question: "whether part of the eval set is held out",
    assumption: "there is no held-out test set",
    hope: "a held-out test set",
  },
  "data.quality": {
    assumed: "noisy",
    hopeful: "curated",
    short: "data quality",
    question: "how clean the data is",
    assumption: "the data is noisy",
    hope: "clean data",
  },
  "data.versioned": {
    assumed: false,
    hopeful: true,
    short: "data versioning",
    question: "whether the data is versioned",
    assumption: "the data is not versioned",
    hope: "versioned data",
  },
  mlopsCapacity: {
    assumed: false,
    hopeful: true,
    short: "team capacity",
    question: "whether the team can run models",
    assumption: "nobody on the team can",
    hope: "a team that runs models",
  },
  taskChangeFrequency: {
    assumed: "monthly",
    hopeful: "rarely",
    short: "how often the task changes",
    question: "how often the task changes",
    assumption: "the task changes every month",
    hope: "a task that rarely changes",
  },
  compliance: {
    assumed: "self-host-required",
    hopeful: "none",
    short: "where the data may go",
    question: "whether the data may go to a third-party API",
    assumption: "the data must stay on your infrastructure",
    hope: "no restriction on the data",
  },
} as const satisfies Record<string, UnknownRule>;

export type UnknownAnswer = keyof typeof UNKNOWN_ANSWERS;

export function isUnknownAnswer(path: string): path is UnknownAnswer {
  return Object.hasOwn(UNKNOWN_ANSWERS, path);
}

/** A copy of the answers with one field (by its dotted path) set to `value`. */
function withAnswer(answers: Answers, path: string, value: unknown): Answers {
  const copy = structuredClone(answers) as Record<string, unknown>;
  const keys = path.split(".");
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
  return copy as Answers;
}

const ANSWER_WORDS: Record<FineTune, string> = { yes: "fine-tune", "not-yet": "not yet", no: "don't fine-tune" };

export interface UnknownCost {
  path: UnknownAnswer;
  /** "You didn't know how clean the data is, so it counts as noisy." */
  assumed: string;
  /** What that did to the verdict, in a sentence. */
  effect: string;
}

/** What each "Don't know" cost this verdict, in the order the form asks. */
export function unknownCosts(answers: Answers, unknowns: readonly string[], verdict: Verdict): UnknownCost[] {
  return (Object.keys(UNKNOWN_ANSWERS) as UnknownAnswer[])
    .filter((path) => unknowns.includes(path))
    .map((path) => {
      const rule: UnknownRule = UNKNOWN_ANSWERS[path];
      const hopeful = decide(withAnswer(answers, path, rule.hopeful));
      return {
        path,
        assumed: `You didn't know ${rule.question}, so we took it that ${rule.assumption}.`,
        effect: effectOf(verdict, hopeful, rule),
      };
    });
}

function effectOf(verdict: Verdict, hopeful: Verdict, rule: UnknownRule): string {
  if (hopeful.fineTune !== verdict.fineTune) {
    return `That holds the answer at ${ANSWER_WORDS[verdict.fineTune]}: with ${rule.hope} it would be ${ANSWER_WORDS[hopeful.fineTune]}.`;
  }
  const added = verdict.warnings.filter((w) => !hopeful.warnings.some((h) => h.code === w.code));
  const blocker = added.find((w) => w.severity === "blocker");
  // Verdicts stored by engine 1.x have no titles.
  if (blocker) return `That adds a blocker: ${blocker.title || blocker.message}`.replace(/\.?$/, ".");
  if (added[0]) return `That adds a warning: ${added[0].title || added[0].message}`.replace(/\.?$/, ".");
  return "It made no difference to the answer.";
}
