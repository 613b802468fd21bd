// auth.test, conversations.*, users.info, usergroups.users.list, reactions.get.
import type { Json } from "./block-kit-checks.js";
import type { Channel, SlackWorld } from "./emulator-world.js";
import { fail, type MethodHandler, stringArg } from "./method-context.js";
import { toSlackMessage } from "./slack-message.js";

function channelInfo(world: SlackWorld, c: Channel): Json {
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isIm && !c.isPrivate,
    is_group: !c.isIm && c.isPrivate,
    is_im: c.isIm,
    is_private: c.isPrivate,
    is_archived: c.isArchived,
    is_member: world.botIsMember(c),
    num_members: c.members.length,
    ...(c.isIm ? { user: c.members.find((m) => m !== world.identity.botUserId) } : {}),
  };
}

/** A channel the bot can see: public ones, and private ones it is in. */
function visibleChannel(world: SlackWorld, ref: unknown): Channel | undefined {
  const channel = world.resolveChannel(ref);
  if (!channel || (channel.isPrivate && !world.botIsMember(channel))) return undefined;
  return channel;
}

const authTest: MethodHandler = ({ world }) => {
  const id = world.identity;
  return {
    ok: true,
    url: `https://${id.teamDomain}.slack.com/`,
    team: id.teamDomain,
    user: id.botName,
    team_id: id.teamId,
    user_id: id.botUserId,
    bot_id: id.botId,
    ...(id.enterpriseId ? { enterprise_id: id.enterpriseId } : {}),
    is_enterprise_install: false,
  };
};

const join: MethodHandler = ({ world, args }) => {
  const channel = visibleChannel(world, args.channel);
  if (!channel) return fail("channel_not_found");
  if (channel.isPrivate || channel.isIm) return fail("method_not_supported_for_channel_type");
  if (channel.isArchived) return fail("is_archived");
  if (world.botIsMember(channel)) {
    return {
      ok: true,
      channel: channelInfo(world, channel),
      warning: "already_in_channel",
      response_metadata: { warnings: ["already_in_channel"] },
    };
  }
  channel.members.push(world.identity.botUserId);
  return { ok: true, channel: channelInfo(world, channel) };
};

const info: MethodHandler = ({ world, args }) => {
  const channel = visibleChannel(world, args.channel);
  return channel ? { ok: true, channel: channelInfo(world, channel) } : fail("channel_not_found");
};

/** conversations.members, paged like Slack (an opaque cursor; `limit` up to 1000). */
const members: MethodHandler = ({ world, args }) => {
  const channel = visibleChannel(world, args.channel);
  if (!channel) return fail("channel_not_found");
  const limit = Math.min(Math.max(Number(stringArg(args.limit) ?? "100") || 100, 1), 1000);
  const offset =
    Number(
      Buffer.from(stringArg(args.cursor) ?? "", "base64")
        .toString("utf8")
        .replace(/^members:/, ""),
    ) || 0;
  const next = offset + limit < channel.members.length ? Buffer.from(`members:${offset + limit}`).toString("base64") : "";
  return { ok: true, members: channel.members.slice(offset, offset + limit), response_metadata: { next_cursor: next } };
};

const open: MethodHandler = ({ world, args }) => {
  // Only 1:1 DMs are modelled; a multi-person DM answers as if no users were given.
  const users = String(args.users ?? "")
    .split(",")
    .filter(Boolean);
  const [user] = users;
  if (users.length !== 1 || user === undefined) return fail("users_list_not_supplied");
  if (!world.users.has(user)) return fail("user_not_found");
  return { ok: true, channel: { id: world.openIm(user).id } };
};

const usersInfo: MethodHandler = ({ world, args }) => {
  const user = typeof args.user === "string" ? world.users.get(args.user) : undefined;
  if (!user) return fail("user_not_found");
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: world.identity.teamId,
      name: user.name,
      real_name: user.realName,
      deleted: false,
      is_bot: user.isBot,
      is_admin: user.isAdmin === true || user.isOwner === true,
      is_owner: user.isOwner === true,
      profile: { real_name: user.realName, display_name: user.name },
    },
  };
};

const userGroupUsers: MethodHandler = ({ world, args }) => {
  const users = typeof args.usergroup === "string" ? world.userGroups.get(args.usergroup) : undefined;
  return users ? { ok: true, users: [...users] } : fail("no_such_subteam");
};

const reactionsGet: MethodHandler = ({ world, args }) => {
  const channel = visibleChannel(world, args.channel);
  if (!channel) return fail("channel_not_found");
  const message = world.findMessage(channel.id, stringArg(args.timestamp));
  if (!message) return fail("message_not_found");
  return { ok: true, type: "message", channel: channel.id, message: toSlackMessage(message, world.identity) };
};

export const DIRECTORY_METHODS: Record<string, MethodHandler> = {
  "auth.test": authTest,
  "conversations.join": join,
  "conversations.info": info,
  "conversations.members": members,
  "conversations.open": open,
  "users.info": usersInfo,
  "usergroups.users.list": userGroupUsers,
  "reactions.get": reactionsGet,
};
