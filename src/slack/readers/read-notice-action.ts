import { z } from "zod";
import type { NoticeActionValue } from "../builders/build-model-notice.js";

const NoticeAction = z.object({
  decisionId: z.number().int().positive(),
  models: z.array(z.string().min(1)).min(1),
});

/** The value of a model-notice button, or null when it is not one of ours. */
export function readNoticeAction(value: string | undefined): NoticeActionValue | null {
  try {
    const parsed = NoticeAction.safeParse(JSON.parse(value ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
