import type { App } from "@slack/bolt";

export interface InFlight {
  /** Requests being handled now. */
  count: () => number;
  /** Counts work a listener left running after its ack (a modal opening) until it ends. */
  track: (work: Promise<void>) => void;
  /** Resolves once no request is being handled (after receiving stopped, none can start). */
  settled: () => Promise<void>;
}

/**
 * Counts every request Bolt processes, from its arrival (before its ack) until its listeners have returned, including
 * the work they do after the ack (posting, opening modals), so a stop can wait for it and a test can tell when
 * nothing more will happen. Receivers hand every request to `app.processEvent`; the count wraps it.
 */
export function trackInFlight(app: App): InFlight {
  const running = new Set<Promise<void>>();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const work = processEvent(event);
    running.add(work);
    const done = () => void running.delete(work);
    work.then(done, done);
    return work;
  };
  const track = (work: Promise<void>) => {
    running.add(work);
    const done = () => void running.delete(work);
    work.then(done, done);
  };
  return {
    count: () => running.size,
    track,
    settled: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
