// The vocabulary parseModelId classifies id tokens with. Words not listed here are
// "other": they tell two models apart (DeepSeek-V3.1 vs V3.1-Terminus) but never split a line.

/** Hugging Face / router organisation → vendor. */
export const ORG_VENDOR: Readonly<Record<string, string>> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  "meta-llama": "meta",
  meta: "meta",
  facebook: "meta",
  mistralai: "mistral",
  mistral: "mistral",
  qwen: "qwen",
  alibaba: "qwen",
  "deepseek-ai": "deepseek",
  deepseek: "deepseek",
  microsoft: "microsoft",
  "x-ai": "xai",
  xai: "xai",
  moonshotai: "moonshot",
  "zai-org": "zhipu",
  "z-ai": "zhipu",
  thudm: "zhipu",
  minimaxai: "minimax",
  minimax: "minimax",
  xiaomimimo: "xiaomi",
  xiaomi: "xiaomi",
};

/** First name word → vendor, for ids without an organisation (`gpt-4o`, `claude-sonnet-4-5`). */
export const FAMILY_VENDOR: Readonly<Record<string, string>> = {
  gpt: "openai",
  chatgpt: "openai",
  o: "openai",
  claude: "anthropic",
  gemini: "google",
  gemma: "google",
  mistral: "mistral",
  ministral: "mistral",
  mixtral: "mistral",
  pixtral: "mistral",
  codestral: "mistral",
  devstral: "mistral",
  magistral: "mistral",
  voxtral: "mistral",
  llama: "meta",
  qwen: "qwen",
  qwq: "qwen",
  qvq: "qwen",
  deepseek: "deepseek",
  phi: "microsoft",
  grok: "xai",
  kimi: "moonshot",
  glm: "zhipu",
  minimax: "minimax",
  mimo: "xiaomi",
};

/** Families only served behind an API: an undated id of theirs is an alias, even behind a router prefix. */
export const API_ONLY_FAMILIES: ReadonlySet<string> = new Set(["gpt", "chatgpt", "o", "claude", "gemini", "grok"]);

/**
 * How a vendor writes a bare four-digit suffix: month-day (`gpt-4-0613`, `DeepSeek-V3-0324`)
 * or year-month (`mistral-large-2411`, `Qwen3-...-2507`). Others: a first pair above 12 can only be a year.
 */
export const FOUR_DIGIT_DATE: Readonly<Record<string, "mmdd" | "yymm">> = {
  openai: "mmdd",
  deepseek: "mmdd",
  google: "mmdd",
  moonshot: "mmdd",
  mistral: "yymm",
  qwen: "yymm",
};

/**
 * Families whose generation numbers below a bound are product names, not versions: OpenAI shipped GPT-3.5 Turbo,
 * GPT-4, GPT-4 Turbo, GPT-4o, GPT-4.1 and GPT-4.5 as separate products, then GPT-5.1, 5.2, ... as upgrades of GPT-5.
 * `decorations` are the words that, with the number, made up those names (gpt-4-turbo).
 */
export const NAMED_GENERATIONS: Readonly<Record<string, { below: number; decorations: readonly string[] }>> = {
  gpt: { below: 5, decorations: ["turbo"] },
};

/** How a cloud writes a version the vendor writes with a dot: Azure's gpt-35-turbo is gpt-3.5-turbo. */
export const DOTLESS_VERSIONS: Readonly<Record<string, Readonly<Record<string, number[]>>>> = {
  gpt: { "35": [3, 5] },
};

export const TIER_WORDS: ReadonlySet<string> = new Set([
  "mini",
  "nano",
  "micro",
  "tiny",
  "small",
  "medium",
  "large",
  "xl",
  "pro",
  "flash",
  "lite",
  "turbo",
  "max",
  "plus",
  "air",
  "ultra",
  "edge",
  "hd",
  "sonnet",
  "opus",
  "haiku",
  "instant",
  "fable",
  "mythos",
  "scout",
  "maverick",
  "nemo",
]);

/** Modality, specialisation or mode: a different product, never a newer version of the plain model. */
export const KIND_WORDS: ReadonlySet<string> = new Set([
  "vision",
  "vl",
  "audio",
  "realtime",
  "search",
  "live",
  "tts",
  "image",
  "embedding",
  "embed",
  "omni",
  "transcribe",
  "asr",
  "ocr",
  "video",
  "speech",
  "voice",
  "translate",
  "livetranslate",
  "mt",
  "moderation",
  "rerank",
  "reranker",
  "coder",
  "code",
  "codex",
  "math",
  "guard",
  "safeguard",
  "distill",
  "moe",
  "multimodal",
  "deep",
  "research",
  "customtools",
  "computer",
  "agent",
  "multi",
  "fast",
  "high",
  "low",
  "next",
  "thinking",
  "reasoning",
  "reasoner",
]);

export const INSTRUCT_WORDS: ReadonlySet<string> = new Set(["instruct", "it", "chat", "sft"]);
export const BASE_WORDS: ReadonlySet<string> = new Set(["base", "pt", "pretrained"]);
export const PREVIEW_WORDS: ReadonlySet<string> = new Set(["preview", "exp", "experimental", "beta", "alpha", "rc"]);

/** Packaging of the same weights: quantisation and file formats. */
export const COPY_WORD = /^(fp8|fp16|fp4|bf16|int4|int8|nf4|awq|gptq|gguf|ggml|exl2|mlx|bnb|onnx|hf|\d+bit|q\d+|w\d+a\d+)$/;

/** Catalog providers that are the vendor itself (models.dev provider ids, our vendor API sources): their ids are the vendor's own. */
export const VENDOR_CATALOGS: Readonly<Record<string, string>> = {
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
