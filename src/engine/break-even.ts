import type { Answers } from "./answers.js";
import type { BreakEven, CostInput } from "./verdict.js";

// Rule 5's arithmetic: docs/decision-rules.md#rule-5-volume-and-cost.

export { formatCount, formatUsd } from "./words.js";

/** Under about 5 million tokens a month, training rarely pays back. */
export const LOW_VOLUME_TOKENS_PER_MONTH = 5_000_000;
/** A break-even under six months makes fine-tuning worth exploring. */
export const BREAK_EVEN_LIMIT_MONTHS = 6;

export function monthlyTokens(answers: Answers): number | null {
  const { requestsPerMonth, tokensPerRequest } = answers.volume;
  return tokensPerRequest === undefined ? null : requestsPerMonth * tokensPerRequest;
}

/**
 * Training cost ÷ monthly savings, where savings are the per-token price difference times the monthly tokens less the
 * fine-tune's extra fixed hosting cost. Null when an input it needs is missing (hosting defaults to none).
 */
export function computeBreakEven(answers: Answers): BreakEven | null {
  const tokens = monthlyTokens(answers);
  const costs = answers.costs;
  if (tokens === null || !costs) return null;
  const { trainingUsd, currentUsdPerMTok, fineTunedUsdPerMTok } = costs;
  if (trainingUsd === undefined || currentUsdPerMTok === undefined || fineTunedUsdPerMTok === undefined) return null;
  const hosting = costs.hostingUsdPerMonth ?? 0;
  const perTokenSaving = currentUsdPerMTok - fineTunedUsdPerMTok;
  const monthlySavingsUsd = (perTokenSaving * tokens) / 1e6 - hosting;
  const months = monthlySavingsUsd > 0 ? trainingUsd / monthlySavingsUsd : null;
  const tokensPerRequest = answers.volume.tokensPerRequest ?? 0;
  const flip =
    perTokenSaving > 0 && tokensPerRequest > 0
      ? Math.ceil(((trainingUsd / BREAK_EVEN_LIMIT_MONTHS + hosting) * 1e6) / (perTokenSaving * tokensPerRequest))
      : null;
  return {
    monthlyTokens: tokens,
    monthlySavingsUsd: round2(monthlySavingsUsd),
    trainingUsd,
    months: months === null ? null : round2(months),
    withinSixMonths: months !== null && months < BREAK_EVEN_LIMIT_MONTHS,
    requestsPerMonthFor6MonthPayback: flip,
  };
}

const NEEDED: readonly CostInput[] = [
  "volume.tokensPerRequest",
  "costs.trainingUsd",
  "costs.currentUsdPerMTok",
  "costs.fineTunedUsdPerMTok",
];

/** The break-even inputs not given, hosting included (a break-even without it assumes no extra hosting cost). */
export function missingCostInputs(answers: Answers): CostInput[] {
  const given: Record<CostInput, boolean> = {
    "volume.tokensPerRequest": answers.volume.tokensPerRequest !== undefined,
    "costs.trainingUsd": answers.costs?.trainingUsd !== undefined,
    "costs.currentUsdPerMTok": answers.costs?.currentUsdPerMTok !== undefined,
    "costs.fineTunedUsdPerMTok": answers.costs?.fineTunedUsdPerMTok !== undefined,
    "costs.hostingUsdPerMonth": answers.costs?.hostingUsdPerMonth !== undefined,
  };
  const missing = NEEDED.filter((path) => !given[path]);
  return given["costs.hostingUsdPerMonth"] ? missing : [...missing, "costs.hostingUsdPerMonth"];
}

/** True when any cost field was filled in: then the verdict says which of the others are missing. */
export function anyCostGiven(answers: Answers): boolean {
  const c = answers.costs;
  return (
    c !== undefined &&
    (c.trainingUsd !== undefined ||
      c.currentUsdPerMTok !== undefined ||
      c.fineTunedUsdPerMTok !== undefined ||
      c.hostingUsdPerMonth !== undefined)
  );
}

/** What each input is called in a sentence. */
export const COST_INPUT_NAME: Record<CostInput, string> = {
  "volume.tokensPerRequest": "tokens per request",
  "costs.trainingUsd": "the training cost",
  "costs.currentUsdPerMTok": "today's price per million tokens",
  "costs.fineTunedUsdPerMTok": "the fine-tuned model's price per million tokens",
  "costs.hostingUsdPerMonth": "the monthly hosting cost",
};

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
