import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { type Later, laterOr } from "../after-ack.js";
import { buildQuestionnaire } from "../builders/build-questionnaire.js";

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** Starts a review inside an existing thread: the verdict will be posted there. */
export function handleMessageShortcut(deps: { today: () => string; later?: Later }) {
  return async ({ shortcut, ack, client, logger }: Args): Promise<void> => {
    await ack();
    const message = shortcut.message as { ts: string; thread_ts?: string };
    const view = buildQuestionnaire({
      metadata: {
        channelId: shortcut.channel.id,
        threadTs: message.thread_ts ?? message.ts,
        responseUrl: shortcut.response_url,
      },
      today: deps.today(),
    });
    laterOr(deps.later, logger)("opening the questionnaire", () => client.views.open({ trigger_id: shortcut.trigger_id, view }));
  };
}
