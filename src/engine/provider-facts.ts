// Dated facts about providers' fine-tuning offers (rule 11). Add an entry here when a provider changes its offer;
// the engine picks what applies on the decision's `asOf` day.

export interface FineTuneClosingStage {
  /** ISO date from which the stage applies. */
  from: string;
  /** Who can no longer start new fine-tuning jobs from that day. */
  who: string;
}

export interface ProviderFineTuneFact {
  provider: string;
  /** Recognises model ids served by this provider. */
  matches: (modelId: string) => boolean;
  stages: FineTuneClosingStage[];
  /** A caveat that holds whatever the date. */
  note: string;
  source: string;
}

export const PROVIDER_FINE_TUNE_FACTS: readonly ProviderFineTuneFact[] = [
  {
    provider: "OpenAI",
    // gpt-oss is open-weight: it is fine-tuned anywhere, not through OpenAI's API.
    matches: (id) => /^(openai\/)?(gpt-(?!oss)|chatgpt-|o[134](-|$)|davinci|babbage|ft:gpt)/i.test(id.trim()),
    stages: [
      { from: "2026-05-07", who: "organisations that never fine-tuned" },
      { from: "2026-07-02", who: "organisations without recent fine-tuning activity" },
      { from: "2027-01-06", who: "every organisation" },
    ],
    note: "inference on an existing fine-tune lasts only until its base model retires",
    source: "OpenAI fine-tuning deprecation notice, as recorded in DECISION-RULES.md rule 11",
  },
];

export function fineTuneFactFor(modelId: string): ProviderFineTuneFact | undefined {
  return PROVIDER_FINE_TUNE_FACTS.find((fact) => fact.matches(modelId));
}

/** Describes the stages as of a day (ISO string compare works for YYYY-MM-DD), or all of them when no day is given. */
export function describeClosing(fact: ProviderFineTuneFact, asOf: string | undefined): string {
  const past = asOf ? fact.stages.filter((s) => s.from <= asOf) : [];
  const coming = asOf ? fact.stages.filter((s) => s.from > asOf) : fact.stages;
  const parts: string[] = [];
  if (past.length > 0) {
    parts.push(
      `as of ${asOf}, ${fact.provider} no longer accepts new self-serve fine-tuning jobs from ` +
        past.map((s) => `${s.who} (since ${s.from})`).join(", "),
    );
  }
  if (coming.length > 0) {
    parts.push(`${fact.provider} stops new self-serve fine-tuning jobs for ${coming.map((s) => `${s.who} on ${s.from}`).join(", ")}`);
  }
  return `${parts.join("; ")}; ${fact.note} (source: ${fact.source})`;
}
