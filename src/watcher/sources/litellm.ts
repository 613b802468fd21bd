import { z } from "zod";
import { type CatalogSource, fetchJson, parseShape } from "../catalog-source.js";
import { catalogRecord, type ModelRecord, ReleaseDate } from "../model-record.js";

export const LITELLM_URL = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

/** The fields we use of one entry of LiteLLM's `model_prices_and_context_window.json`. */
export const LiteLlmEntry = z.object({
  litellm_provider: z.string(),
  mode: z.string().optional(),
  deprecation_date: ReleaseDate,
});
export type LiteLlmEntry = z.infer<typeof LiteLlmEntry>;

// The vendors' own endpoints: a reseller's (Azure, Bedrock, Groq) deprecation is not the vendor's.
const VENDOR_PROVIDERS: ReadonlySet<string> = new Set([
  "openai",
  "text-completion-openai",
  "anthropic",
  "gemini",
  "vertex_ai-language-models",
  "vertex_ai-vision-models",
  "mistral",
  "deepseek",
  "xai",
]);
const MODES: ReadonlySet<string> = new Set(["chat", "completion", "responses"]);

/** Deprecation dates only: LiteLLM has no release dates, so it is not a default source. */
export function liteLlmSource(url: string = LITELLM_URL): CatalogSource {
  return { name: "litellm", fetchModels: async (ctx) => parseLiteLlm(await fetchJson("litellm", url, ctx), "litellm") };
}

export function parseLiteLlm(body: unknown, source: string): ModelRecord[] {
  const records: ModelRecord[] = [];
  for (const [key, value] of Object.entries(parseShape(source, z.record(z.string(), z.unknown()), body))) {
    const entry = LiteLlmEntry.safeParse(value);
    if (!entry.success || !VENDOR_PROVIDERS.has(entry.data.litellm_provider)) continue;
    if (entry.data.mode && !MODES.has(entry.data.mode)) continue;
    const id = key.replace(/^(gemini|mistral|deepseek|xai|openai|anthropic)\//, "");
    if (id.includes("/")) continue;
    records.push(
      catalogRecord({
        id,
        provider: entry.data.litellm_provider,
        source,
        date: null,
        dateSource: "none",
        status: "deprecated",
        retirementDate: entry.data.deprecation_date,
      }),
    );
  }
  return records;
}
