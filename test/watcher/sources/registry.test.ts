import { describe, expect, it } from "vitest";
import { sourcesFromConfig } from "../../../src/watcher/sources/registry.js";

const names = (config: Parameters<typeof sourcesFromConfig>[0]) => sourcesFromConfig(config).map((s) => s.name);

describe("sourcesFromConfig", () => {
  it.each([
    [{}, ["bundled", "models.dev", "openrouter", "huggingface"]],
    [{ OPENAI_API_KEY: "sk" }, ["bundled", "models.dev", "openrouter", "huggingface", "openai"]],
    [{ ANTHROPIC_API_KEY: "ak", OPENAI_API_KEY: "" }, ["bundled", "models.dev", "openrouter", "huggingface", "anthropic"]],
    [{ MODEL_SOURCES: "bundled" }, ["bundled"]],
    [{ MODEL_SOURCES: " openrouter , litellm,openrouter " }, ["openrouter", "litellm"]],
    [{ MODEL_SOURCES: "openai,anthropic", OPENAI_API_KEY: "sk", ANTHROPIC_API_KEY: "ak" }, ["openai", "anthropic"]],
  ])("%j → %j", (config, expected) => {
    expect(names(config)).toEqual(expected);
  });

  it("names every unknown source", () => {
    expect(() => names({ MODEL_SOURCES: "bundled,modelsdev,hf" })).toThrow(
      /^MODEL_SOURCES: unknown sources modelsdev, hf \(known: bundled, models.dev, openrouter, huggingface, openai, anthropic, litellm\)$/,
    );
  });

  it("needs the API key of a vendor list it is asked for", () => {
    expect(() => names({ MODEL_SOURCES: "openai" })).toThrow("MODEL_SOURCES: openai needs OPENAI_API_KEY");
  });

  it("points sources at the configured URLs", async () => {
    const seen: string[] = [];
    const fetch = (async (url: string) => {
      seen.push(String(url));
      return new Response(JSON.stringify({ data: [] }));
    }) as typeof globalThis.fetch;
    const [source] = sourcesFromConfig({ MODEL_SOURCES: "openrouter", OPENROUTER_URL: "http://localhost:9/models" });
    await source!.fetchModels({ fetch, timeoutMs: 1000, recordedIds: [] });
    expect(seen).toEqual(["http://localhost:9/models"]);
  });
});
