import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";

export interface InFlight {
  /** Global Bolt middleware: every request's listeners count as in flight until they return. */
  middleware: Middleware<AnyMiddlewareArgs>;
  /** Listeners running now. */
  count: () => number;
  /** Resolves once no listener is running (call after receiving stopped, so none can start). */
  settled: () => Promise<void>;
}

/** Tracks the work Bolt listeners still do after their ack (posting, opening modals), so a stop can wait for it. */
export function trackInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    middleware: async ({ next }) => {
      const work = next();
      running.add(work);
      try {
        await work;
      } finally {
        running.delete(work);
      }
    },
    count: () => running.size,
    settled: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
