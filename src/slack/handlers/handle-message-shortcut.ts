import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { type Later, laterOr } from "../after-ack.js";
import { firstStepView, type QuestionnaireDeps } from "../questionnaire-session.js";
import { viewArg } from "../view-arg.js";

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** Starts a review inside an existing thread: the verdict will be posted there. */
export function handleMessageShortcut(deps: QuestionnaireDeps & { later?: Later }) {
  return async ({ shortcut, ack, client, logger }: Args): Promise<void> => {
    await ack();
    const message = shortcut.message as { ts: string; thread_ts?: string };
    const start = {
      teamId: shortcut.team?.id ?? shortcut.user.team_id ?? "",
      userId: shortcut.user.id,
      metadata: { channelId: shortcut.channel.id, threadTs: message.thread_ts ?? message.ts, responseUrl: shortcut.response_url },
    };
    laterOr(deps.later, logger)("opening the questionnaire", async () =>
      client.views.open({ trigger_id: shortcut.trigger_id, view: viewArg(await firstStepView(deps, start)) }),
    );
  };
}
