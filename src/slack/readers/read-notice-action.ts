import { z } from "zod";
import type { NoticeActionValue } from "../builders/build-model-notice.js";
import { parseJsonWith } from "./parse-json-with.js";

const NoticeAction = z.object({
  decisionId: z.number().int().positive(),
  models: z.array(z.string().min(1)).min(1),
});

/** The value of a model-notice button, or null when it is not one of ours. */
export function readNoticeAction(value: string | undefined): NoticeActionValue | null {
  return parseJsonWith(NoticeAction, value);
}
