import { type Answers, TECHNIQUES, type Technique } from "./answers.js";
import type { BreakEven, FineTune, Reason, RuleId, Rung } from "./verdict.js";
import { strongerCap } from "./verdict.js";
import type { WarningNote } from "./warnings.js";

/** What every rule reads besides the answers, worked out once per decision. */
export interface Context {
  answers: Answers;
  /** Techniques tried, with `few-shot` counted as tried when `many-shot` was (many-shot is few-shot at scale). */
  tried: { has(t: Technique): boolean };
  breakEven: BreakEven | null;
  targetMet: boolean;
}

/** The techniques tried, as bits: cheaper to build than a Set, and the engine builds one per decision. */
class Tried {
  private readonly bits: number;
  constructor(techniques: readonly Technique[]) {
    let bits = 0;
    for (const t of techniques) bits |= BIT[t];
    this.bits = bits & BIT["many-shot"] ? bits | BIT["few-shot"] : bits;
  }
  has(t: Technique): boolean {
    return (this.bits & BIT[t]) !== 0;
  }
}

const BIT = Object.fromEntries(TECHNIQUES.map((t, i) => [t, 1 << i])) as Record<Technique, number>;

export function contextOf(answers: Answers, breakEven: BreakEven | null): Context {
  const tried = new Tried(answers.tried);
  const { baselineScore, targetScore } = answers.evals;
  const targetMet = baselineScore !== undefined && targetScore !== undefined && baselineScore >= targetScore;
  return { answers, tried, breakEven, targetMet };
}

/** A clause for a `not-yet` headline ("build an eval set"), and the rung it already covers. */
export interface Todo {
  text: string;
  blocker: boolean;
  covers?: Rung;
}

/** What the rules found so far: the cap on the verdict, warnings, reasons, steps and the rungs still to do. */
export class Findings {
  cap: FineTune = "yes";
  readonly notes: WarningNote[] = [];
  readonly reasons: Reason[] = [];
  /** Rule 2's steps: they lead the next steps. */
  readonly evalSteps: string[] = [];
  /** Steps that come right after the eval steps (an open-weight route when the provider route is closed). */
  readonly leadSteps: string[] = [];
  readonly steps: string[] = [];
  /** Rungs still to do for some gap. */
  readonly rungs: Rung[] = [];
  /** Rungs the caps point to; they count only when some gap is a fine-tuning candidate. */
  readonly capRungs: Rung[] = [];
  readonly todos: Todo[] = [];

  raise(...notes: WarningNote[]): void {
    this.notes.push(...notes);
  }

  because(rule: RuleId, text: string): void {
    if (!this.reasons.some((r) => r.text === text)) this.reasons.push({ rule, text });
  }

  limit(cap: FineTune): void {
    this.cap = strongerCap(this.cap, cap);
  }

  step(...steps: string[]): void {
    for (const s of steps) if (!this.steps.includes(s)) this.steps.push(s);
  }

  todo(text: string, blocker: boolean, covers?: Rung): void {
    if (!this.todos.some((t) => t.text === text)) this.todos.push(covers ? { text, blocker, covers } : { text, blocker });
  }

  /** Every step once, in order: eval steps, lead steps, then the rest. */
  orderedSteps(): string[] {
    const out: string[] = [];
    for (const s of [...this.evalSteps, ...this.leadSteps, ...this.steps]) if (!out.includes(s)) out.push(s);
    return out;
  }
}
