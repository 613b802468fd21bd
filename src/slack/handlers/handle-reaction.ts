import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { readReactionEvent } from "../readers/read-reaction-event.js";
import { applyReaction, type ReviewDeps } from "../reviews.js";

type Args = SlackEventMiddlewareArgs<"reaction_added" | "reaction_removed"> & AllMiddlewareArgs;

export function handleReaction(deps: ReviewDeps) {
  return async ({ event, body, logger }: Args): Promise<void> => {
    const reaction = readReactionEvent(event, (body as { event_id?: unknown }).event_id);
    if (!reaction) return;
    const teamId = (body as { team_id?: unknown }).team_id;
    const outcome = await applyReaction(deps, { ...reaction, ...(typeof teamId === "string" ? { teamId } : {}) });
    logger.debug(`${event.type} ${reaction.reaction} by ${reaction.userId}: ${outcome}`);
  };
}
