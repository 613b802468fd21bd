import { z } from "zod";
import type { ReactionEvent } from "../reviews.js";
import { ChannelId, MessageTs, UserId } from "./read-slack-ids.js";

const Reaction = z.object({
  type: z.enum(["reaction_added", "reaction_removed"]),
  user: UserId,
  reaction: z.string().min(1).max(100),
  item: z.object({ type: z.literal("message"), channel: ChannelId, ts: MessageTs }),
});

/** A reaction on a message, or null for anything else (files, malformed or forged-looking events). */
export function readReactionEvent(event: unknown, eventId: unknown): ReactionEvent | null {
  const parsed = Reaction.safeParse(event);
  if (!parsed.success) return null;
  const e = parsed.data;
  return {
    eventId: typeof eventId === "string" && eventId.length > 0 ? eventId : undefined,
    added: e.type === "reaction_added",
    userId: e.user,
    reaction: e.reaction,
    channelId: e.item.channel,
    messageTs: e.item.ts,
  };
}
