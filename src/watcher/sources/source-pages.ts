/** A page a person can open for what a catalog says about a model. */
export interface SourcePage {
  label: string;
  url: string;
}

const seg = (id: string) => id.split("/").map(encodeURIComponent).join("/");

/** Per catalog source: its page for a model, or (for a deprecation) the vendor's deprecation list. */
const PAGES: Readonly<Record<string, { label: string; model: (id: string) => string; lifecycle?: string }>> = {
  bundled: { label: "models.dev", model: () => "https://models.dev" },
  "models.dev": { label: "models.dev", model: () => "https://models.dev" },
  openrouter: { label: "OpenRouter", model: (id) => `https://openrouter.ai/models?q=${encodeURIComponent(id)}` },
  huggingface: { label: "Hugging Face", model: (id) => `https://huggingface.co/${seg(id)}` },
  litellm: {
    label: "LiteLLM's model list",
    model: () => "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json",
  },
  openai: {
    label: "OpenAI",
    model: (id) => `https://platform.openai.com/docs/models/${encodeURIComponent(id)}`,
    lifecycle: "https://platform.openai.com/docs/deprecations",
  },
  anthropic: {
    label: "Anthropic",
    model: () => "https://docs.anthropic.com/en/docs/about-claude/models/overview",
    lifecycle: "https://docs.anthropic.com/en/docs/about-claude/model-deprecations",
  },
};

/**
 * Where to read what a catalog source says about a model (every id is URL-encoded: catalog text is not ours), or
 * null for a source without public pages.
 */
export function sourcePage(source: string, modelId: string, about: "model" | "lifecycle" = "model"): SourcePage | null {
  const page = Object.hasOwn(PAGES, source) ? PAGES[source] : undefined;
  if (!page) return null;
  return { label: page.label, url: about === "lifecycle" && page.lifecycle ? page.lifecycle : page.model(modelId) };
}
