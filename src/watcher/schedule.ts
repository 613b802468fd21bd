export interface PeriodicJob {
  /** Runs a pass now, or joins the one already running: never two at once. */
  runNow: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Runs `pass` after `firstDelayMs`, then every `intervalMs`; a failing pass is reported and the schedule goes on. */
export function schedulePasses(
  pass: () => Promise<unknown>,
  timing: { firstDelayMs: number; intervalMs: number },
  onError: (error: unknown) => void,
): PeriodicJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve();
    running ??= pass()
      .then(() => undefined, onError)
      .finally(() => {
        running = null;
      });
    return running;
  };
  const first = setTimeout(() => void runNow(), timing.firstDelayMs);
  const every = setInterval(() => void runNow(), timing.intervalMs);
  first.unref();
  every.unref();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
