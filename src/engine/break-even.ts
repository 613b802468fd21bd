import type { Answers } from "./answers.js";
import type { BreakEven } from "./verdict.js";

/** Seed 000: under about 5 million tokens a month, training rarely pays back. */
export const LOW_VOLUME_TOKENS_PER_MONTH = 5_000_000;
/** Seed 000 step 4: a break-even under six months makes fine-tuning worth exploring. */
export const BREAK_EVEN_LIMIT_MONTHS = 6;

export function monthlyTokens(answers: Answers): number | null {
  const { requestsPerMonth, tokensPerRequest } = answers.volume;
  return tokensPerRequest === undefined ? null : requestsPerMonth * tokensPerRequest;
}

/**
 * Seed 000 step 4: training cost ÷ (per-token cost difference × volume per month), with the fine-tune's extra
 * fixed hosting cost taken off the savings. Null when an input it needs is missing.
 */
export function computeBreakEven(answers: Answers): BreakEven | null {
  const tokens = monthlyTokens(answers);
  const costs = answers.costs;
  if (tokens === null || !costs) return null;
  const { trainingUsd, currentUsdPerMTok, fineTunedUsdPerMTok } = costs;
  if (trainingUsd === undefined || currentUsdPerMTok === undefined || fineTunedUsdPerMTok === undefined) return null;
  const hosting = costs.hostingUsdPerMonth ?? 0;
  const monthlySavingsUsd = ((currentUsdPerMTok - fineTunedUsdPerMTok) * tokens) / 1e6 - hosting;
  const months = monthlySavingsUsd > 0 ? trainingUsd / monthlySavingsUsd : null;
  return {
    monthlyTokens: tokens,
    monthlySavingsUsd: round2(monthlySavingsUsd),
    trainingUsd,
    months: months === null ? null : round2(months),
    withinSixMonths: months !== null && months < BREAK_EVEN_LIMIT_MONTHS,
  };
}

// Built once: toLocaleString builds a formatter on every call, which dominated the engine's time.
const USD = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const COUNT = new Intl.NumberFormat("en-US");

/** `-$50`, `$10,420.5`: money as a reviewer reads it. */
export function formatUsd(n: number): string {
  return `${n < 0 ? "-" : ""}$${USD.format(Math.abs(n))}`;
}

/** `2,700,000,000`. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
