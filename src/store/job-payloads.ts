import { z } from "zod";

/** What each job kind carries besides its decision; written by the store, read (and checked) by the worker. */
export const VerdictPayload = z.object({
  /** The command's response_url: how to reach the requester when the bot cannot post in the channel. */
  responseUrl: z.string().optional(),
});
export type VerdictPayload = z.infer<typeof VerdictPayload>;

const NewerVersion = z.object({ id: z.string(), releaseDate: z.string().nullable(), source: z.string() });

/** What a model notice tells, as stored with it. */
export const NoticeContent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("newer-version"), versions: z.array(NewerVersion).min(1) }),
  z.object({
    kind: z.literal("lifecycle"),
    lifecycle: z.object({
      status: z.enum(["deprecated", "retired"]),
      retirementDate: z.string().nullable(),
      source: z.string(),
      /** The day the watch found it (notices stored before this was kept have none). */
      seenOn: z.string().optional(),
    }),
  }),
]);
export type NoticeContent = z.infer<typeof NoticeContent>;

/** The versions of a decision's models already out the day it was made, per model, as the verdict names them. */
export const ModelsAlreadyOut = z.array(z.object({ model: z.string(), versions: z.array(NewerVersion).min(1) }));
export type ModelsAlreadyOut = z.infer<typeof ModelsAlreadyOut>;

/** A notice to post, or one to redraw after someone used it: the row says what, from our own records. */
export const NoticeJobPayload = z.object({ noticeId: z.number().int().positive() });
export type NoticeJobPayload = z.infer<typeof NoticeJobPayload>;

/**
 * A note to one person: ephemeral in a channel when `channelId` is set, else through the command's response_url
 * when there is one, else a direct message.
 */
export const NotePayload = z.object({
  userId: z.string(),
  text: z.string(),
  channelId: z.string().optional(),
  threadTs: z.string().optional(),
  responseUrl: z.string().optional(),
});
export type NotePayload = z.infer<typeof NotePayload>;

/** Asking a reviewer why they request changes, or telling the thread their reason. */
export const ReviewerPayload = z.object({ reviewerId: z.string() });
export type ReviewerPayload = z.infer<typeof ReviewerPayload>;

/** A reminder: which one of the review's reminders it is (1, 2, 3). */
export const ReminderPayload = z.object({ nth: z.number().int().positive() });
export type ReminderPayload = z.infer<typeof ReminderPayload>;

/** A Workflow Builder step to complete once its decision's verdict is posted: Slack's id of that run of the step. */
export const StepPayload = z.object({ functionExecutionId: z.string().min(1) });
export type StepPayload = z.infer<typeof StepPayload>;
