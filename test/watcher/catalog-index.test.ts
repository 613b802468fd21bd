import { describe, expect, it } from "vitest";
import { buildCatalogIndex, lookupModel } from "../../src/watcher/catalog-index.js";
import { catalogRecord, type DATE_SOURCES } from "../../src/watcher/model-record.js";

const row = (id: string, date: string | number | null, dateSource: (typeof DATE_SOURCES)[number], source = "test") =>
  catalogRecord({ id, provider: "p", source, date, dateSource });

describe("buildCatalogIndex", () => {
  it("groups the ids of one model and keeps the best date", () => {
    const index = buildCatalogIndex([
      row("meta-llama/llama-3.1-8b-instruct", 1721692800, "openrouter created", "openrouter"),
      row("meta-llama/Meta-Llama-3.1-8B-Instruct", "2024-07-23", "models.dev release_date (third-party provider)"),
      row("meta-llama/Llama-3.1-8B-Instruct", "2024-07-18T08:56:00.000Z", "huggingface createdAt", "huggingface"),
      row("meta-llama/Llama-3.1-70B-Instruct", "2024-07-23", "models.dev release_date"),
    ]);
    expect(index.size).toBe(2);
    const { entry } = lookupModel(index, "META-LLAMA/LLAMA-3.1-8B-INSTRUCT");
    expect(entry?.records.map((r) => r.source)).toEqual(["openrouter", "test", "huggingface"]);
    expect(entry?.releaseDate).toBe("2024-07-18");
    expect(lookupModel(index, "unsloth/Llama-3.1-8B-Instruct-bnb-4bit").entry).toBe(entry);
  });

  it("prefers a date in the id, then the more precise date", () => {
    const index = buildCatalogIndex([
      row("mistral-large-2512", "2024-11-01", "models.dev release_date"),
      row("mistralai/mistral-large-2512", 1764624472, "openrouter created"),
    ]);
    expect(lookupModel(index, "mistral-large-2512").entry?.releaseDate).toBe("2025-12-01");
  });

  it("keeps one line per vendor, tier, variant, kind and size", () => {
    const index = buildCatalogIndex(
      ["gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-mini", "claude-3-5-haiku-20241022", "claude-haiku-4-5"].map((id) => row(id, null, "none")),
    );
    expect([...index.byLine.values()].map((line) => line.map((e) => e.parsed.id))).toEqual([
      ["gpt-4o", "gpt-4o-2024-05-13"],
      ["gpt-4o-mini"],
      ["claude-3-5-haiku-20241022", "claude-haiku-4-5"],
    ]);
  });
});
