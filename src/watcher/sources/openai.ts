import { z } from "zod";
import { type CatalogSource, fetchJson, parseShape, validItems } from "../catalog-source.js";
import { catalogRecord, type ModelRecord } from "../model-record.js";

export const OPENAI_MODELS_URL = "https://api.openai.com/v1/models";

/** One model in OpenAI's `GET /v1/models`; `created` is not a release date (days before, or months after). */
export const OpenAiModel = z.object({ id: z.string().min(1), created: z.number() });
export type OpenAiModel = z.infer<typeof OpenAiModel>;

export const OpenAiModels = z.object({ data: z.array(z.unknown()) });
export type OpenAiModels = z.infer<typeof OpenAiModels>;

export function openAiSource(apiKey: string, url: string = OPENAI_MODELS_URL): CatalogSource {
  return {
    name: "openai",
    fetchModels: async (ctx) => parseOpenAi(await fetchJson("openai", url, ctx, { authorization: `Bearer ${apiKey}` }), "openai"),
  };
}

export function parseOpenAi(body: unknown, source: string): ModelRecord[] {
  return validItems(OpenAiModel, parseShape(source, OpenAiModels, body).data).map((model) =>
    catalogRecord({ id: model.id, provider: "openai", source, date: model.created, dateSource: "openai created" }),
  );
}
