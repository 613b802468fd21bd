import { NotePayload } from "../../store/job-payloads.js";
import { BadPayloadError, type JobTask } from "./delivery-deps.js";

/** A response_url works for 30 minutes after the command; past this age a direct message is used instead. */
const RESPONSE_URL_MAX_AGE_MS = 25 * 60_000;

/**
 * A note to one person. Notes cannot be looked up afterwards (an ephemeral message or a response_url leaves nothing
 * to find), so an attempt that may have reached Slack is not repeated: a note is told at most once.
 */
export const notifyUser: JobTask = async (deps, job, context) => {
  if (job.lookFirst) return { outcome: "done" };
  const parsed = NotePayload.safeParse(job.payload);
  if (!parsed.success) throw new BadPayloadError(`job ${job.id}: ${parsed.error.message}`);
  const note = parsed.data;
  await context.renew();
  if (note.channelId) {
    await deps.client.chat.postEphemeral({
      channel: note.channelId,
      user: note.userId,
      text: note.text,
      ...(note.threadTs ? { thread_ts: note.threadTs } : {}),
    });
    return { outcome: "done" };
  }
  const fresh = deps.now().getTime() - new Date(job.createdAt).getTime() < RESPONSE_URL_MAX_AGE_MS;
  if (note.responseUrl && fresh) {
    try {
      await deps.respond(note.responseUrl, note.text);
      return { outcome: "done" };
    } catch {
      // An expired or used-up response_url: a direct message reaches the person all the same.
      await context.renew();
    }
  }
  const res = await deps.client.chat.postMessage({ channel: note.userId, text: note.text });
  return { outcome: "done", slackTs: res.ts };
};
