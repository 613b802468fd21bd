import { z } from "zod";
import { FINE_TUNE_ANSWERS } from "../../engine/verdict.js";
import type { DecisionFilter } from "../../store/decision-queries.js";
import { parseJsonWith } from "./parse-json-with.js";
import { LIST_STATUSES } from "./read-list-filter.js";
import { ChannelId } from "./read-slack-ids.js";

const Filter = z.object({
  channelId: ChannelId.optional(),
  model: z.string().max(200).optional(),
  status: z.enum(LIST_STATUSES).optional(),
  verdict: z.enum(FINE_TUNE_ANSWERS).optional(),
  text: z.string().max(200).optional(),
}) satisfies z.ZodType<DecisionFilter>;

/** A list as shown: what it is filtered by and what it is called ("in this channel"). */
export const ListQuery = z.object({ filter: Filter, title: z.string().max(300) });
export type ListQuery = z.infer<typeof ListQuery>;

/** The value of an "Older decisions" button: the same list, numbered below `before`. */
export const ListPaging = z.object({ query: ListQuery, before: z.number().int().positive() });
export type ListPaging = z.infer<typeof ListPaging>;

export function readListPaging(value: string | undefined): ListPaging | null {
  return parseJsonWith(ListPaging, value);
}

/** An App Home section's page: `before` absent for its newest page. */
export const HomePaging = z.object({ section: z.enum(["mine", "review"]), before: z.number().int().positive().optional() });
export type HomePaging = z.infer<typeof HomePaging>;

export function readHomePaging(value: string | undefined): HomePaging | null {
  return parseJsonWith(HomePaging, value);
}
