import type { AppLogger } from "./logger.js";

export interface ShutdownOptions {
  /** Stops taking work and waits for the work in flight. */
  stop: () => Promise<void>;
  /** The longest the first signal waits for `stop` before exiting anyway. */
  graceMs: number;
  logger: AppLogger;
  exit: (code: number) => void;
  /** Where signals arrive (the process; a stand-in in tests). */
  signals?: Pick<NodeJS.EventEmitter, "on">;
}

/**
 * SIGTERM or SIGINT: stop, then exit 0; exit 1 if the work in flight did not finish within the grace period (it is
 * retried at the next start). A second signal while stopping exits at once.
 */
export function stopOnSignals(options: ShutdownOptions): void {
  const { logger, exit, graceMs } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, `${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal, graceMs }, `${signal}: stopping; work in flight has ${graceMs} ms to finish`);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<"expired">((resolve) => {
      timer = setTimeout(() => resolve("expired"), graceMs);
    });
    Promise.race([options.stop().then(() => "stopped" as const), expired]).then(
      (result) => {
        clearTimeout(timer);
        if (result === "stopped") logger.info("stopped");
        else logger.warn({ graceMs }, `work still in flight after ${graceMs} ms; exiting anyway`);
        exit(result === "stopped" ? 0 : 1);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, "stopping failed");
        exit(1);
      },
    );
  };
  const on = options.signals ?? process;
  for (const signal of ["SIGTERM", "SIGINT"] as const) on.on(signal, onSignal);
}
