import { describe, expect, it } from "vitest";
import { findLifecycle } from "../../../src/watcher/compare.js";
import { LITELLM_URL, liteLlmSource, parseLiteLlm } from "../../../src/watcher/sources/litellm.js";
import { fakeFetch, jsonResponse, readCatalog } from "../fake-fetch.js";

// A subset of the recorded model_prices_and_context_window.json (BerriAI/litellm 579843b), entries verbatim.
const body = readCatalog("litellm-model-prices-subset.json");

describe("LiteLLM source", () => {
  it("keeps the vendors' own deprecation dates from the recorded file", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(body));
    const records = await liteLlmSource().fetchModels({ fetch, timeoutMs: 1000, recordedIds: [] });
    expect(calls.map((c) => c.url)).toEqual([LITELLM_URL]);
    const ids = records.map((r) => r.id);
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
    });
  });

  it("answers findLifecycle with the date", () => {
    expect(findLifecycle("gpt-3.5-turbo-1106", parseLiteLlm(body, "litellm"))).toEqual({
      status: "deprecated",
      retirementDate: "2026-09-28",
      source: "litellm",
    });
  });
});
