// conversations.history and conversations.replies: what the app reads back to check whether a post it lost track
// of (a crash between Slack's answer and its own write) already reached the channel.
import type { SlackWorld, StoredMessage } from "./emulator-world.js";
import { fail, isTrue, type MethodHandler, type SlackResponse, stringArg } from "./method-context.js";
import { toSlackMessage } from "./slack-message.js";

function readableChannel(world: SlackWorld, ref: unknown) {
  const channel = world.resolveChannel(ref);
  if (!channel || (channel.isPrivate && !world.botIsMember(channel))) return fail("channel_not_found");
  if (!world.botIsMember(channel)) return fail("not_in_channel");
  return channel;
}

function window(args: Record<string, unknown>) {
  const oldest = Number(stringArg(args.oldest) ?? "0");
  const latest = Number(stringArg(args.latest) ?? "Infinity");
  return (m: StoredMessage) => Number(m.ts) >= oldest && Number(m.ts) <= latest;
}

function present(world: SlackWorld, m: StoredMessage, withMetadata: boolean) {
  const message = toSlackMessage(m, world.identity);
  if (!withMetadata) delete message.metadata;
  return message;
}

const history: MethodHandler = ({ world, args }) => {
  const channel = readableChannel(world, args.channel);
  if ("ok" in channel) return channel as SlackResponse;
  const inWindow = window(args);
  const limit = Math.min(Math.max(Number(stringArg(args.limit) ?? "100") || 100, 1), 999);
  const all = world.messages
    .filter((m) => m.channel === channel.id && (m.threadTs === undefined || m.threadTs === m.ts || m.replyBroadcast) && inWindow(m))
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  return {
    ok: true,
    messages: all.slice(0, limit).map((m) => present(world, m, isTrue(args.include_all_metadata))),
    has_more: all.length > limit,
  };
};

const replies: MethodHandler = ({ world, args }) => {
  const channel = readableChannel(world, args.channel);
  if ("ok" in channel) return channel as SlackResponse;
  const parent = world.findMessage(channel.id, args.ts);
  if (!parent) return fail("thread_not_found");
  const inWindow = window(args);
  const limit = Math.min(Math.max(Number(stringArg(args.limit) ?? "1000") || 1000, 1), 1000);
  const thread = world.messages
    .filter((m) => m.channel === channel.id && m.threadTs === parent.ts && m.ts !== parent.ts && inWindow(m))
    .sort((a, b) => Number(a.ts) - Number(b.ts));
  const page = [parent, ...thread].slice(0, limit);
  return { ok: true, messages: page.map((m) => present(world, m, isTrue(args.include_all_metadata))), has_more: thread.length + 1 > limit };
};

export const HISTORY_METHODS: Record<string, MethodHandler> = {
  "conversations.history": history,
  "conversations.replies": replies,
};
