import { z } from "zod";
import { ChannelId, MessageTs, UserId } from "./read-slack-ids.js";

/** Where a click on a notice button happened, as Slack signs it: who, in which channel, on which message. */
export interface NoticeClick {
  userId: string;
  channelId: string;
  messageTs: string;
}

const Click = z.object({
  user: z.object({ id: UserId }),
  container: z.object({ channel_id: ChannelId.optional(), message_ts: MessageTs.optional() }).optional(),
  channel: z.object({ id: ChannelId }).optional(),
  message: z.object({ ts: MessageTs }).optional(),
});

/**
 * Reads a click on a model-notice button from the action's envelope, never from the button's value: the notice is
 * then found by the message it is on, in the channel it is in. Null when the envelope lacks either, or names two.
 */
export function readNoticeClick(body: unknown): NoticeClick | null {
  const parsed = Click.safeParse(body);
  if (!parsed.success) return null;
  const { user, container, channel, message } = parsed.data;
  const channelId = channel?.id ?? container?.channel_id;
  const messageTs = message?.ts ?? container?.message_ts;
  const agree = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;
  if (!agree(channel?.id, container?.channel_id) || !agree(message?.ts, container?.message_ts)) return null;
  return channelId && messageTs ? { userId: user.id, channelId, messageTs } : null;
}
