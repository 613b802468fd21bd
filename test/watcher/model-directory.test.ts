import { describe, expect, it } from "vitest";
import { blendedPrice, createModelDirectory } from "../../src/watcher/model-directory.js";
import type { ModelRecord } from "../../src/watcher/model-record.js";
import { BUNDLED_CATALOG_READ_ON, loadBundledCatalog } from "../../src/watcher/sources/bundled.js";

const record = (id: string, extra: Partial<ModelRecord> = {}): ModelRecord => ({
  id,
  provider: "openai",
  releaseDate: null,
  releaseDateSource: "none",
  source: "models.dev",
  ...extra,
});

describe("the model directory the model menus search", () => {
  it("ranks the exact id first, then ids starting with the query, then ids with a word starting with it", async () => {
    const directory = createModelDirectory(await loadBundledCatalog(), BUNDLED_CATALOG_READ_ON);
    const ids = directory.search("gpt-4o", 100).map((m) => m.id);
    expect(ids[0]).toBe("gpt-4o");
    expect(ids.slice(1, 4).every((id) => id.startsWith("gpt-4o"))).toBe(true);
    const llama = directory.search("llama-3.3", 100).map((m) => m.id);
    expect(llama.length).toBeGreaterThan(0);
    expect(llama).toEqual(["llama-3.3-8b-instruct", "llama-3.3-70b-instruct", "meta-llama/Llama-3.3-70B-Instruct"]);
  });

  it("ranks a word match above a match inside a word, and shorter ids first among equals", () => {
    const directory = createModelDirectory(
      [record("xminiature"), record("o4-mini-deep-research"), record("gpt-4.1-mini"), record("mini-model"), record("o4-mini")],
      "2026-07-02",
    );
    expect(directory.search("mini", 10).map((m) => m.id)).toEqual([
      "mini-model",
      "o4-mini",
      "gpt-4.1-mini",
      "o4-mini-deep-research",
      "xminiature",
    ]);
    expect(directory.search("MINI-MODEL", 10)[0]?.id).toBe("mini-model");
    expect(directory.search("   ", 10)).toEqual([]);
    expect(directory.search("o4 research", 10).map((m) => m.id)).toEqual(["o4-mini-deep-research"]);
  });

  it("answers at most the number asked for", async () => {
    const directory = createModelDirectory(await loadBundledCatalog(), BUNDLED_CATALOG_READ_ON);
    expect(directory.size).toBeGreaterThan(100);
    expect(directory.search("a", 100)).toHaveLength(100);
  });

  it("knows list prices and the day they were read; a price of nothing is no price", async () => {
    const directory = createModelDirectory(await loadBundledCatalog(), BUNDLED_CATALOG_READ_ON);
    const gpt4o = directory.find("GPT-4o")!;
    expect(gpt4o).toMatchObject({
      id: "gpt-4o",
      source: "bundled",
      readOn: "2026-07-02",
      price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 },
    });
    expect(blendedPrice(gpt4o.price!)).toBe(4.375);
    const free = createModelDirectory([record("free-preview", { price: { inputUsdPerMTok: 0, outputUsdPerMTok: 0 } })], "2026-07-02");
    expect(free.find("free-preview")?.price).toBeUndefined();
  });

  it("takes a watch pass's catalogs over the bundled one, keeping bundled models and prices the pass did not bring", () => {
    const directory = createModelDirectory(
      [
        record("gpt-4o", { source: "bundled", price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 } }),
        record("old-model", { source: "bundled" }),
      ],
      "2026-07-02",
    );
    directory.refresh(
      [
        record("gpt-4o"),
        record("gpt-5", { price: { inputUsdPerMTok: 1.25, outputUsdPerMTok: 10 } }),
        record("ft:gpt-5", { source: "litellm", priceOnly: true, price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 20 } }),
      ],
      "2026-11-24",
    );
    expect(directory.find("gpt-5")).toMatchObject({ readOn: "2026-11-24", price: { inputUsdPerMTok: 1.25 } });
    expect(directory.find("gpt-4o")).toMatchObject({ source: "bundled", readOn: "2026-07-02", price: { inputUsdPerMTok: 2.5 } });
    expect(directory.search("old-model", 5).map((m) => m.id)).toEqual(["old-model"]);
    // A price-only row is found by id but never offered in a menu.
    expect(directory.find("ft:gpt-5")?.price?.outputUsdPerMTok).toBe(20);
    expect(directory.search("ft:gpt-5", 5)).toEqual([]);
  });
});
