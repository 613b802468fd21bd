import type { PlainTextOption } from "@slack/types";
import type { DirectoryModel } from "../../watcher/model-directory.js";
import { LIMIT } from "../limits.js";
import { truncate } from "../mrkdwn.js";

export type ModelOptions =
  | { options: PlainTextOption[] }
  | { option_groups: Array<{ label: PlainTextOption["text"]; options: PlainTextOption[] }> };

const plain = (text: string) => ({ type: "plain_text" as const, text: truncate(text, LIMIT.optionText) });

function usd(n: number): string {
  return n >= 1 ? `$${Number(n.toFixed(2))}` : `$${Number(n.toPrecision(2))}`;
}

function describe(model: DirectoryModel): string {
  const price = model.price ? ` · ${usd(model.price.inputUsdPerMTok)} in, ${usd(model.price.outputUsdPerMTok)} out per 1M tokens` : "";
  return `${model.provider}${price}`;
}

/**
 * The answer to a model menu's options request: the catalogs' best matches, and the text as typed when no model has
 * exactly that id (a private or fine-tuned model), so an id is picked on purpose, never mistyped into the record.
 */
export function buildModelOptions(query: string, models: readonly DirectoryModel[]): ModelOptions {
  const typed = query.trim();
  const exact = models.some((m) => m.id.toLowerCase() === typed.toLowerCase());
  const offerTyped = typed !== "" && !exact && typed.length <= LIMIT.optionValue;
  const room = LIMIT.menuOptions - (offerTyped ? 1 : 0);
  const matches = models
    .filter((m) => m.id.length <= LIMIT.optionValue)
    .slice(0, room)
    .map((m) => ({ text: plain(m.id), value: m.id, description: plain(describe(m)) }));
  if (!offerTyped) return { options: matches };
  const asTyped = { text: plain(typed), value: typed, description: plain("Not in the catalogs: use it as typed") };
  return {
    option_groups: [
      ...(matches.length > 0 ? [{ label: plain("From the model catalogs"), options: matches }] : []),
      { label: plain("As typed"), options: [asTyped] },
    ],
  };
}
