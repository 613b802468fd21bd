import { describe, expect, it } from "vitest";
import {
  BREAK_EVEN_LIMIT_MONTHS,
  computeBreakEven,
  formatUsd,
  LOW_VOLUME_TOKENS_PER_MONTH,
  monthlyTokens,
} from "../../src/engine/break-even.js";
import { makeAnswers } from "./answers-factory.js";

const costs = { trainingUsd: 900, currentUsdPerMTok: 10, fineTunedUsdPerMTok: 1 };

describe("monthlyTokens", () => {
  it("is requests × tokens per request", () => {
    expect(monthlyTokens(makeAnswers({ volume: { requestsPerMonth: 10_000, tokensPerRequest: 1500 } }))).toBe(15_000_000);
  });

  it("is null without tokens per request", () => {
    expect(monthlyTokens(makeAnswers({ volume: { requestsPerMonth: 10_000 } }))).toBeNull();
  });
});

describe("computeBreakEven (rule 5, seed 000 step 4)", () => {
  const at = (tokens: number, c: Record<string, number | undefined>) =>
    computeBreakEven(makeAnswers({ volume: { requestsPerMonth: tokens, tokensPerRequest: 1 }, costs: c }));

  it.each<[string, number, Record<string, number | undefined>, { savings: number; months: number | null; within: boolean }]>([
    ["training ÷ (price difference × volume)", 10_000_000, costs, { savings: 90, months: 10, within: false }],
    ["hosting is taken off the savings", 10_000_000, { ...costs, hostingUsdPerMonth: 40 }, { savings: 50, months: 18, within: false }],
    ["exactly 6 months is not under 6", 10_000_000, { ...costs, trainingUsd: 540 }, { savings: 90, months: 6, within: false }],
    ["just under 6 months is within", 10_000_000, { ...costs, trainingUsd: 539 }, { savings: 90, months: 5.99, within: true }],
    ["free training pays back at once", 10_000_000, { ...costs, trainingUsd: 0 }, { savings: 90, months: 0, within: true }],
    [
      "zero savings never pay back (months null)",
      10_000_000,
      { ...costs, fineTunedUsdPerMTok: 10 },
      { savings: 0, months: null, within: false },
    ],
    [
      "hosting eating all savings never pays back",
      10_000_000,
      { ...costs, hostingUsdPerMonth: 90 },
      { savings: 0, months: null, within: false },
    ],
    ["negative savings never pay back", 10_000_000, { ...costs, hostingUsdPerMonth: 140 }, { savings: -50, months: null, within: false }],
    [
      "a dearer fine-tune never pays back",
      10_000_000,
      { ...costs, fineTunedUsdPerMTok: 12 },
      { savings: -20, months: null, within: false },
    ],
    ["zero volume never pays back", 0, costs, { savings: 0, months: null, within: false }],
  ])("%s", (_, tokens, c, expected) => {
    expect(at(tokens, c)).toEqual({
      monthlyTokens: tokens,
      monthlySavingsUsd: expected.savings,
      trainingUsd: c.trainingUsd,
      months: expected.months,
      withinSixMonths: expected.within,
    });
  });

  it("rounds money and months to cents but decides on the exact value", () => {
    const result = at(3_000_000, { trainingUsd: 100, currentUsdPerMTok: 10, fineTunedUsdPerMTok: 4.3333 });
    expect(result).toMatchObject({ monthlySavingsUsd: 17, months: 5.88, withinSixMonths: true });
  });

  it.each<[string, Parameters<typeof makeAnswers>[0]]>([
    ["tokens per request", { costs }],
    ["costs", { volume: { tokensPerRequest: 1000 } }],
    ["the training cost", { volume: { tokensPerRequest: 1000 }, costs: { currentUsdPerMTok: 10, fineTunedUsdPerMTok: 1 } }],
    ["today's price", { volume: { tokensPerRequest: 1000 }, costs: { trainingUsd: 900, fineTunedUsdPerMTok: 1 } }],
    ["the fine-tuned price", { volume: { tokensPerRequest: 1000 }, costs: { trainingUsd: 900, currentUsdPerMTok: 10 } }],
  ])("is null without %s", (_, overrides) => {
    expect(computeBreakEven(makeAnswers(overrides))).toBeNull();
  });

  it("treats missing hosting as no extra fixed cost", () => {
    expect(at(10_000_000, costs)?.monthlySavingsUsd).toBe(90);
  });

  it("uses the thresholds of seed 000", () => {
    expect(BREAK_EVEN_LIMIT_MONTHS).toBe(6);
    expect(LOW_VOLUME_TOKENS_PER_MONTH).toBe(5_000_000);
  });
});

describe("formatUsd", () => {
  it.each([
    [0, "$0"],
    [300, "$300"],
    [10_420.5, "$10,420.5"],
    [-50, "-$50"],
    [1234.567, "$1,234.57"],
  ])("%d reads as %s", (n, text) => {
    expect(formatUsd(n)).toBe(text);
  });
});
