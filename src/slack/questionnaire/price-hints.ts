import { formatDate } from "../../engine/words.js";
import { blendedPrice, type DirectoryModel, type ModelDirectory, PRICE_BLEND } from "../../watcher/model-directory.js";
import type { FormValues } from "./form-values.js";

/** What a price field shows: a value filled in from a catalog (if any) and where it came from. */
export interface PriceHint {
  value?: string;
  hint: string;
}

export const PRICE_FIELDS = ["costs.currentUsdPerMTok", "costs.fineTunedUsdPerMTok"] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

const SOURCE_NAME: Record<string, string> = {
  bundled: "models.dev (copy in this app)",
  "models.dev": "models.dev",
  litellm: "LiteLLM's price list",
  openrouter: "OpenRouter",
};

const BLEND_WORDS = `blended ${PRICE_BLEND.input} input : ${PRICE_BLEND.output} output`;
const NO_PRICE_HINT = `Per million tokens, ${BLEND_WORDS}. Pick the models above and a price a catalog knows fills in.`;

/** `$2.50`, `$0.60`, `$0.075`. */
export function usd(n: number): string {
  if (n >= 1 || n === 0) return `$${n.toFixed(2)}`;
  const text = String(Number(n.toPrecision(3)));
  return `$${(text.split(".")[1]?.length ?? 0) < 2 ? n.toFixed(2) : text}`;
}

/** A blended price as a number input shows it: at most 4 decimals, no trailing zeros. */
function priceText(model: DirectoryModel): string {
  return String(Number(blendedPrice(model.price!).toFixed(4)));
}

function where(model: DirectoryModel): string {
  return `${SOURCE_NAME[model.source] ?? model.source}, ${formatDate(model.readOn)}`;
}

function listed(model: DirectoryModel): string {
  return `${usd(model.price!.inputUsdPerMTok)} in and ${usd(model.price!.outputUsdPerMTok)} out per million tokens`;
}

/** A dated snapshot (`gpt-4o-mini-2024-07-18`) costs what its model does when the catalog prices only the model. */
const SNAPSHOT_DATE = /[-@](\d{4}-\d{2}-\d{2}|\d{8})$/;

function pricedModel(directory: ModelDirectory | undefined, id: string): DirectoryModel | undefined {
  const exact = directory?.find(id);
  if (exact?.price || !SNAPSHOT_DATE.test(id)) return exact;
  const undated = directory?.find(id.replace(SNAPSHOT_DATE, ""));
  return undated?.price ? undated : exact;
}

export interface PriceFill {
  /** The hint and, when the field may be filled in, the value. */
  hints: Partial<Record<PriceField, PriceHint>>;
  /** The values filled in, to tell them from a team's own figure later. */
  filled: Partial<Record<PriceField, string>>;
}

/**
 * Catalog prices for today's model and the fine-tuned one. A field is filled in only while it is empty or still holds
 * what was filled in before (`previous`): a figure the team typed is never replaced.
 */
export function priceFill(
  directory: ModelDirectory | undefined,
  values: FormValues,
  previous: Partial<Record<PriceField, string>>,
): PriceFill {
  const hints: PriceFill["hints"] = {};
  const filled: PriceFill["filled"] = {};
  const text = (path: string) => (typeof values[path] === "string" ? (values[path] as string) : undefined);
  const base = text("baseModel");
  const candidate = text("candidateModel") ?? base;
  const today = base ? pricedModel(directory, base) : undefined;
  // A provider's price for fine-tuned inference when a catalog has one (LiteLLM lists OpenAI's as `ft:<model>`).
  const tunedPrice = candidate ? directory?.find(`ft:${candidate}`) : undefined;
  const tuned = tunedPrice?.price ? tunedPrice : candidate ? pricedModel(directory, candidate) : undefined;

  const offer = (path: PriceField, model: DirectoryModel | undefined, describe: (m: DirectoryModel) => string) => {
    if (!model?.price) {
      hints[path] = { hint: NO_PRICE_HINT };
      return;
    }
    const current = text(path);
    const value = priceText(model);
    const mayFill = current === undefined || current === previous[path];
    const hint = `${describe(model)}; ${BLEND_WORDS}. From ${where(model)}. Change it if you pay something else.`;
    hints[path] = { ...(mayFill ? { value } : {}), hint };
    if (mayFill) filled[path] = value;
  };
  offer("costs.currentUsdPerMTok", today, (m) => `${m.id} lists ${listed(m)}`);
  offer("costs.fineTunedUsdPerMTok", tuned, (m) =>
    m === tunedPrice
      ? `Fine-tuned ${candidate} runs at ${listed(m)}`
      : `${m.id} lists ${listed(m)} before fine-tuning (a fine-tune can cost more)`,
  );
  return { hints, filled };
}
