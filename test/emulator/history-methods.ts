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

/** Slack pages with an opaque cursor; here it is the offset of the page's first message. */
const offsetOf = (cursor: unknown) => {
  const offset = Number(
    Buffer.from(stringArg(cursor) ?? "", "base64")
      .toString("utf8")
      .replace(/^offset:/, ""),
  );
  return Number.isInteger(offset) && offset > 0 ? offset : 0;
};
const cursorAt = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64");

function page<T>(all: readonly T[], args: Record<string, unknown>, limit: number) {
  const offset = offsetOf(args.cursor);
  const slice = all.slice(offset, offset + limit);
  const more = offset + limit < all.length;
  return { slice, more, next: more ? cursorAt(offset + limit) : "" };
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
  const { slice, more, next } = page(all, args, limit);
  return {
    ok: true,
    messages: slice.map((m) => present(world, m, isTrue(args.include_all_metadata))),
    has_more: more,
    response_metadata: { next_cursor: next },
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
  const { slice, more, next } = page([parent, ...thread], args, limit);
  return {
    ok: true,
    messages: slice.map((m) => present(world, m, isTrue(args.include_all_metadata))),
    has_more: more,
    response_metadata: { next_cursor: next },
  };
};

export const HISTORY_METHODS: Record<string, MethodHandler> = {
  "conversations.history": history,
  "conversations.replies": replies,
};
