import type { App, Logger, SocketModeReceiver } from "@slack/bolt";

interface SlackEventArgs {
  ack: (response?: unknown) => Promise<void>;
  body: { type?: unknown } | undefined;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * Socket Mode's answer to HTTP's `processBeforeResponse`: Bolt acknowledges an Events API envelope before any
 * listener runs, so a reaction could be acknowledged and then lost. Here the receiver's envelope handler is replaced by
 * one that acknowledges an event only once it was handled (stored); when handling fails, no ack is sent and Slack
 * delivers the envelope again. Commands, actions and view submissions are acknowledged when their listener acks, as
 * before.
 */
export function ackEventsAfterHandling(app: App, receiver: SocketModeReceiver, logger: Logger): void {
  receiver.client.removeAllListeners("slack_event");
  receiver.client.on("slack_event", async ({ ack, body, retry_num, retry_reason }: SlackEventArgs) => {
    const isEvent = body?.type === "event_callback";
    let acknowledged = false;
    const boltAck = async (response?: unknown) => {
      if (acknowledged) return;
      acknowledged = true;
      if (!isEvent) await ack(response);
    };
    try {
      await app.processEvent({ body: body as Record<string, unknown>, ack: boltAck, retryNum: retry_num, retryReason: retry_reason });
      if (isEvent) await ack();
    } catch (error) {
      logger.error(
        `a Socket Mode envelope was not handled (${(error as Error)?.message ?? String(error)})${isEvent ? "; Slack will send it again" : ""}`,
      );
    }
  });
}
