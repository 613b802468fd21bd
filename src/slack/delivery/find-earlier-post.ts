import type { WebClient } from "@slack/web-api";
import { DECISION_EVENT_TYPES } from "../decision-events.js";
import { METADATA_EVENT } from "../ids.js";

/**
 * The message metadata event types the worker's posts carry: the public decision events, or the app's own type. Every
 * one carries the job's idempotency key in its payload.
 */
const OUR_EVENT_TYPES: ReadonlySet<string> = new Set([METADATA_EVENT.post, ...DECISION_EVENT_TYPES]);
/** Slack's clock and ours may disagree a little: look this much further back than the job's creation. */
const CLOCK_SLACK_MS = 10 * 60_000;
const PAGE = 200;

export interface PostPlace {
  channel: string;
  /** The thread the post is a reply in; absent for a post in the channel itself. */
  threadTs?: string | null | undefined;
  /** A thread reply also shown in the channel (`reply_broadcast`). */
  broadcast?: boolean | undefined;
}

/** The metadata of a post that tells other apps nothing: only this app reads it. */
export function postMetadata(key: string, decisionId: number | null) {
  return { event_type: METADATA_EVENT.post, event_payload: { key, ...(decisionId !== null ? { decision_id: decisionId } : {}) } };
}

interface Metadata {
  event_type?: string;
  event_payload?: { key?: unknown; decision_id?: unknown; part?: unknown };
}

/** The key a post carries; posts from before the job table carried the decision and the part instead. */
function keyOf(metadata: Metadata | undefined): string | undefined {
  if (!OUR_EVENT_TYPES.has(metadata?.event_type ?? "")) return undefined;
  const payload = metadata?.event_payload;
  if (typeof payload?.key === "string") return payload.key;
  if (typeof payload?.decision_id === "number" && typeof payload.part === "string")
    return `decision:${payload.decision_id}:${payload.part}`;
  return undefined;
}

/** A Slack ts (`seconds.micros`) for a moment. */
export const slackTs = (at: Date) => `${Math.floor(at.getTime() / 1000)}.000000`;

/**
 * Finds a post an earlier attempt of this job made, by the key in its metadata: the channel's history or the thread's
 * replies, page after page, back to just before the job was created (nothing older can be it). `beforeCall` runs
 * before each page (the worker renews its claim there). Null when there is none.
 */
export async function findEarlierPost(
  client: WebClient,
  place: PostPlace,
  key: string,
  since: Date,
  beforeCall: () => Promise<void>,
): Promise<string | null> {
  const oldest = slackTs(new Date(since.getTime() - CLOCK_SLACK_MS));
  let cursor: string | undefined;
  do {
    await beforeCall();
    const args = {
      channel: place.channel,
      oldest,
      inclusive: true,
      include_all_metadata: true,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    };
    const page = place.threadTs
      ? await client.conversations.replies({ ...args, ts: place.threadTs })
      : await client.conversations.history(args);
    for (const message of page.messages ?? []) {
      if (keyOf((message as { metadata?: Metadata }).metadata) === key && message.ts) return message.ts;
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return null;
}
