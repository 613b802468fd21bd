import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { applyReaction, type ReviewDeps } from "../reviews.js";

type Args = SlackEventMiddlewareArgs<"reaction_added" | "reaction_removed"> & AllMiddlewareArgs;

export function handleReaction(deps: ReviewDeps) {
  return async ({ event, body, logger }: Args): Promise<void> => {
    if (event.item.type !== "message") return;
    const outcome = await applyReaction(deps, {
      eventId: (body as { event_id?: string }).event_id,
      added: event.type === "reaction_added",
      userId: event.user,
      reaction: event.reaction,
      channelId: event.item.channel,
      messageTs: event.item.ts,
    });
    logger.debug(`${event.type} ${event.reaction} by ${event.user}: ${outcome}`);
  };
}
