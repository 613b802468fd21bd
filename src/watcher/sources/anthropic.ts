import { z } from "zod";
import { type CatalogSource, fetchJson, parseShape, validItems } from "../catalog-source.js";
import { catalogRecord, type ModelRecord } from "../model-record.js";

export const ANTHROPIC_MODELS_URL = "https://api.anthropic.com/v1/models";
const ANTHROPIC_VERSION = "2023-06-01";
const MAX_PAGES = 10;

/** One model in Anthropic's `GET /v1/models`; `created_at` is the release date. */
export const AnthropicModel = z.object({ id: z.string().min(1), created_at: z.string() });
export type AnthropicModel = z.infer<typeof AnthropicModel>;

export const AnthropicModels = z.object({
  data: z.array(z.unknown()),
  has_more: z.boolean().optional(),
  last_id: z.string().nullish(),
});
export type AnthropicModels = z.infer<typeof AnthropicModels>;

export function anthropicSource(apiKey: string, url: string = ANTHROPIC_MODELS_URL): CatalogSource {
  return {
    name: "anthropic",
    fetchModels: async (ctx) => {
      const headers = { "x-api-key": apiKey, "anthropic-version": ANTHROPIC_VERSION };
      const records: ModelRecord[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const query: URLSearchParams = new URLSearchParams({ limit: "1000", ...(after ? { after_id: after } : {}) });
        const body: AnthropicModels = parseShape(
          "anthropic",
          AnthropicModels,
          await fetchJson("anthropic", `${url}?${query}`, ctx, headers),
        );
        records.push(...parseAnthropic(body, "anthropic"));
        if (!body.has_more || !body.last_id) break;
        after = body.last_id;
      }
      return records;
    },
  };
}

export function parseAnthropic(body: unknown, source: string): ModelRecord[] {
  return validItems(AnthropicModel, parseShape(source, AnthropicModels, body).data).map((model) =>
    catalogRecord({ id: model.id, provider: "anthropic", source, date: model.created_at, dateSource: "vendor release date" }),
  );
}
