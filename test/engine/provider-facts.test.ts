import { describe, expect, it } from "vitest";
import { closingStages, describeModel, factsDay } from "../../src/engine/models.js";
import { CLOSED_MODEL_PROVIDERS, FACTS_READ_ON, OPEN_WEIGHT_FAMILIES, type Source } from "../../src/engine/provider-facts.js";

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const openai = CLOSED_MODEL_PROVIDERS.find((p) => p.provider === "OpenAI")!;

function checkSource(s: Source) {
  expect(s.url).toMatch(/^https:\/\/[^\s]+$/);
  expect(s.read).toMatch(ISO);
  if (s.snapshotOf) expect(s.snapshotOf <= s.read).toBe(true);
  expect(s.says.length).toBeGreaterThan(20);
}

describe("the provider facts table (docs/decision-rules.md#rule-11-provider-facts)", () => {
  it("dates and sources every closed-model provider", () => {
    expect(FACTS_READ_ON).toMatch(ISO);
    for (const p of CLOSED_MODEL_PROVIDERS) {
      expect(p.sources.length, p.provider).toBeGreaterThan(0);
      p.sources.forEach(checkSource);
      if (p.tunableUntil) expect(p.tunableUntil).toMatch(ISO);
      const days = (p.closing ?? []).map((s) => s.from);
      for (const d of days) expect(d).toMatch(ISO);
      expect(days).toEqual([...days].sort());
    }
  });

  it("sources every open-weight family a hosted service fine-tunes", () => {
    for (const f of OPEN_WEIGHT_FAMILIES) {
      if (f.hostedFineTuning) expect(f.sources.length, f.family).toBeGreaterThan(0);
      f.sources.forEach(checkSource);
    }
  });

  it("carries OpenAI's three dates and the base-model retirement caveat", () => {
    expect(openai.closing?.map((s) => s.from)).toEqual(["2026-05-07", "2026-07-02", "2027-01-06"]);
    expect(openai.caveat).toMatch(/until its base model retires/);
  });
});

describe("describeModel: what the model is, not what was typed about it", () => {
  it.each([
    ["gpt-4o-2024-08-06", "OpenAI", true],
    ["gpt-4.1-nano", "OpenAI", true],
    ["gpt-4.1-mini-2025-04-14", "OpenAI", true],
    ["openai/gpt-4o-mini", "OpenAI", true],
    ["ft:gpt-4o-mini:acme::abc", "OpenAI", true],
    ["gpt-5", "OpenAI", false],
    ["o3-mini", "OpenAI", false],
    ["chatgpt-4o-latest", "OpenAI", false],
    ["claude-3-haiku-20240307", "Anthropic", true],
    ["bedrock/anthropic.claude-3-haiku-20240307-v1:0", "Anthropic", true],
    ["claude-sonnet-4-5", "Anthropic", false],
    ["anthropic/claude-3.5-sonnet", "Anthropic", false],
    ["gemini-2.5-flash", "Google", true],
    ["gemini-2.0-flash-lite-001", "Google", true],
    ["gemini-3-pro-preview", "Google", false],
    ["amazon.nova-lite-v1:0", "Amazon", true],
    ["amazon.nova-premier-v1:0", "Amazon", false],
    ["command-r-08-2024", "Cohere", true],
    ["command-a-03-2025", "Cohere", false],
  ])("%s is a closed %s model, tunable: %s (as of 2025-06-01)", (id, provider, tunable) => {
    const m = describeModel(id, "2025-06-01");
    expect(m.kind).toBe("closed");
    if (m.kind !== "closed") return;
    expect(m.provider.provider).toBe(provider);
    expect(m.tunable).toBe(tunable);
  });

  it.each([
    ["meta-llama/Llama-3.1-8B-Instruct", "Llama"],
    ["Qwen/Qwen2.5-7B-Instruct", "Qwen"],
    ["openai/gpt-oss-20b", "gpt-oss"],
    ["gpt-oss-120b", "gpt-oss"],
    ["mistral-large-latest", "Mistral"],
    ["mistralai/Mistral-7B-Instruct-v0.3", "Mistral"],
    ["google/gemma-2-2b-it", "Gemma"],
    ["deepseek-ai/DeepSeek-V3", "DeepSeek"],
    ["microsoft/phi-4", "other open-weight"],
    ["CohereLabs/c4ai-command-r7b-12-2024", "other open-weight"],
  ])("%s is open-weight (%s)", (id, family) => {
    const m = describeModel(id, undefined);
    expect(m.kind).toBe("open-weight");
    if (m.kind === "open-weight") expect(m.family.family).toBe(family);
  });

  it.each(["acme/house-model-9b", "o3ville-7b", "my-model"])("%s is unknown", (id) => {
    expect(describeModel(id, undefined).kind).toBe("unknown");
  });

  it("applies a provider's end of customer fine-tuning from its date", () => {
    const before = describeModel("command-r-08-2024", "2025-09-14");
    const after = describeModel("command-r-08-2024", "2025-09-15");
    expect(before.kind === "closed" && before.tunable).toBe(true);
    expect(after.kind === "closed" && after.tunable).toBe(false);
  });

  it("reads dated facts on the day the facts were checked when the answers give no day", () => {
    expect(factsDay(undefined)).toBe(FACTS_READ_ON);
    expect(factsDay("2027-03-01")).toBe("2027-03-01");
  });
});

describe("closingStages", () => {
  it.each<[string, string[], string[]]>([
    ["2026-01-15", [], ["2026-05-07", "2026-07-02", "2027-01-06"]],
    ["2026-05-06", [], ["2026-05-07", "2026-07-02", "2027-01-06"]],
    ["2026-05-07", ["2026-05-07"], ["2026-07-02", "2027-01-06"]],
    ["2026-07-02", ["2026-05-07", "2026-07-02"], ["2027-01-06"]],
    ["2027-01-05", ["2026-05-07", "2026-07-02"], ["2027-01-06"]],
    ["2027-01-06", ["2026-05-07", "2026-07-02", "2027-01-06"], []],
  ])("as of %s: begun %j, to come %j", (asOf, past, coming) => {
    const stages = closingStages(openai, asOf);
    expect(stages.past.map((s) => s.from)).toEqual(past);
    expect(stages.coming.map((s) => s.from)).toEqual(coming);
    expect(stages.last?.from).toBe("2027-01-06");
  });
});
