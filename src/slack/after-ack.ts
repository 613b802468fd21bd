import type { Logger } from "@slack/bolt";
import { slackErrorCode } from "./slack-errors.js";

/** Runs work after an ack without holding the ack back (see afterAck). */
export type Later = (what: string, work: () => Promise<unknown>) => void;

/**
 * Work that follows an ack and must not hold it back: in HTTP mode the app answers Slack only once a listener
 * returns (so that events are stored before they are acknowledged), and opening a modal or publishing App Home does
 * not need to be waited for. Failures are logged. `track` lets a graceful stop wait for the work too.
 */
export function afterAck(logger: Logger, what: string, work: () => Promise<unknown>, track?: (running: Promise<void>) => void): void {
  const running = work().then(
    () => undefined,
    (error: unknown) => logger.warn(`${what} failed (${slackErrorCode(error)})`),
  );
  track?.(running);
}

/** A `Later` for handlers that falls back to untracked work (handlers called directly in tests). */
export function laterOr(later: Later | undefined, logger: Logger): Later {
  return later ?? ((what, work) => afterAck(logger, what, work));
}
