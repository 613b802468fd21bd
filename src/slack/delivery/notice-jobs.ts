import type { JobResult } from "../../delivery/worker.js";
import { getDecision } from "../../store/decisions.js";
import { NoticePayload, NoticeUpdatePayload } from "../../store/job-payloads.js";
import { findJobByTs } from "../../store/jobs.js";
import { noticeModels, noticesInMessage, recordNoticePosted, type WatchedDecision } from "../../store/model-notices.js";
import type { SqlClient } from "../../store/sql-client.js";
import type { SlackMessage } from "../builders/blocks.js";
import { buildLifecycleNotice, buildNewerVersionNotice, buildResolvedNotice } from "../builders/build-model-notice.js";
import { BadPayloadError, type JobTask } from "./delivery-deps.js";
import { postOnce, withChannelAccess } from "./post-once.js";

function renderNotice(payload: NoticePayload): SlackMessage {
  const { decision, content } = payload;
  return content.kind === "newer-version"
    ? buildNewerVersionNotice(decision, content.versions)
    : buildLifecycleNotice(decision, content.lifecycle);
}

/** A base-model notice, a reply in the decision's thread; the notice rows then point at it. */
export const postNotice: JobTask = async (deps, job, context) => {
  const parsed = NoticePayload.safeParse(job.payload);
  if (!parsed.success) throw new BadPayloadError(`job ${job.id}: ${parsed.error.message}`);
  const { decision, content } = parsed.data;
  const ts = await postOnce(deps, job, context, { channel: decision.channelId, threadTs: decision.threadTs }, renderNotice(parsed.data));
  const models = noticeModels(decision, content);
  return { outcome: "done", slackTs: ts, effects: (tx) => recordNoticePosted(tx, decision.id, content.kind, models, ts) };
};

/**
 * What a notice said, from our own records: the job that posted it, or (for notices posted before jobs existed) the
 * notice rows. Never from the message a button payload carries.
 */
async function originalNotice(db: SqlClient, decisionId: number, noticeTs: string): Promise<SlackMessage | null> {
  const posted = await findJobByTs(db, "post-notice", decisionId, noticeTs);
  const payload = NoticePayload.safeParse(posted?.payload);
  if (payload.success) return renderNotice(payload.data);
  const decision = await getDecision(db, decisionId);
  const rows = (await noticesInMessage(db, decisionId, noticeTs)).filter((n) => n.kind === "newer-version");
  if (!decision?.threadTs || rows.length === 0) return null;
  const watched: WatchedDecision = { ...decision, threadTs: decision.threadTs };
  return buildNewerVersionNotice(
    watched,
    rows.map((n) => ({ id: n.modelId, releaseDate: n.releaseDate, source: "the catalog" })),
  );
}

/** A notice after someone acted on it: redrawn from our records, its buttons giving way to who did what. */
export const updateNotice: JobTask = async (deps, job, context): Promise<JobResult> => {
  const parsed = NoticeUpdatePayload.safeParse(job.payload);
  if (!parsed.success) throw new BadPayloadError(`job ${job.id}: ${parsed.error.message}`);
  const { channelId, noticeTs, outcome } = parsed.data;
  const original = job.decisionId ? await originalNotice(deps.db, job.decisionId, noticeTs) : null;
  if (!original) return { outcome: "done" };
  const blocks = buildResolvedNotice(original.blocks, outcome);
  await withChannelAccess(deps, context, channelId, async () => {
    await context.renew();
    await deps.client.chat.update({ channel: channelId, ts: noticeTs, text: original.text, blocks });
  });
  return { outcome: "done" };
};
