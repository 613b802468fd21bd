import type { JobContext, JobResult } from "../../delivery/worker.js";
import { getDecision, recordReasonsPosted, recordVerdictPosted } from "../../store/decisions.js";
import { jobKey } from "../../store/jobs.js";
import { buildVerdictReply } from "../builders/build-verdict-reply.js";
import { buildDecisionEvent } from "../decision-events.js";
import { METADATA_EVENT } from "../ids.js";
import type { DeliveryDeps, JobTask } from "./delivery-deps.js";
import { postOnce, withChannelAccess } from "./post-once.js";
import { renderStatusReply, renderVerdictMessage } from "./render-decision.js";

/** Nothing to do (the decision is gone, or what the job was for is already done). */
const nothingToDo: JobResult = { outcome: "done" };

/** The posted verdict's link, or null when Slack does not give it now (a `record-permalink` job asks again later). */
async function linkOf(deps: DeliveryDeps, context: JobContext, channel: string, messageTs: string): Promise<string | null> {
  try {
    await context.renew();
    return (await deps.client.chat.getPermalink({ channel, message_ts: messageTs })).permalink ?? null;
  } catch {
    return null;
  }
}

/**
 * The verdict message, in the channel or in the thread the review started in; a revision's verdict, in the thread of
 * the decision it revises, is also shown in the channel. Then the reasons reply is due. Its link is kept with it: one
 * job fewer per verdict, which on PostgreSQL means fewer transactions racing over the job table.
 */
export const postVerdict: JobTask = async (deps, job, context) => {
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  if (!decision || decision.messageTs) return nothingToDo;
  const message = await renderVerdictMessage(deps.db, decision, await deps.reviewSettings(decision));
  const place = { channel: decision.channelId, threadTs: decision.threadTs, broadcast: decision.revises !== null };
  const event = buildDecisionEvent(METADATA_EVENT.decisionPosted, decision, job.idempotencyKey);
  const ts = await postOnce(deps, job, context, place, message, event);
  const link = await linkOf(deps, context, decision.channelId, ts);
  return {
    outcome: "done",
    slackTs: ts,
    effects: (tx) => recordVerdictPosted(tx, decision.id, { messageTs: ts, threadTs: decision.threadTs ?? ts, permalink: link }),
  };
};

/** The first reply in the verdict's thread: reasons and next steps. */
export const postReasons: JobTask = async (deps, job, context) => {
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  if (!decision?.threadTs || decision.replyTs) return nothingToDo;
  const reply = buildVerdictReply({
    number: decision.number,
    verdict: decision.verdict,
    answers: decision.answers,
    unknownAnswers: decision.unknownAnswers,
  });
  const ts = await postOnce(deps, job, context, { channel: decision.channelId, threadTs: decision.threadTs }, reply);
  return { outcome: "done", slackTs: ts, effects: (tx) => recordReasonsPosted(tx, decision.id, ts) };
};

/** A thread reply saying where the review stands; the one telling an approval is the decision_approved event. */
export const postStatus: JobTask = async (deps, job, context) => {
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  if (!decision?.threadTs) return nothingToDo;
  const reply = await renderStatusReply(deps.db, decision);
  const event =
    decision.status === "approved" ? buildDecisionEvent(METADATA_EVENT.decisionApproved, decision, job.idempotencyKey) : undefined;
  const ts = await postOnce(deps, job, context, { channel: decision.channelId, threadTs: decision.threadTs }, reply, event);
  return { outcome: "done", slackTs: ts };
};

/**
 * The verdict message redrawn from the decision as it stands (updates coalesce: one pending per decision). Once a
 * revision replaces the decision, its metadata becomes decision_superseded (other apps get message_metadata_updated),
 * still with the verdict post's key.
 */
export const updateVerdict: JobTask = async (deps, job, context) => {
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  if (!decision?.messageTs) return nothingToDo;
  const message = await renderVerdictMessage(deps.db, decision, await deps.reviewSettings(decision));
  const metadata = decision.supersededBy
    ? buildDecisionEvent(METADATA_EVENT.decisionSuperseded, decision, jobKey.verdict(decision.id), decision.supersededBy.number)
    : undefined;
  await withChannelAccess(deps, context, decision.channelId, async () => {
    await context.renew();
    await deps.client.chat.update({
      channel: decision.channelId,
      ts: decision.messageTs!,
      text: message.text,
      blocks: message.blocks,
      ...(metadata ? { metadata } : {}),
    });
  });
  return { outcome: "done" };
};
