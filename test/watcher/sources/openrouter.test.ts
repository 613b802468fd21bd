import { describe, expect, it } from "vitest";
import { ModelRecord } from "../../../src/watcher/model-record.js";
import { OPENROUTER_URL, openRouterSource, parseOpenRouter } from "../../../src/watcher/sources/openrouter.js";
import { fakeFetch, jsonResponse, readCatalog } from "../fake-fetch.js";

const body = readCatalog("openrouter-models-2026-05-15.json");

describe("OpenRouter source", () => {
  it("parses the recorded /api/v1/models body through an injected fetch", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(body));
    const records = await openRouterSource().fetchModels({ fetch, timeoutMs: 1000, recordedIds: [] });
    expect(calls.map((c) => c.url)).toEqual([OPENROUTER_URL]);
    expect(records.length).toBeGreaterThan(300);
    for (const record of records) expect(ModelRecord.safeParse(record).success).toBe(true);
    expect(records.find((r) => r.id === "openai/gpt-4o-2024-08-06")).toEqual({
      id: "openai/gpt-4o-2024-08-06",
      provider: "openrouter",
      releaseDate: "2024-08-06",
      releaseDateSource: "date in id",
      source: "openrouter",
    });
  });

  it("records open weights under their Hugging Face id, once, and drops router aliases", () => {
    const ids = parseOpenRouter(body, "openrouter").map((r) => r.id);
    expect(ids).toContain("deepseek-ai/DeepSeek-V3");
    expect(ids).not.toContain("deepseek/deepseek-chat");
    expect(ids.filter((id) => id === "google/gemma-4-31B-it")).toHaveLength(1);
    expect(ids.some((id) => id.startsWith("~") || id.endsWith(":free"))).toBe(false);
  });

  it("turns expiration_date into a retirement date", () => {
    const records = parseOpenRouter(body, "openrouter");
    expect(records.find((r) => r.id === "google/gemini-2.0-flash-lite-001")).toMatchObject({
      status: "deprecated",
      retirementDate: "2026-06-01",
      releaseDate: "2025-02-25",
      releaseDateSource: "openrouter created",
    });
  });

  it("skips malformed models and rejects a body of another shape", () => {
    const mixed = { data: [{ id: "x/ok", created: 1700000000 }, { id: "x/no-created" }, "junk"] };
    expect(parseOpenRouter(mixed, "openrouter").map((r) => r.id)).toEqual(["x/ok"]);
    expect(() => parseOpenRouter({ models: [] }, "openrouter")).toThrow(/^openrouter: unexpected response shape at data/);
  });
});
