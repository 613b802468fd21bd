import { z } from "zod";
import { type CatalogSource, fetchJson, parseShape, validItems } from "../catalog-source.js";
import { catalogRecord, type ModelRecord, ReleaseDate } from "../model-record.js";
import { parseModelId } from "../parse-model-id.js";

export const MODELS_DEV_URL = "https://models.dev/api.json";

/** The fields we use of one model in https://models.dev/api.json. */
export const ModelsDevModel = z.object({
  id: z.string().min(1),
  family: z.string().optional(),
  release_date: ReleaseDate.optional(),
  status: z.string().optional(),
  /** USD per million tokens. */
  cost: z
    .object({ input: z.number().min(0), output: z.number().min(0) })
    .optional()
    .catch(undefined),
});
export type ModelsDevModel = z.infer<typeof ModelsDevModel>;

/** Provider id → provider; each provider lists its models by id. */
export const ModelsDevApi = z.record(z.string(), z.object({ models: z.record(z.string(), z.unknown()) }));
export type ModelsDevApi = z.infer<typeof ModelsDevApi>;

/** models.dev providers that are the vendor itself: their dates beat a reseller's. */
const FIRST_PARTY: Readonly<Record<string, string>> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  mistral: "mistral",
  llama: "meta",
  deepseek: "deepseek",
  alibaba: "qwen",
  xai: "xai",
  moonshotai: "moonshot",
  zhipuai: "zhipu",
  minimax: "minimax",
};

export function modelsDevSource(url: string = MODELS_DEV_URL): CatalogSource {
  return {
    name: "models.dev",
    fetchModels: async (ctx) => parseModelsDev(await fetchJson("models.dev", url, ctx), "models.dev"),
  };
}

/** Records of a models.dev `api.json` body; `source` names whoever supplied it. */
export function parseModelsDev(body: unknown, source: string): ModelRecord[] {
  const api = parseShape(source, ModelsDevApi, body);
  return Object.entries(api).flatMap(([provider, { models }]) =>
    validItems(ModelsDevModel, Object.values(models)).map((model) => {
      // The Hugging Face provider serves the vendors' own repos, with the vendors' dates.
      const firstParty = provider === "huggingface" || FIRST_PARTY[provider] === parseModelId(model.id).vendor;
      return catalogRecord({
        id: model.id,
        provider,
        source,
        date: model.release_date,
        dateSource: firstParty ? "models.dev release_date" : "models.dev release_date (third-party provider)",
        family: model.family,
        status: model.status === "deprecated" ? "deprecated" : undefined,
        price: model.cost ? { inputUsdPerMTok: model.cost.input, outputUsdPerMTok: model.cost.output } : undefined,
      });
    }),
  );
}
