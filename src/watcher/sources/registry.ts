import type { CatalogSource } from "../catalog-source.js";
import { anthropicSource } from "./anthropic.js";
import { bundledSource } from "./bundled.js";
import { HF_API_URL, huggingFaceSource } from "./huggingface.js";
import { LITELLM_URL, liteLlmSource } from "./litellm.js";
import { MODELS_DEV_URL, modelsDevSource } from "./models-dev.js";
import { openAiSource } from "./openai.js";
import { OPENROUTER_URL, openRouterSource } from "./openrouter.js";

export interface SourceConfig {
  MODEL_SOURCES?: string | undefined;
  MODELS_DEV_URL?: string | undefined;
  OPENROUTER_URL?: string | undefined;
  HF_API_URL?: string | undefined;
  LITELLM_URL?: string | undefined;
  OPENAI_API_KEY?: string | undefined;
  ANTHROPIC_API_KEY?: string | undefined;
}

export const DEFAULT_MODEL_SOURCES = "bundled,models.dev,openrouter,huggingface";

type Factory = (config: SourceConfig) => CatalogSource;

const needKey = (variable: "OPENAI_API_KEY" | "ANTHROPIC_API_KEY", config: SourceConfig): string => {
  const key = config[variable];
  if (!key) throw new Error(`MODEL_SOURCES: ${variable === "OPENAI_API_KEY" ? "openai" : "anthropic"} needs ${variable}`);
  return key;
};

export const SOURCE_FACTORIES: Readonly<Record<string, Factory>> = {
  bundled: () => bundledSource(),
  "models.dev": (c) => modelsDevSource(c.MODELS_DEV_URL || MODELS_DEV_URL),
  openrouter: (c) => openRouterSource(c.OPENROUTER_URL || OPENROUTER_URL),
  huggingface: (c) => huggingFaceSource(c.HF_API_URL || HF_API_URL),
  openai: (c) => openAiSource(needKey("OPENAI_API_KEY", c)),
  anthropic: (c) => anthropicSource(needKey("ANTHROPIC_API_KEY", c)),
  litellm: (c) => liteLlmSource(c.LITELLM_URL || LITELLM_URL),
};

/**
 * The catalog sources MODEL_SOURCES names (comma list). Unset, it is the default list, plus the OpenAI and
 * Anthropic model lists when their API keys are set. Unknown names throw, naming every one of them.
 */
export function sourcesFromConfig(config: SourceConfig): CatalogSource[] {
  const names = config.MODEL_SOURCES?.trim()
    ? config.MODEL_SOURCES.split(",")
        .map((name) => name.trim())
        .filter(Boolean)
    : [
        ...DEFAULT_MODEL_SOURCES.split(","),
        ...(config.OPENAI_API_KEY ? ["openai"] : []),
        ...(config.ANTHROPIC_API_KEY ? ["anthropic"] : []),
      ];
  const unknown = names.filter((name) => !Object.hasOwn(SOURCE_FACTORIES, name));
  if (unknown.length > 0) {
    throw new Error(
      `MODEL_SOURCES: unknown source${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (known: ${Object.keys(SOURCE_FACTORIES).join(", ")})`,
    );
  }
  return [...new Set(names)].map((name) => SOURCE_FACTORIES[name]!(config));
}
