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

/** An entry's list price, in USD per token. */
export const LiteLlmPrice = z.object({
  litellm_provider: z.string(),
  mode: z.string().optional(),
  input_cost_per_token: z.number().min(0),
  output_cost_per_token: z.number().min(0),
});

const perMillion = (perToken: number) => Math.round(perToken * 1e12) / 1e6;

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

/** Deprecation dates and list prices: LiteLLM has no release dates, so it is not a default source. */
export function liteLlmSource(url: string = LITELLM_URL): CatalogSource {
  return { name: "litellm", fetchModels: async (ctx) => parseLiteLlm(await fetchJson("litellm", url, ctx), "litellm") };
}

/**
 * Deprecated vendor models as records the watch reads; every other priced vendor model (and `ft:` fine-tune prices)
 * as a price-only record, which the watch skips.
 */
export function parseLiteLlm(body: unknown, source: string): ModelRecord[] {
  const records: ModelRecord[] = [];
  for (const [key, value] of Object.entries(parseShape(source, z.record(z.string(), z.unknown()), body))) {
    const entry = LiteLlmEntry.safeParse(value);
    const priced = LiteLlmPrice.safeParse(value);
    const provider = entry.success ? entry.data.litellm_provider : priced.success ? priced.data.litellm_provider : undefined;
    const mode = entry.success ? entry.data.mode : priced.success ? priced.data.mode : undefined;
    if (!provider || !VENDOR_PROVIDERS.has(provider) || (mode && !MODES.has(mode))) continue;
    const id = key.replace(/^(gemini|mistral|deepseek|xai|openai|anthropic)\//, "");
    if (id.includes("/")) continue;
    const price = priced.success
      ? { inputUsdPerMTok: perMillion(priced.data.input_cost_per_token), outputUsdPerMTok: perMillion(priced.data.output_cost_per_token) }
      : undefined;
    if (!entry.success && !price) continue;
    records.push(
      catalogRecord({
        id,
        provider,
        source,
        date: null,
        dateSource: "none",
        ...(entry.success ? { status: "deprecated" as const, retirementDate: entry.data.deprecation_date } : { priceOnly: true }),
        price,
      }),
    );
  }
  return records;
}
