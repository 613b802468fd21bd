import { describe, expect, it } from "vitest";
import { findLifecycle, findNewerVersions } from "../../../src/watcher/compare.js";
import { LITELLM_URL, liteLlmSource, parseLiteLlm } from "../../../src/watcher/sources/litellm.js";
import { fakeFetch, jsonResponse, readCatalog } from "../fake-fetch.js";

// A subset of the recorded model_prices_and_context_window.json (BerriAI/litellm 579843b), entries verbatim.
const body = readCatalog("litellm-model-prices-subset.json");

describe("LiteLLM source", () => {
  it("keeps the vendors' own deprecation dates from the recorded file", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(body));
    const records = await liteLlmSource().fetchModels({ fetch, timeoutMs: 1000, recordedIds: [] });
    expect(calls.map((c) => c.url)).toEqual([LITELLM_URL]);
    const ids = records.filter((r) => !r.priceOnly).map((r) => r.id);
    expect(ids).toContain("gpt-4-0613");
    expect(ids).toContain("gemini-1.5-pro-001");
    expect(ids.some((id) => id.includes("/"))).toBe(false);
    expect(ids).not.toContain("sample_spec");
    expect(ids).not.toContain("gpt-4o");
    expect(records.find((r) => r.id === "claude-3-5-sonnet-20241022")).toEqual({
      id: "claude-3-5-sonnet-20241022",
      provider: "anthropic",
      releaseDate: "2024-10-22",
      releaseDateSource: "date in id",
      status: "deprecated",
      retirementDate: "2025-10-01",
      source: "litellm",
      price: { inputUsdPerMTok: 3, outputUsdPerMTok: 15 },
    });
  });

  it("lists every other priced vendor model, fine-tuned prices included, as prices the watch skips", () => {
    const records = parseLiteLlm(body, "litellm");
    expect(records.find((r) => r.id === "gpt-4o")).toEqual({
      id: "gpt-4o",
      provider: "openai",
      releaseDate: null,
      releaseDateSource: "none",
      source: "litellm",
      price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 },
      priceOnly: true,
    });
    expect(records.find((r) => r.id === "ft:gpt-4o-mini-2024-07-18")).toMatchObject({
      price: { inputUsdPerMTok: 0.3, outputUsdPerMTok: 1.2 },
      priceOnly: true,
    });
    // Embeddings are no model a team would fine-tune or compare with.
    expect(records.map((r) => r.id)).not.toContain("text-embedding-3-large");
    expect(findNewerVersions("gpt-4o-2024-05-13", records).map((v) => v.id)).toEqual([]);
  });

  it("answers findLifecycle with the date", () => {
    expect(findLifecycle("gpt-3.5-turbo-1106", parseLiteLlm(body, "litellm"))).toEqual({
      status: "deprecated",
      retirementDate: "2026-09-28",
      source: "litellm",
    });
  });
});
