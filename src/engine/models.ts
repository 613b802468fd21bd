import {
  CLOSED_MODEL_PROVIDERS,
  type ClosedModelProvider,
  FACTS_READ_ON,
  OPEN_WEIGHT_FAMILIES,
  type OpenWeightFamily,
} from "./provider-facts.js";

// What a model id is, for hosting and tunability (docs/decision-rules.md#rule-9-method-and-risk): closed models run
// only on their provider's API, whatever size was typed; open-weight models run anywhere.

export type ModelInfo =
  | { id: string; kind: "closed"; provider: ClosedModelProvider; tunable: boolean }
  | { id: string; kind: "open-weight"; family: OpenWeightFamily }
  | { id: string; kind: "unknown" };

/** The day dated facts are read on: the decision's own day, or without one the day the facts were last checked. */
export function factsDay(asOf: string | undefined): string {
  return asOf ?? FACTS_READ_ON;
}

type Kind =
  | { kind: "closed"; provider: ClosedModelProvider; listed: boolean }
  | { kind: "open-weight"; family: OpenWeightFamily }
  | { kind: "unknown" };

// Teams name the same few models over and over; the regexes run once per id. Bounded so odd ids cannot grow it.
const KINDS = new Map<string, Kind>();
const MAX_KINDS = 2000;

function kindOf(id: string): Kind {
  const known = KINDS.get(id);
  if (known) return known;
  const lower = id.trim().toLowerCase();
  const family = OPEN_WEIGHT_FAMILIES.find((f) => f.pattern.test(lower));
  // A routing prefix (`openai/`, `bedrock/`, `vertex_ai/`) says where a call goes, not what the model is.
  const bare = lower.slice(lower.lastIndexOf("/") + 1);
  const provider = family ? undefined : CLOSED_MODEL_PROVIDERS.find((p) => p.models.test(bare));
  const kind: Kind = family
    ? { kind: "open-weight", family }
    : provider
      ? { kind: "closed", provider, listed: provider.tunable?.test(bare) ?? false }
      : { kind: "unknown" };
  if (KINDS.size >= MAX_KINDS) KINDS.clear();
  KINDS.set(id, kind);
  return kind;
}

export function describeModel(id: string, asOf: string | undefined): ModelInfo {
  const k = kindOf(id);
  if (k.kind !== "closed") return k.kind === "open-weight" ? { id, kind: "open-weight", family: k.family } : { id, kind: "unknown" };
  const ended = k.provider.tunableUntil !== undefined && factsDay(asOf) >= k.provider.tunableUntil;
  return { id, kind: "closed", provider: k.provider, tunable: k.listed && !ended };
}

/** The closing stages that have begun by the day, and those still to come (ISO dates compare as strings). */
export function closingStages(provider: ClosedModelProvider, asOf: string | undefined) {
  const day = factsDay(asOf);
  const stages = provider.closing ?? [];
  return { past: stages.filter((s) => s.from <= day), coming: stages.filter((s) => s.from > day), last: stages.at(-1) };
}
