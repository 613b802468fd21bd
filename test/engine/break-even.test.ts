import { describe, expect, it } from "vitest";
import {
  anyCostGiven,
  BREAK_EVEN_LIMIT_MONTHS,
  computeBreakEven,
  LOW_VOLUME_TOKENS_PER_MONTH,
  missingCostInputs,
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

describe("computeBreakEven (docs/decision-rules.md#rule-5-volume-and-cost)", () => {
  const at = (tokens: number, c: Record<string, number | undefined>) =>
    computeBreakEven(makeAnswers({ volume: { requestsPerMonth: tokens, tokensPerRequest: 1 }, costs: c }));

  it.each<
    [string, number, Record<string, number | undefined>, { savings: number; months: number | null; within: boolean; flip: number | null }]
  >([
    ["training ÷ (price difference × volume)", 10_000_000, costs, { savings: 90, months: 10, within: false, flip: 16_666_667 }],
    [
      "hosting is taken off the savings",
      10_000_000,
      { ...costs, hostingUsdPerMonth: 40 },
      { savings: 50, months: 18, within: false, flip: 21_111_112 },
    ],
    [
      "exactly 6 months is not under 6",
      10_000_000,
      { ...costs, trainingUsd: 540 },
      { savings: 90, months: 6, within: false, flip: 10_000_000 },
    ],
    [
      "just under 6 months is within",
      10_000_000,
      { ...costs, trainingUsd: 539 },
      { savings: 90, months: 5.99, within: true, flip: 9_981_482 },
    ],
    ["free training pays back at once", 10_000_000, { ...costs, trainingUsd: 0 }, { savings: 90, months: 0, within: true, flip: 0 }],
    [
      "zero savings never pay back",
      10_000_000,
      { ...costs, fineTunedUsdPerMTok: 10 },
      { savings: 0, months: null, within: false, flip: null },
    ],
    [
      "hosting eating all savings never pays back",
      10_000_000,
      { ...costs, hostingUsdPerMonth: 90 },
      { savings: 0, months: null, within: false, flip: 26_666_667 },
    ],
    [
      "negative savings never pay back",
      10_000_000,
      { ...costs, hostingUsdPerMonth: 140 },
      { savings: -50, months: null, within: false, flip: 32_222_223 },
    ],
    [
      "a dearer fine-tune never pays back",
      10_000_000,
      { ...costs, fineTunedUsdPerMTok: 12 },
      { savings: -20, months: null, within: false, flip: null },
    ],
    ["zero volume never pays back", 0, costs, { savings: 0, months: null, within: false, flip: 16_666_667 }],
  ])("%s", (_, tokens, c, expected) => {
    expect(at(tokens, c)).toEqual({
      monthlyTokens: tokens,
      monthlySavingsUsd: expected.savings,
      trainingUsd: c.trainingUsd,
      months: expected.months,
      withinSixMonths: expected.within,
      requestsPerMonthFor6MonthPayback: expected.flip,
    });
  });

  it("puts the flip point where training pays back in exactly six months", () => {
    const answers = makeAnswers({
      volume: { requestsPerMonth: 1, tokensPerRequest: 1200 },
      costs: { trainingUsd: 4800, currentUsdPerMTok: 2.5, fineTunedUsdPerMTok: 1, hostingUsdPerMonth: 0 },
    });
    const flip = computeBreakEven(answers)!.requestsPerMonthFor6MonthPayback!;
    expect(flip).toBe(444_445);
    const atFlip = computeBreakEven({ ...answers, volume: { requestsPerMonth: flip, tokensPerRequest: 1200 } })!;
    expect(atFlip.months).toBeLessThanOrEqual(BREAK_EVEN_LIMIT_MONTHS);
    const below = computeBreakEven({ ...answers, volume: { requestsPerMonth: flip - 1, tokensPerRequest: 1200 } })!;
    expect(below.withinSixMonths).toBe(false);
  });

  it("has no flip point when a request uses no tokens", () => {
    const v = computeBreakEven(makeAnswers({ volume: { requestsPerMonth: 10, tokensPerRequest: 0 }, costs }));
    expect(v?.requestsPerMonthFor6MonthPayback).toBeNull();
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

  it("uses the thresholds of the rules", () => {
    expect(BREAK_EVEN_LIMIT_MONTHS).toBe(6);
    expect(LOW_VOLUME_TOKENS_PER_MONTH).toBe(5_000_000);
  });
});

describe("missingCostInputs and anyCostGiven", () => {
  it.each<[string, Parameters<typeof makeAnswers>[0], string[]]>([
    [
      "nothing given",
      {},
      ["volume.tokensPerRequest", "costs.trainingUsd", "costs.currentUsdPerMTok", "costs.fineTunedUsdPerMTok", "costs.hostingUsdPerMonth"],
    ],
    [
      "only the training cost",
      { costs: { trainingUsd: 10 } },
      ["volume.tokensPerRequest", "costs.currentUsdPerMTok", "costs.fineTunedUsdPerMTok", "costs.hostingUsdPerMonth"],
    ],
    ["all but hosting", { volume: { tokensPerRequest: 5 }, costs }, ["costs.hostingUsdPerMonth"]],
    ["everything", { volume: { tokensPerRequest: 5 }, costs: { ...costs, hostingUsdPerMonth: 0 } }, []],
  ])("with %s: %j", (_, overrides, missing) => {
    expect(missingCostInputs(makeAnswers(overrides))).toEqual(missing);
  });

  it("counts a cost as given only when a cost field is filled in", () => {
    expect(anyCostGiven(makeAnswers())).toBe(false);
    expect(anyCostGiven(makeAnswers({ costs: {} }))).toBe(false);
    expect(anyCostGiven(makeAnswers({ volume: { tokensPerRequest: 5 } }))).toBe(false);
    expect(anyCostGiven(makeAnswers({ costs: { hostingUsdPerMonth: 0 } }))).toBe(true);
  });
});
