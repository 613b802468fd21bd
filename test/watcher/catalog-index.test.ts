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

  it("groups entries by vendor and family, the widest line any policy draws", () => {
    const index = buildCatalogIndex(
      ["gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-mini", "claude-3-5-haiku-20241022", "claude-haiku-4-5"].map((id) => row(id, null, "none")),
    );
    expect([...index.byFamily.values()].map((family) => family.map((e) => e.parsed.id))).toEqual([
      ["gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-mini"],
      ["claude-3-5-haiku-20241022", "claude-haiku-4-5"],
    ]);
  });

  it("folds the spellings of one release into one entry", () => {
    const index = buildCatalogIndex([
      row("mistral-small-2506", "2025-06-20", "models.dev release_date"),
      row("mistralai/Mistral-Small-3.2-24B-Instruct-2506", 1750377600, "openrouter created", "openrouter"),
      row("mistral-medium-2508", "2025-08-12", "models.dev release_date"),
      row("mistralai/mistral-medium-3.1", 1755043200, "openrouter created", "openrouter"),
      row("mistralai/mistral-medium-3", 1746576000, "openrouter created", "openrouter"),
    ]);
    expect(index.size).toBe(3);
    const small = lookupModel(index, "mistral-small-2506").entry;
    expect(lookupModel(index, "mistralai/Mistral-Small-3.2-24B-Instruct-2506").entry).toBe(small);
    expect(small?.parsed).toMatchObject({ version: [3, 2], size: "24b" });
    const medium = lookupModel(index, "mistral-medium-2508").entry;
    expect(lookupModel(index, "mistralai/mistral-medium-3.1").entry).toBe(medium);
    expect(medium?.releaseDate).toBe("2025-08-12");
    // No dated id names Medium 3 here: OpenRouter's spelling stays a model of its own.
    expect(lookupModel(index, "mistralai/mistral-medium-3").entry).not.toBe(medium);
  });

  it("finds the one release an id names that no catalog spells that way", () => {
    const index = buildCatalogIndex([
      row("mistralai/Mistral-Small-3.1-24B-Instruct-2503", "2025-03-17", "models.dev release_date"),
      row("amazon/nova-lite-v1", "2024-12-05", "openrouter created"),
      row("amazon/nova-2-lite-v1", "2025-12-02", "openrouter created"),
      row("mistralai/Mistral-7B-Instruct-v0.1", "2023-09-28", "openrouter created"),
    ]);
    expect(lookupModel(index, "mistralai/mistral-small-3.1-24b-instruct").entry?.parsed.id).toBe(
      "mistralai/Mistral-Small-3.1-24B-Instruct-2503",
    );
    expect(lookupModel(index, "vertex_ai/mistral-small-2503@001").entry?.parsed.id).toBe("mistralai/Mistral-Small-3.1-24B-Instruct-2503");
    expect(lookupModel(index, "us.amazon.nova-lite-v1:0").entry?.parsed.id).toBe("amazon/nova-lite-v1");
    expect(lookupModel(index, "mistralai/Mistral-7B-Instruct-v0.2").entry).toBeUndefined();
  });

  it("dates a yearless preview by a dated release of the same version", () => {
    const index = buildCatalogIndex([
      row("gemini-2.5-flash", "2025-06-17", "models.dev release_date"),
      row("gemini-2.5-flash-preview-04-17", null, "none"),
    ]);
    expect(lookupModel(index, "gemini-2.5-flash-preview-04-17").entry?.releaseDate).toBe("2025-04-17");
  });
});
