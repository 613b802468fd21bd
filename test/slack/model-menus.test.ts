import { describe, expect, it } from "vitest";
import { buildModelOptions } from "../../src/slack/builders/build-model-options.js";
import { priceFill, usd } from "../../src/slack/questionnaire/price-hints.js";
import { createModelDirectory, type DirectoryModel } from "../../src/watcher/model-directory.js";
import type { ModelRecord } from "../../src/watcher/model-record.js";
import { BUNDLED_CATALOG_READ_ON, loadBundledCatalog } from "../../src/watcher/sources/bundled.js";
import { validateOptionsAnswer } from "../emulator/block-kit-limits.js";

const model = (id: string, extra: Partial<DirectoryModel> = {}): DirectoryModel => ({
  id,
  provider: "openai",
  source: "bundled",
  readOn: "2026-07-02",
  ...extra,
});
const values = (answer: { options?: Array<{ value?: string }>; option_groups?: Array<{ options: Array<{ value?: string }> }> }) =>
  answer.options?.map((o) => o.value) ?? answer.option_groups!.flatMap((g) => g.options.map((o) => o.value));

describe("a model menu's options", () => {
  it("offers the catalog's matches, with provider and price, and nothing else when one is exact", () => {
    const answer = buildModelOptions("gpt-4o", [
      model("gpt-4o", { price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 } }),
      model("gpt-4o-mini"),
    ]);
    expect(answer).toEqual({
      options: [
        {
          text: { type: "plain_text", text: "gpt-4o" },
          value: "gpt-4o",
          description: { type: "plain_text", text: "openai · $2.5 in, $10 out per 1M tokens" },
        },
        { text: { type: "plain_text", text: "gpt-4o-mini" }, value: "gpt-4o-mini", description: { type: "plain_text", text: "openai" } },
      ],
    });
    expect(validateOptionsAnswer(answer)).toEqual([]);
  });

  it("offers what was typed when no model has that id, so a private model can be picked on purpose", () => {
    const answer = buildModelOptions("acme/clause-tagger-v2", [model("acme-old")]);
    expect(values(answer)).toEqual(["acme-old", "acme/clause-tagger-v2"]);
    expect(JSON.stringify(answer)).toContain("Not in the catalogs: use it as typed");
    expect(validateOptionsAnswer(answer)).toEqual([]);
    expect(values(buildModelOptions("private-only", []))).toEqual(["private-only"]);
    expect(validateOptionsAnswer(buildModelOptions("", []))).toEqual([]);
  });

  it("stays within Slack's limits: 100 options at most, values and texts of 75 characters", () => {
    const many = Array.from({ length: 150 }, (_, i) => model(`model-${i}`));
    const answer = buildModelOptions("model", many);
    expect(values(answer)).toHaveLength(100);
    expect(validateOptionsAnswer(answer)).toEqual([]);
    const long = buildModelOptions("x".repeat(80), [model(`y${"z".repeat(80)}`)]);
    expect(values(long)).toEqual([]);
    expect(validateOptionsAnswer(long)).toEqual([]);
  });
});

describe("prices filled in from the catalogs", () => {
  const directory = async (extra: ModelRecord[] = []) => {
    const d = createModelDirectory(await loadBundledCatalog(), BUNDLED_CATALOG_READ_ON);
    if (extra.length > 0) d.refresh(extra, "2026-11-24");
    return d;
  };

  it("fills in today's blended price and says where it came from and when", async () => {
    const fill = priceFill(await directory(), { baseModel: "gpt-4o" }, {});
    expect(fill.filled).toEqual({ "costs.currentUsdPerMTok": "4.375", "costs.fineTunedUsdPerMTok": "4.375" });
    expect(fill.hints["costs.currentUsdPerMTok"]).toEqual({
      value: "4.375",
      hint:
        "gpt-4o lists $2.50 in and $10.00 out per million tokens; blended 3 input : 1 output. " +
        "From models.dev (copy in this app), 2 Jul 2026. Change it if you pay something else.",
    });
  });

  it("prices a dated snapshot as its model, and a fine-tune at the provider's fine-tuned price when a catalog has one", async () => {
    const withFt = await directory([
      {
        id: "ft:gpt-4o-mini-2024-07-18",
        provider: "openai",
        releaseDate: null,
        releaseDateSource: "none",
        source: "litellm",
        priceOnly: true,
        price: { inputUsdPerMTok: 0.3, outputUsdPerMTok: 1.2 },
      },
    ]);
    const fill = priceFill(withFt, { baseModel: "gpt-4o", candidateModel: "gpt-4o-mini-2024-07-18" }, {});
    expect(fill.filled["costs.fineTunedUsdPerMTok"]).toBe("0.525");
    expect(fill.hints["costs.fineTunedUsdPerMTok"]!.hint).toContain(
      "Fine-tuned gpt-4o-mini-2024-07-18 runs at $0.30 in and $1.20 out per million tokens; blended 3 input : 1 output. From LiteLLM's price list, 24 Nov 2026.",
    );
    const listed = priceFill(await directory(), { baseModel: "gpt-4o", candidateModel: "gpt-4o-mini-2024-07-18" }, {});
    expect(listed.filled["costs.fineTunedUsdPerMTok"]).toBe("0.2625");
    expect(listed.hints["costs.fineTunedUsdPerMTok"]!.hint).toContain(
      "gpt-4o-mini lists $0.15 in and $0.60 out per million tokens before fine-tuning (a fine-tune can cost more)",
    );
  });

  it("never replaces a figure the team typed, but follows a model change while the field holds a filled-in price", async () => {
    const d = await directory();
    const typed = priceFill(d, { baseModel: "gpt-4o", "costs.currentUsdPerMTok": "3.1" }, { "costs.currentUsdPerMTok": "4.375" });
    expect(typed.filled["costs.currentUsdPerMTok"]).toBeUndefined();
    expect(typed.hints["costs.currentUsdPerMTok"]?.value).toBeUndefined();
    const changed = priceFill(d, { baseModel: "gpt-4.1", "costs.currentUsdPerMTok": "4.375" }, { "costs.currentUsdPerMTok": "4.375" });
    expect(changed.filled["costs.currentUsdPerMTok"]).toBe("3.5");
  });

  it("says how to fill it in when no catalog knows the model", async () => {
    const fill = priceFill(await directory(), { baseModel: "acme/private" }, {});
    expect(fill.filled).toEqual({});
    expect(fill.hints["costs.currentUsdPerMTok"]).toEqual({
      hint: "Per million tokens, blended 3 input : 1 output. Pick the models above and a price a catalog knows fills in.",
    });
  });

  it.each([
    [2.5, "$2.50"],
    [10, "$10.00"],
    [0.6, "$0.60"],
    [0.075, "$0.075"],
    [0.0004, "$0.0004"],
  ])("writes %d as %s", (n, text) => {
    expect(usd(n)).toBe(text);
  });
});
