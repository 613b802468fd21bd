// chat.postMessage, chat.update, chat.postEphemeral, chat.getPermalink.
import { LIMITS } from "./block-kit-limits.js";
import type { Channel, SlackWorld, StoredMessage } from "./emulator-world.js";
import { readMetadata } from "./message-metadata.js";
import { fail, isTrue, type MethodHandler, type SlackResponse, stringArg } from "./method-context.js";
import { isFailure, readMessageContent, toSlackMessage, warningFields } from "./slack-message.js";

/** A channel the bot may post to, or the Slack error that says why not. */
function postableChannel(world: SlackWorld, ref: unknown): Channel | SlackResponse {
  const channel = world.resolveChannel(ref);
  if (!channel) return fail("channel_not_found");
  // Private channels the bot is not in are invisible to it.
  if (channel.isPrivate && !world.botIsMember(channel)) return fail("channel_not_found");
  if (channel.isArchived) return fail("is_archived");
  if (!world.botIsMember(channel) && !world.identity.chatWritePublic) return fail("not_in_channel");
  return channel;
}

const isChannel = (value: Channel | SlackResponse): value is Channel => !("ok" in value);

const postMessage: MethodHandler = ({ world, args }) => {
  const channel = postableChannel(world, args.channel);
  if (!isChannel(channel)) return channel;
  const content = readMessageContent(args);
  if (isFailure(content)) return content;
  const threadTs = stringArg(args.thread_ts);
  if (threadTs !== undefined) {
    const parent = world.findMessage(channel.id, threadTs);
    if (!parent || parent.threadTs !== undefined) return fail("thread_not_found");
  }
  const { identity } = world;
  const metadata = readMetadata(args.metadata);
  const message: StoredMessage = {
    channel: channel.id,
    ts: world.nextTs(),
    threadTs,
    user: identity.botUserId,
    botId: identity.botId,
    text: content.text,
    blocks: content.blocks,
    metadata: metadata.metadata,
    reactions: [],
    replyBroadcast: threadTs !== undefined && isTrue(args.reply_broadcast),
    via: "chat.postMessage",
  };
  world.messages.push(message);
  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    message: toSlackMessage(message, identity),
    ...warningFields(content.warning ?? metadata.warning),
  };
};

const update: MethodHandler = ({ world, args }) => {
  const channel = world.resolveChannel(args.channel);
  if (!channel) return fail("channel_not_found");
  const message = world.findMessage(channel.id, args.ts);
  if (!message) return fail("message_not_found");
  if (message.user !== world.identity.botUserId) return fail("cant_update_message");
  const content = readMessageContent(args, { maxText: LIMITS.messageTextUpdate });
  if (isFailure(content)) return content;
  if (args.text !== undefined) message.text = content.text;
  if (args.blocks !== undefined) message.blocks = content.blocks;
  const metadata = readMetadata(args.metadata);
  if (metadata.metadata !== undefined) message.metadata = metadata.metadata;
  message.edited = { user: world.identity.botUserId, ts: world.nextTs() };
  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    text: message.text,
    message: toSlackMessage(message, world.identity),
    ...warningFields(content.warning ?? metadata.warning),
  };
};

const postEphemeral: MethodHandler = ({ world, args }) => {
  const channel = postableChannel(world, args.channel);
  if (!isChannel(channel)) return channel;
  const user = stringArg(args.user);
  if (user === undefined || !world.users.has(user)) return fail("user_not_found");
  if (!channel.members.includes(user)) return fail("user_not_in_channel");
  const content = readMessageContent(args);
  if (isFailure(content)) return content;
  const message: StoredMessage = {
    channel: channel.id,
    ts: world.nextTs(),
    threadTs: stringArg(args.thread_ts),
    user: world.identity.botUserId,
    botId: world.identity.botId,
    text: content.text,
    blocks: content.blocks,
    reactions: [],
    visibleTo: user,
    via: "chat.postEphemeral",
  };
  world.ephemerals.push(message);
  return { ok: true, message_ts: message.ts, ...warningFields(content.warning) };
};

const getPermalink: MethodHandler = ({ world, args }) => {
  const channel = world.resolveChannel(args.channel);
  if (!channel) return fail("channel_not_found");
  const message = world.findMessage(channel.id, args.message_ts);
  if (!message) return fail("message_not_found");
  const base = `https://${world.identity.teamDomain}.slack.com/archives/${channel.id}/p${message.ts.replace(".", "")}`;
  const permalink = message.threadTs ? `${base}?thread_ts=${message.threadTs}&cid=${channel.id}` : base;
  return { ok: true, channel: channel.id, permalink };
};

export const CHAT_METHODS: Record<string, MethodHandler> = {
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.postEphemeral": postEphemeral,
  "chat.getPermalink": getPermalink,
};
