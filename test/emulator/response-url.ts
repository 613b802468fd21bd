// POSTs to a response_url (Bolt's `respond()`): up to 5 uses within 30 minutes;
// `replace_original` / `delete_original` act on the message the interaction came
// from; otherwise the reply is ephemeral unless `response_type: "in_channel"`.
import { isObject } from "./block-kit-checks.js";
import type { SlackWorld, StoredMessage } from "./emulator-world.js";
import { fail, isTrue, type SlackResponse, stringArg } from "./method-context.js";
import { isFailure, readMessageContent } from "./slack-message.js";

const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

export interface ResponseUrlAnswer {
  status: number;
  body: SlackResponse;
}

export function postToResponseUrl(world: SlackWorld, id: string, body: unknown): ResponseUrlAnswer {
  const entry = world.responseUrls.get(id);
  if (!entry || Date.now() - entry.issuedAt > LIFETIME_MS) return { status: 404, body: fail("expired_url") };
  if (entry.uses >= MAX_USES) return { status: 404, body: fail("used_url") };
  if (!isObject(body)) return { status: 400, body: fail("invalid_payload") };
  entry.uses += 1;
  // The message the interaction came from: one in the channel, or an ephemeral one (a command's reply, say).
  const original =
    entry.channelId && entry.messageTs
      ? (world.findMessage(entry.channelId, entry.messageTs) ??
        world.ephemerals.find((m) => m.channel === entry.channelId && m.ts === entry.messageTs && m.visibleTo === entry.userId))
      : undefined;
  if (isTrue(body.delete_original)) {
    world.messages = world.messages.filter((m) => m !== original);
    world.ephemerals = world.ephemerals.filter((m) => m !== original);
    return { status: 200, body: { ok: true } };
  }
  const content = readMessageContent(body);
  if (isFailure(content)) return { status: 400, body: content };
  if (isTrue(body.replace_original) && original) {
    original.text = content.text;
    original.blocks = content.blocks;
    original.edited = { user: world.identity.botUserId, ts: world.nextTs() };
    return { status: 200, body: { ok: true } };
  }
  if (!entry.channelId) return { status: 200, body: { ok: true } };
  const message: StoredMessage = {
    channel: entry.channelId,
    ts: world.nextTs(),
    threadTs: stringArg(body.thread_ts),
    user: world.identity.botUserId,
    botId: world.identity.botId,
    text: content.text,
    blocks: content.blocks,
    reactions: [],
    via: "response_url",
  };
  if (body.response_type === "in_channel") world.messages.push(message);
  else world.ephemerals.push({ ...message, visibleTo: entry.userId });
  return { status: 200, body: { ok: true } };
}
