import type { Logger } from "@slack/bolt";
import { slackErrorCode } from "./slack-errors.js";

/**
 * Work that follows an ack and must not hold it back: in HTTP mode the app answers Slack only once a listener
 * returns (so that events are stored before they are acknowledged), and opening a modal or publishing App Home does
 * not need to be waited for. Failures are logged.
 */
export function afterAck(logger: Logger, what: string, work: () => Promise<unknown>): void {
  work().catch((error: unknown) => logger.warn(`${what} failed (${slackErrorCode(error)})`));
}
