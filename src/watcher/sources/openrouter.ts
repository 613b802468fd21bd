import { z } from "zod";
import { type CatalogSource, fetchJson, parseShape, validItems } from "../catalog-source.js";
import { catalogRecord, type ModelRecord } from "../model-record.js";

export const OPENROUTER_URL = "https://openrouter.ai/api/v1/models";

/** The fields we use of one model in OpenRouter's `GET /api/v1/models`. */
export const OpenRouterModel = z.object({
  id: z.string().min(1),
  hugging_face_id: z.string().nullish(),
  /** Unix seconds when OpenRouter listed the model: not its release. */
  created: z.number(),
  expiration_date: z.string().nullish(),
});
export type OpenRouterModel = z.infer<typeof OpenRouterModel>;

export const OpenRouterModels = z.object({ data: z.array(z.unknown()) });
export type OpenRouterModels = z.infer<typeof OpenRouterModels>;

export function openRouterSource(url: string = OPENROUTER_URL): CatalogSource {
  return {
    name: "openrouter",
    fetchModels: async (ctx) => parseOpenRouter(await fetchJson("openrouter", url, ctx), "openrouter"),
  };
}

/**
 * Records of an OpenRouter models body. Open-weight models are recorded under their Hugging Face id
 * (`deepseek/deepseek-chat` is `deepseek-ai/DeepSeek-V3`); `~vendor/...-latest` router aliases are dropped.
 */
export function parseOpenRouter(body: unknown, source: string): ModelRecord[] {
  const seen = new Set<string>();
  const records: ModelRecord[] = [];
  for (const model of validItems(OpenRouterModel, parseShape(source, OpenRouterModels, body).data)) {
    if (model.id.startsWith("~")) continue;
    const id = model.hugging_face_id || model.id.replace(/:[^/]*$/, "");
    if (seen.has(id)) continue;
    seen.add(id);
    records.push(
      catalogRecord({
        id,
        provider: "openrouter",
        source,
        date: model.created,
        dateSource: "openrouter created",
        status: model.expiration_date ? "deprecated" : undefined,
        retirementDate: model.expiration_date,
      }),
    );
  }
  return records;
}
