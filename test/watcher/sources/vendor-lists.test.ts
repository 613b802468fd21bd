import { describe, expect, it } from "vitest";
import { ModelRecord } from "../../../src/watcher/model-record.js";
import { ANTHROPIC_MODELS_URL, anthropicSource } from "../../../src/watcher/sources/anthropic.js";
import { OPENAI_MODELS_URL, openAiSource } from "../../../src/watcher/sources/openai.js";
import { fakeFetch, jsonResponse, readCatalog } from "../fake-fetch.js";

const samples = readCatalog("provider-api-samples.json") as {
  openai_v1_models: { response: { data: unknown[] } };
  anthropic_v1_models: { response: { data: unknown[] } };
};
const ctx = (fetch: typeof globalThis.fetch) => ({ fetch, timeoutMs: 1000, recordedIds: [] });

describe("OpenAI model list", () => {
  it("parses the recorded /v1/models body with the key as a bearer token", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(samples.openai_v1_models.response));
    const records = await openAiSource("sk-test").fetchModels(ctx(fetch));
    expect(calls).toEqual([{ url: OPENAI_MODELS_URL, headers: expect.objectContaining({ authorization: "Bearer sk-test" }) }]);
    expect(records).toHaveLength(samples.openai_v1_models.response.data.length);
    for (const record of records) expect(ModelRecord.safeParse(record).success).toBe(true);
    expect(records.find((r) => r.id === "gpt-4")).toMatchObject({ releaseDate: "2023-06-27", releaseDateSource: "openai created" });
    // `created` 2024-01-23 dates the year of the 0125 snapshot; the id gives the day.
    expect(records.find((r) => r.id === "gpt-3.5-turbo-0125")).toMatchObject({
      releaseDate: "2024-01-25",
      releaseDateSource: "date in id",
    });
  });
});

describe("Anthropic model list", () => {
  it("parses the recorded /v1/models body with the key and API version headers", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(samples.anthropic_v1_models.response));
    const records = await anthropicSource("ak-test").fetchModels(ctx(fetch));
    expect(calls[0]!.url.startsWith(ANTHROPIC_MODELS_URL)).toBe(true);
    expect(calls[0]!.headers).toMatchObject({ "x-api-key": "ak-test", "anthropic-version": "2023-06-01" });
    expect(records.map((r) => [r.id, r.releaseDate])).toEqual([
      ["claude-3-5-sonnet-20241022", "2024-10-22"],
      ["claude-3-5-haiku-20241022", "2024-10-22"],
    ]);
  });

  it("follows has_more pages", async () => {
    const page = (id: string, more: boolean) => ({
      data: [{ type: "model", id, display_name: id, created_at: "2025-01-01T00:00:00Z" }],
      has_more: more,
      last_id: id,
    });
    const { fetch, calls } = fakeFetch((url) =>
      jsonResponse(url.searchParams.get("after_id") ? page("claude-b", false) : page("claude-a", true)),
    );
    const records = await anthropicSource("k").fetchModels(ctx(fetch));
    expect(records.map((r) => r.id)).toEqual(["claude-a", "claude-b"]);
    expect(new URL(calls[1]!.url).searchParams.get("after_id")).toBe("claude-a");
  });
});
