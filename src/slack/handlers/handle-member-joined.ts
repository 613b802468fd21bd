import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { requeueWaiting } from "../../store/jobs.js";
import type { SqlClient } from "../../store/sql-client.js";
import { ChannelId } from "../readers/read-slack-ids.js";

type Args = SlackEventMiddlewareArgs<"member_joined_channel"> & AllMiddlewareArgs;

/** When the bot is invited to a channel, what was waiting for the invite is queued again. */
export function handleMemberJoined(deps: { db: SqlClient; jobsQueued: () => void }) {
  return async ({ event, context }: Args): Promise<void> => {
    const channel = ChannelId.safeParse(event.channel);
    if (event.user !== context.botUserId || !channel.success) return;
    if ((await requeueWaiting(deps.db, channel.data)) > 0) deps.jobsQueued();
  };
}
