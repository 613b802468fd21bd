import type { JobResult } from "../../delivery/worker.js";
import { NoticeJobPayload } from "../../store/job-payloads.js";
import type { ClaimedJob } from "../../store/jobs.js";
import { getNotice, type NoticeWithDecision, recordNoticePosted } from "../../store/model-notices.js";
import type { SqlClient } from "../../store/sql-client.js";
import { buildModelNotice } from "../builders/build-model-notice.js";
import { BadPayloadError, type JobTask } from "./delivery-deps.js";
import { postOnce, withChannelAccess } from "./post-once.js";

async function noticeOf(db: SqlClient, job: ClaimedJob): Promise<NoticeWithDecision | null> {
  const parsed = NoticeJobPayload.safeParse(job.payload);
  if (!parsed.success) throw new BadPayloadError(`job ${job.id}: ${parsed.error.message}`);
  return getNotice(db, parsed.data.noticeId);
}

/** A model notice, a reply in the decision's thread; the notice row then points at it. */
export const postNotice: JobTask = async (deps, job, context): Promise<JobResult> => {
  const found = await noticeOf(deps.db, job);
  // Gone with its decision, already posted (a second job for one notice), or its decision never got a thread.
  if (!found || found.notice.messageTs || !found.decision.threadTs) return { outcome: "done" };
  const place = { channel: found.decision.channelId, threadTs: found.decision.threadTs };
  const ts = await postOnce(deps, job, context, place, buildModelNotice(found));
  return { outcome: "done", slackTs: ts, effects: (tx) => recordNoticePosted(tx, found.notice.id, ts) };
};

/** A notice after someone acted on it: redrawn from our records, its buttons giving way to who did what. */
export const updateNotice: JobTask = async (deps, job, context): Promise<JobResult> => {
  const found = await noticeOf(deps.db, job);
  if (!found?.notice.messageTs) return { outcome: "done" };
  const { channelId } = found.decision;
  const message = buildModelNotice(found);
  await withChannelAccess(deps, context, channelId, async () => {
    await context.renew();
    await deps.client.chat.update({ channel: channelId, ts: found.notice.messageTs!, text: message.text, blocks: message.blocks });
  });
  return { outcome: "done" };
};
