import { getDecision, recordPermalink } from "../../store/decisions.js";
import { ReminderPayload, ReviewerPayload } from "../../store/job-payloads.js";
import { MAX_REMINDERS } from "../../store/reminders.js";
import { reasonsOf, tallyOf } from "../../store/reviews.js";
import { buildReasonPrompt, buildReasonReply, buildReminder } from "../builders/build-review-replies.js";
import { reviewerMentions } from "../review-settings.js";
import { BadPayloadError, type JobTask } from "./delivery-deps.js";
import { postOnce } from "./post-once.js";

/** The verdict message's link, kept so lists and App Home can link to the thread without asking Slack each time. */
export const recordVerdictLink: JobTask = async (deps, job, context) => {
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  if (!decision?.messageTs || decision.permalink) return { outcome: "done" };
  await context.renew();
  const res = await deps.client.chat.getPermalink({ channel: decision.channelId, message_ts: decision.messageTs });
  if (!res.permalink) throw new Error("chat.getPermalink answered without a permalink");
  const permalink = res.permalink;
  return { outcome: "done", effects: (tx) => recordPermalink(tx, decision.id, permalink) };
};

/**
 * A reminder in the review's thread, naming the reviewers still to review; with nobody to name (anyone may review),
 * it is also shown in the channel. Nothing once the review is over.
 */
export const postReminder: JobTask = async (deps, job, context) => {
  const parsed = ReminderPayload.safeParse(job.payload);
  if (!parsed.success) throw new BadPayloadError(`job ${job.id}: ${parsed.error.message}`);
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  if (!decision?.threadTs || decision.status !== "in-review" || decision.supersededBy) return { outcome: "done" };
  const tally = await tallyOf(deps.db, decision.id);
  const review = await deps.reviewSettings(decision);
  const waitingOn = reviewerMentions(review, [decision.requesterId, ...tally.approvers]);
  const message = buildReminder({
    number: decision.number,
    title: decision.title,
    approvers: tally.approvers.length,
    requiredApprovals: review.requiredApprovals,
    waitingOn,
    nth: parsed.data.nth,
    of: MAX_REMINDERS,
  });
  const place = { channel: decision.channelId, threadTs: decision.threadTs, broadcast: waitingOn === undefined };
  const ts = await postOnce(deps, job, context, place, message);
  return { outcome: "done", slackTs: ts };
};

/**
 * Asks a reviewer who requested changes by reaction why, with a button that opens the reason form. Ephemeral, so it
 * cannot be looked up afterwards: an attempt that may have reached Slack is not repeated.
 */
export const askReason: JobTask = async (deps, job, context) => {
  if (job.lookFirst) return { outcome: "done" };
  const parsed = ReviewerPayload.safeParse(job.payload);
  if (!parsed.success) throw new BadPayloadError(`job ${job.id}: ${parsed.error.message}`);
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  if (!decision?.threadTs || decision.supersededBy) return { outcome: "done" };
  const prompt = buildReasonPrompt(decision);
  await context.renew();
  await deps.client.chat.postEphemeral({
    channel: decision.channelId,
    user: parsed.data.reviewerId,
    thread_ts: decision.threadTs,
    text: prompt.text,
    blocks: prompt.blocks,
  });
  return { outcome: "done" };
};

/** A reviewer's reason, told in the thread to the requester. */
export const postReason: JobTask = async (deps, job, context) => {
  const parsed = ReviewerPayload.safeParse(job.payload);
  if (!parsed.success) throw new BadPayloadError(`job ${job.id}: ${parsed.error.message}`);
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  const reason = decision ? (await reasonsOf(deps.db, decision.id)).get(parsed.data.reviewerId) : undefined;
  if (!decision?.threadTs || !reason) return { outcome: "done" };
  const reply = buildReasonReply(decision, parsed.data.reviewerId, reason);
  const ts = await postOnce(deps, job, context, { channel: decision.channelId, threadTs: decision.threadTs }, reply);
  return { outcome: "done", slackTs: ts };
};
