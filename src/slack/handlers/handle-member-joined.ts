import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { type PublishDeps, publishPending } from "../publish-decision.js";

type Args = SlackEventMiddlewareArgs<"member_joined_channel"> & AllMiddlewareArgs;

/** When the bot is invited to a channel, the decisions that were waiting for it are posted. */
export function handleMemberJoined(deps: PublishDeps) {
  return async ({ event, context }: Args): Promise<void> => {
    if (event.user !== context.botUserId) return;
    await publishPending(deps, { channelId: event.channel });
  };
}
