import { z } from "zod";
import { FormValues } from "../questionnaire/form-values.js";
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

/** A questionnaire step's metadata: where the review goes, and the answers given on the other steps. */
export const QuestionnaireMetadata = z.object({
  ...ReviewMetadata.shape,
  values: FormValues.default({}),
  /** Catalog prices filled into the price fields, by field path. */
  prefilled: z.record(z.string(), z.string().max(40)).default({}).catch({}),
  /** When the draft the answers came from was saved (shown with "Start over"). */
  draftFrom: z.string().max(40).optional().catch(undefined),
  /** The line above the questions (a re-evaluation says what it re-evaluates). */
  intro: z.string().max(1000).optional().catch(undefined),
});
export type QuestionnaireMetadata = z.infer<typeof QuestionnaireMetadata>;

export function readReviewMetadata(privateMetadata: string | undefined): ReviewMetadata | null {
  return parseJsonWith(ReviewMetadata, privateMetadata);
}

export function readQuestionnaireMetadata(privateMetadata: string | undefined): QuestionnaireMetadata | null {
  return parseJsonWith(QuestionnaireMetadata, privateMetadata);
}

/** The review part alone, to pass on to the next step. */
export function reviewPart(metadata: QuestionnaireMetadata): ReviewMetadata {
  return {
    channelId: metadata.channelId,
    ...(metadata.threadTs !== undefined ? { threadTs: metadata.threadTs } : {}),
    ...(metadata.parentId !== undefined ? { parentId: metadata.parentId } : {}),
    ...(metadata.noticeId !== undefined ? { noticeId: metadata.noticeId } : {}),
    ...(metadata.responseUrl !== undefined ? { responseUrl: metadata.responseUrl } : {}),
  };
}
