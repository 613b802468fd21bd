import { z } from "zod";
import { parseJsonWith } from "./parse-json-with.js";

/** Where a review started, carried through the modal in `private_metadata`. */
export const ReviewMetadata = z.object({
  channelId: z.string().min(1),
  /** Post the verdict into this thread (message shortcut, re-evaluation). */
  threadTs: z.string().optional(),
  /** The decision being re-evaluated. */
  parentId: z.number().int().positive().optional(),
  /** The model notice the re-evaluation was started from. */
  noticeId: z.number().int().positive().optional(),
  /** The command's or shortcut's response_url: how to reach the requester when the bot is not in the channel. */
  responseUrl: z.url().optional(),
});
export type ReviewMetadata = z.infer<typeof ReviewMetadata>;

export function readReviewMetadata(privateMetadata: string | undefined): ReviewMetadata | null {
  return parseJsonWith(ReviewMetadata, privateMetadata);
}
