import { z } from "zod";
import { ChannelId, MessageTs, UserId } from "./read-slack-ids.js";

/** Where a block action on a message came from, as Slack says: who, in which workspace, channel and message. */
export interface ActionPlace {
  userId: string;
  teamId: string;
  channelId: string;
  messageTs: string;
}

const Body = z.object({
  user: z.object({ id: UserId, team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullable().optional(),
  container: z.object({ type: z.literal("message"), channel_id: ChannelId, message_ts: MessageTs }),
  channel: z.object({ id: ChannelId }).optional(),
});

/**
 * The place of an action on a message, or null when the payload is not one (a view, a malformed or inconsistent
 * body: a channel that disagrees with its container is not trusted).
 */
export function readActionPlace(body: unknown): ActionPlace | null {
  const parsed = Body.safeParse(body);
  if (!parsed.success) return null;
  const b = parsed.data;
  const teamId = b.team?.id ?? b.user.team_id;
  if (!teamId || (b.channel && b.channel.id !== b.container.channel_id)) return null;
  return { userId: b.user.id, teamId, channelId: b.container.channel_id, messageTs: b.container.message_ts };
}

/** A decision id carried by one of our buttons. */
export function readDecisionId(value: string | undefined): number | null {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
