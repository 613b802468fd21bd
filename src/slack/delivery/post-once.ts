import type { JobContext } from "../../delivery/worker.js";
import type { ClaimedJob } from "../../store/jobs.js";
import type { SlackMessage } from "../builders/blocks.js";
import { slackErrorCode } from "../slack-errors.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { findEarlierPost, type PostPlace, postMetadata } from "./find-earlier-post.js";
import { classifySlackFailure } from "./slack-failure.js";

/** The bot cannot get into the channel: a private one it was not invited to (or one that is gone). */
export class NoAccessError extends Error {
  override name = "NoAccessError";
}

/** Join failures that an invite would cure. */
const INVITE_NEEDED = new Set(["channel_not_found", "method_not_supported_for_channel_type", "not_in_channel", "missing_scope"]);

/**
 * Runs a channel write; when the bot is not in the channel, joins it (public channels) and tries once more. Throws
 * NoAccessError when only an invite can help.
 */
export async function withChannelAccess<T>(deps: DeliveryDeps, context: JobContext, channel: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (classifySlackFailure(error).type !== "no-access") throw error;
  }
  try {
    await context.renew();
    await deps.client.conversations.join({ channel });
  } catch (error) {
    const code = slackErrorCode(error);
    if (classifySlackFailure(error).type !== "transient" && INVITE_NEEDED.has(code)) throw new NoAccessError(code);
    throw error;
  }
  return write();
}

/** Message metadata that carries the job's idempotency key in `event_payload.key`. */
export interface KeyedMetadata {
  event_type: string;
  event_payload: { key: string } & Record<string, string | number | boolean>;
}

/**
 * Posts a message for a job exactly once: with the job's key in its metadata, and, when an earlier attempt may have
 * reached Slack, only after looking for that post (returning it instead). Resolves with the message ts. `metadata`
 * defaults to the app's own event type; a public decision event must carry the job's key too.
 */
export async function postOnce(
  deps: DeliveryDeps,
  job: ClaimedJob,
  context: JobContext,
  place: PostPlace,
  message: SlackMessage,
  metadata: KeyedMetadata = postMetadata(job.idempotencyKey, job.decisionId),
): Promise<string> {
  // A post whose metadata lost its key could never be found again: it would be posted twice after a crash.
  if (metadata.event_payload.key !== job.idempotencyKey) throw new Error(`job ${job.id}: its post's metadata carries another key`);
  return withChannelAccess(deps, context, place.channel, async () => {
    if (job.lookFirst) {
      try {
        const earlier = await findEarlierPost(deps.client, place, job.idempotencyKey, new Date(job.createdAt), context.renew);
        if (earlier) return earlier;
      } catch (error) {
        // Without the history scopes the lookup cannot help; posting again is better than never posting.
        if (slackErrorCode(error) !== "missing_scope") throw error;
      }
    }
    await context.renew();
    const thread = place.threadTs ? { thread_ts: place.threadTs, ...(place.broadcast ? { reply_broadcast: true as const } : {}) } : {};
    const res = await deps.client.chat.postMessage({
      channel: place.channel,
      ...thread,
      text: message.text,
      blocks: message.blocks,
      metadata,
      unfurl_links: false,
    });
    if (!res.ts) throw new Error("chat.postMessage answered without a ts");
    return res.ts;
  });
}
