import { describe, expect, it } from "vitest";
import { describeClosing, fineTuneFactFor, PROVIDER_FINE_TUNE_FACTS } from "../../src/engine/provider-facts.js";

const openai = fineTuneFactFor("gpt-4o-2024-08-06")!;

describe("provider facts (rule 11)", () => {
  it("date every stage and name a source", () => {
    for (const fact of PROVIDER_FINE_TUNE_FACTS) {
      expect(fact.source.length).toBeGreaterThan(0);
      for (const stage of fact.stages) expect(stage.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const dates = fact.stages.map((s) => s.from);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it("carry OpenAI's three dates and the base-model retirement caveat", () => {
    expect(openai.provider).toBe("OpenAI");
    expect(openai.stages.map((s) => s.from)).toEqual(["2026-05-07", "2026-07-02", "2027-01-06"]);
    expect(openai.note).toMatch(/base model retires/);
  });

  it.each([
    "gpt-4o-2024-08-06",
    "gpt-4.1-mini",
    "openai/gpt-4o-mini",
    "GPT-4-0613",
    "o3-mini",
    "o1",
    "ft:gpt-4o-mini:acme::abc",
    "chatgpt-4o-latest",
  ])("recognise %s as OpenAI", (id) => {
    expect(fineTuneFactFor(id)?.provider).toBe("OpenAI");
  });

  it.each([
    "meta-llama/Llama-3.1-8B-Instruct",
    "claude-3-5-sonnet-20241022",
    "Qwen/Qwen2.5-7B-Instruct",
    "openai/gpt-oss-20b",
    "gpt-oss-120b",
    "mistral-large",
    "o3ville-7b",
  ])("do not claim %s", (id) => {
    expect(fineTuneFactFor(id)).toBeUndefined();
  });
});

describe("describeClosing", () => {
  it("lists every stage as coming when no day is given", () => {
    const text = describeClosing(openai, undefined);
    expect(text).toContain("on 2026-05-07");
    expect(text).toContain("on 2026-07-02");
    expect(text).toContain("on 2027-01-06");
    expect(text).not.toContain("no longer accepts");
  });

  it.each<[string, string[], string[]]>([
    ["2026-01-15", [], ["2026-05-07", "2026-07-02", "2027-01-06"]],
    ["2026-05-06", [], ["2026-05-07", "2026-07-02", "2027-01-06"]],
    ["2026-05-07", ["2026-05-07"], ["2026-07-02", "2027-01-06"]],
    ["2026-06-01", ["2026-05-07"], ["2026-07-02", "2027-01-06"]],
    ["2026-07-02", ["2026-05-07", "2026-07-02"], ["2027-01-06"]],
    ["2026-12-31", ["2026-05-07", "2026-07-02"], ["2027-01-06"]],
    ["2027-01-06", ["2026-05-07", "2026-07-02", "2027-01-06"], []],
    ["2028-03-01", ["2026-05-07", "2026-07-02", "2027-01-06"], []],
  ])("as of %s: past %j, coming %j", (asOf, past, coming) => {
    const text = describeClosing(openai, asOf);
    for (const day of past) expect(text).toContain(`(since ${day})`);
    for (const day of coming) expect(text).toContain(`on ${day}`);
    expect(text.includes(`as of ${asOf}`)).toBe(past.length > 0);
    expect(text).toContain(openai.source);
  });
});
