// Dated facts about who lets customers fine-tune which model (docs/decision-rules.md#rule-11-provider-facts).
// Each entry says where it comes from and when it was read; add or change an entry when a provider changes its offer,
// and bump ENGINE_VERSION. The engine picks what applies on the decision's `asOf` day.

/** The day the sources below were last read; the facts hold as of this day. */
export const FACTS_READ_ON = "2026-12-02";

export interface Source {
  url: string;
  /** The day we read it. */
  read: string;
  /** Set when what we read was a stored copy of the page: the day that copy was taken. */
  snapshotOf?: string;
  /** What the page says that the entry relies on. */
  says: string;
}

export interface ClosingStage {
  /** ISO date from which the stage applies. */
  from: string;
  /** Who can no longer start new fine-tuning jobs from that day. */
  who: string;
}

/** A provider of closed models (weights never published), and which of them its customers may fine-tune. */
export interface ClosedModelProvider {
  provider: string;
  /** Its model ids, once a routing prefix (`openai/`, `bedrock/`) is removed. */
  models: RegExp;
  /** The ones customers may fine-tune; null when none. */
  tunable: RegExp | null;
  /** Where that fine-tuning runs. */
  tunableVia: string;
  /** ISO date from which customer fine-tuning no longer exists. */
  tunableUntil?: string;
  /** A staged wind-down of self-serve fine-tuning. */
  closing?: readonly ClosingStage[];
  /** A caveat that holds whatever the date. */
  caveat?: string;
  sources: readonly Source[];
}

/** A family of open-weight models, and a hosted service that fine-tunes it for teams that cannot run models. */
export interface OpenWeightFamily {
  family: string;
  pattern: RegExp;
  /** A provider that fine-tunes and serves this family; null when we know of none. */
  hostedFineTuning: string | null;
  sources: readonly Source[];
}

const BEDROCK: Source = {
  url: "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-fine-tuning.html",
  read: FACTS_READ_ON,
  says:
    "The models customers can fine-tune on Bedrock: Amazon Nova Micro, Lite, Pro and Nova 2 Lite, Titan models, " +
    "Anthropic Claude 3 Haiku (us-west-2) and Meta Llama 3.1, 3.2 and 3.3 models.",
};

const TOGETHER: Source = {
  url: "https://docs.together.ai/docs/fine-tuning/supported-models",
  read: FACTS_READ_ON,
  says: "Base models Together AI fine-tunes (LoRA and full) and serves: Llama, Qwen, Mistral, Gemma, DeepSeek and gpt-oss models among them.",
};

