import { z } from "zod";
import { parseJsonWith } from "./parse-json-with.js";

/** What the change-reason form is for, carried in its `private_metadata`. */
export const ReasonMetadata = z.object({
  decisionId: z.number().int().positive(),
  /** `request`: the Request changes button (the reason comes with the review); `reason`: a ❌ reaction's reason. */
  mode: z.enum(["request", "reason"]),
});
export type ReasonMetadata = z.infer<typeof ReasonMetadata>;

export function readReasonMetadata(privateMetadata: string | undefined): ReasonMetadata | null {
  return parseJsonWith(ReasonMetadata, privateMetadata);
}

/** The reason typed in the form, trimmed; null when empty. */
export function readReason(values: unknown): string | null {
  const parsed = z.object({ reason: z.object({ reason: z.object({ value: z.string().nullable().optional() }) }) }).safeParse(values);
  const text = parsed.success ? (parsed.data.reason.reason.value ?? "").trim() : "";
  return text.length > 0 ? text : null;
}
