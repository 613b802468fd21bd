import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ModelRecord } from "../../../src/watcher/model-record.js";
import { bundledSource } from "../../../src/watcher/sources/bundled.js";
import { MODELS_DEV_URL, modelsDevSource, parseModelsDev } from "../../../src/watcher/sources/models-dev.js";
import { BUNDLED_CATALOG, fakeFetch, jsonResponse } from "../fake-fetch.js";

const body = JSON.parse(readFileSync(BUNDLED_CATALOG, "utf8")) as Record<string, { models: Record<string, unknown> }>;
const ctx = (fetch: typeof globalThis.fetch) => ({ fetch, timeoutMs: 1000, recordedIds: [] });

describe("models.dev source", () => {
  it("parses the recorded api.json through an injected fetch", async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse(body));
    const records = await modelsDevSource().fetchModels(ctx(fetch));
    expect(calls.map((c) => c.url)).toEqual([MODELS_DEV_URL]);
    expect(records).toHaveLength(239);
    for (const record of records) expect(ModelRecord.safeParse(record).success).toBe(true);
    expect(records.find((r) => r.id === "gpt-4o")).toEqual({
      id: "gpt-4o",
      provider: "openai",
      releaseDate: "2024-05-13",
      releaseDateSource: "models.dev release_date",
      family: "gpt",
      source: "models.dev",
      price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 },
    });
  });

  it("keeps models.dev's status and prefers the date in the id", () => {
    const records = parseModelsDev(body, "models.dev");
    expect(records.find((r) => r.id === "claude-3-5-sonnet-20241022")).toMatchObject({ status: "deprecated" });
    expect(records.find((r) => r.id === "mistral-large-2512")).toMatchObject({
      releaseDate: "2025-12",
      releaseDateSource: "date in id",
    });
    expect(records.find((r) => r.id === "qwen3-32b")).toMatchObject({ releaseDate: "2025-04" });
  });

  it("skips malformed models and rejects a body of another shape", () => {
    const mixed = { openai: { models: { good: { id: "gpt-9", release_date: "2027-01-01" }, bad: { id: 42 }, worse: null } } };
    expect(parseModelsDev(mixed, "models.dev").map((r) => r.id)).toEqual(["gpt-9"]);
    expect(() => parseModelsDev({ data: [] }, "models.dev")).toThrow(/^models.dev: unexpected response shape/);
  });

  it("bundles the same catalog, read offline", async () => {
    const records = await bundledSource().fetchModels(ctx(fakeFetch(() => Promise.reject(new Error("offline"))).fetch));
    expect(records).toHaveLength(239);
    expect(new Set(records.map((r) => r.source))).toEqual(new Set(["bundled"]));
  });
});