export const CLOSED_MODEL_PROVIDERS: readonly ClosedModelProvider[] = [
  {
    provider: "OpenAI",
    models: /^(ft:)?(gpt-(?!oss)|chatgpt-|o\d+(-|$)|davinci|babbage|text-davinci)/,
    tunable:
      /^(ft:)?(gpt-4\.1(-mini|-nano)?|gpt-4o(-mini)?|gpt-3\.5-turbo|davinci-002|babbage-002|o4-mini)(-\d{4}-\d{2}-\d{2}|-\d{4})?($|:)/,
    tunableVia: "OpenAI's fine-tuning API",
    closing: [
      { from: "2026-05-07", who: "organisations that had never fine-tuned" },
      { from: "2026-07-02", who: "organisations that ran no fine-tuned model in the previous 60 days" },
      { from: "2027-01-06", who: "every organisation" },
    ],
    caveat: "A fine-tuned model keeps serving only until its base model retires.",
    sources: [
      {
        url: "https://developers.openai.com/api/docs/deprecations",
        read: FACTS_READ_ON,
        says:
          "Update to OpenAI's self-serve fine-tuning (notice of 7 May 2026): no new fine-tuning jobs for organisations that " +
          "never fine-tuned from 7 May 2026, for those without fine-tuned inference in the past 60 days from 2 Jul 2026, and " +
          "for every organisation from 6 Jan 2027; fine-tuned models serve until their base models are deprecated.",
      },
      {
        url: "https://developers.openai.com/api/docs/guides/supervised-fine-tuning",
        read: FACTS_READ_ON,
        snapshotOf: "2026-05-07",
        says: "Supervised fine-tuning works with gpt-4.1-2025-04-14, gpt-4.1-mini-2025-04-14 and gpt-4.1-nano-2025-04-14; the platform is winding down.",
      },
      {
        url: "https://github.com/openai/openai-cookbook/blob/main/examples/Leveraging_model_distillation_to_fine-tune_a_model.ipynb",
        read: FACTS_READ_ON,
        says: "OpenAI's cookbook fine-tunes gpt-4o-mini on gpt-4o's outputs (gpt-4o and gpt-4o-mini snapshots were tunable too).",
      },
    ],
  },
  {
    provider: "Anthropic",
    models: /^(anthropic\.)?claude-/,
    tunable: /^(anthropic\.)?claude-3-haiku(-\d{8})?(-v\d.*)?$/,
    tunableVia: "Amazon Bedrock, in its US West (Oregon) region",
    sources: [
      BEDROCK,
      {
        url: "https://platform.claude.com/cookbook/finetuning-finetuning-on-bedrock",
        read: FACTS_READ_ON,
        says: "Anthropic's own guide to fine-tuning Claude 3 Haiku, on Amazon Bedrock; Anthropic's API offers no fine-tuning.",
      },
    ],
  },
  {
    provider: "Google",
    models: /^(models\/)?gemini-/,
    tunable: /^(models\/)?gemini-(2\.0-flash(-lite)?|2\.5-(pro|flash|flash-lite)|3\.\d-flash(-lite)?)(-|$)/,
    tunableVia: "Vertex AI (not the Gemini API or AI Studio)",
    sources: [
      {
        url: "https://docs.cloud.google.com/gemini-enterprise-agent-platform/reference/models/tuning",
        read: FACTS_READ_ON,
        says: "Supervised fine-tuning supports Gemini 3.5 Flash, 3.5 Flash-Lite, 3.1 Flash-Lite, 2.5 Pro, 2.5 Flash, 2.5 Flash-Lite, 2.0 Flash and 2.0 Flash-Lite.",
      },
      {
        url: "https://ai.google.dev/gemini-api/docs/model-tuning",
        read: FACTS_READ_ON,
        says: "Since Gemini 1.5 Flash-001 was retired in May 2025 no model can be fine-tuned in the Gemini API or AI Studio; Vertex AI still tunes.",
      },
    ],
  },
  {
    provider: "Amazon",
    models: /^(amazon\.)?(nova|titan)-/,
    tunable: /^(amazon\.)?(nova-(micro|lite|pro|2-lite)|titan-text)/,
    tunableVia: "Amazon Bedrock",
    sources: [BEDROCK],
  },
  {
    provider: "Cohere",
    models: /^(cohere\.)?command(-|$)/,
    tunable: /^(cohere\.)?command-r(-\d{2}-\d{4})?$/,
    tunableVia: "Cohere's fine-tuning",
    tunableUntil: "2025-09-15",
    sources: [
      {
        url: "https://docs.cohere.com/docs/fine-tuning",
        read: FACTS_READ_ON,
        says: "Cohere's fine-tuning feature was deprecated on September 15, 2025 (it tuned Command R).",
      },
    ],
  },
];

export const OPEN_WEIGHT_FAMILIES: readonly OpenWeightFamily[] = [
  { family: "gpt-oss", pattern: /gpt-oss/, hostedFineTuning: "Together AI", sources: [TOGETHER] },
  { family: "Llama", pattern: /llama/, hostedFineTuning: "Amazon Bedrock or Together AI", sources: [BEDROCK, TOGETHER] },
  {
    family: "Mistral",
    pattern: /(^|[/_.-])(mistral|mixtral|ministral|codestral|devstral|magistral|pixtral)/,
    hostedFineTuning: "Together AI",
    sources: [TOGETHER],
  },
  { family: "Qwen", pattern: /(^|[/_.-])(qwen|qwq)/, hostedFineTuning: "Together AI", sources: [TOGETHER] },
  { family: "Gemma", pattern: /(^|[/_.-])gemma/, hostedFineTuning: "Together AI", sources: [TOGETHER] },
  { family: "DeepSeek", pattern: /deepseek/, hostedFineTuning: "Together AI", sources: [TOGETHER] },
  {
    family: "other open-weight",
    pattern: /(^|[/_.-])(phi-?\d|falcon|olmo|smollm|granite|internlm|yi-\d|c4ai-|aya-)/,
    hostedFineTuning: null,
    sources: [],
  },
];
