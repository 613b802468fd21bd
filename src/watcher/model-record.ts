import { z } from "zod";
import { parseModelId } from "./parse-model-id.js";
import { resolveIdDate, toReleaseDate } from "./release-date.js";

/** `YYYY-MM-DD`, or `YYYY-MM` when a catalog or an id (`mistral-large-2411`) only gives the month. */
export const ReleaseDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);
export type ReleaseDate = z.infer<typeof ReleaseDate>;

export const ModelStatus = z.enum(["active", "deprecated", "retired"]);
export type ModelStatus = z.infer<typeof ModelStatus>;

/** Where a release date came from, best first: the order breaks ties between catalogs. */
export const DATE_SOURCES = [
  "date in id",
  "vendor release date",
  "huggingface createdAt",
  "models.dev release_date",
  "models.dev release_date (third-party provider)",
  "openrouter created",
  "openai created",
  "none",
] as const;

/** A catalog's list price, in USD per million tokens. */
export const ModelPrice = z.object({ inputUsdPerMTok: z.number().min(0), outputUsdPerMTok: z.number().min(0) });
export type ModelPrice = z.infer<typeof ModelPrice>;

/** One catalog row for one model id, whichever catalog it came from. */
export const ModelRecord = z.object({
  id: z.string().min(1),
  /** Who lists it inside the catalog: a models.dev provider, a Hugging Face author, "openrouter", ... */
  provider: z.string(),
  releaseDate: ReleaseDate.nullable(),
  releaseDateSource: z.string(),
  family: z.string().optional(),
  status: ModelStatus.optional(),
  retirementDate: ReleaseDate.optional(),
  /** The CatalogSource name. */
  source: z.string(),
  price: ModelPrice.optional(),
  /** A row that only tells a price (LiteLLM's rows without a deprecation, `ft:` fine-tune prices): not a model to watch. */
  priceOnly: z.literal(true).optional(),
});
export type ModelRecord = z.infer<typeof ModelRecord>;

export interface CatalogRow {
  id: string;
  provider: string;
  source: string;
  date: string | number | null | undefined;
  dateSource: (typeof DATE_SOURCES)[number];
  family?: string | undefined;
  status?: ModelStatus | undefined;
  retirementDate?: string | null | undefined;
  price?: ModelPrice | undefined;
  priceOnly?: boolean | undefined;
}

/** Builds a record from a catalog row; a date written in the id wins over the catalog's. */
export function catalogRecord(row: CatalogRow): ModelRecord {
  const catalogDate = toReleaseDate(row.date);
  const idDate = parseModelId(row.id).date;
  const fromId = idDate ? resolveIdDate(idDate, catalogDate) : null;
  const retirementDate = toReleaseDate(row.retirementDate);
  return {
    id: row.id,
    provider: row.provider,
    releaseDate: fromId ?? catalogDate,
    releaseDateSource: fromId ? "date in id" : catalogDate ? row.dateSource : "none",
    ...(row.family ? { family: row.family } : {}),
    ...(row.status ? { status: row.status } : {}),
    ...(retirementDate ? { retirementDate } : {}),
    source: row.source,
    ...(row.price ? { price: row.price } : {}),
    ...(row.priceOnly ? { priceOnly: true as const } : {}),
  };
}
