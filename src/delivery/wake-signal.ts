/** Lets sleepers wait for a nudge or a timeout, whichever comes first. */
export class WakeSignal {
  private waiters = new Set<() => void>();

  /** Resolves after `ms`, or at once on the next `wake()`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
