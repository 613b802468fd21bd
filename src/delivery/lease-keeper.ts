import { acquireLease, leaseHolder, releaseLease } from "../store/lease.js";
import type { SqlClient } from "../store/sql-client.js";
import type { WorkerLog } from "./worker.js";

export interface LeaseKeeperOptions {
  db: SqlClient;
  name: string;
  holder: string;
  /** How long the lease lasts unless renewed (default 30 s); another process takes over this long after a crash. */
  ttlMs?: number;
  /** How often it is renewed, or asked for while another process holds it (default a third of the ttl). */
  renewMs?: number;
  now?: () => Date;
  log: WorkerLog;
  /** This process got the lease: start the background work. */
  onAcquired: () => Promise<void> | void;
  /** This process lost the lease (it could not renew it in time): stop the background work. */
  onLost: () => Promise<void> | void;
  /** Whether a holder is a process known to be gone (its lease can be taken before it expires). */
  isGone?: (holder: string) => boolean;
}

export interface LeaseKeeper {
  readonly held: boolean;
  /** Stops renewing; if held, runs onLost and releases the lease so another process can take over at once. */
  stop(): Promise<void>;
}

/**
 * Keeps one process at a time in charge of background work on a database: takes the lease when it is free, renews it
 * while running, and lets it go on stop. Resolves after the first attempt, so the caller knows who holds it.
 */
export async function keepLease(options: LeaseKeeperOptions): Promise<LeaseKeeper> {
  const { db, name, holder, log } = options;
  const ttlMs = options.ttlMs ?? 30_000;
  const renewMs = options.renewMs ?? Math.floor(ttlMs / 3);
  const now = options.now ?? (() => new Date());
  let held = false;
  let renewedAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<void> = Promise.resolve();

  const attempt = async () => {
    const at = now();
    let got = false;
    try {
      const current = held ? null : await leaseHolder(db, name);
      const gone = current && current.holder !== holder && options.isGone?.(current.holder) ? current.holder : null;
      got = await acquireLease(db, name, holder, at, new Date(at.getTime() + ttlMs), gone);
    } catch (error) {
      log.error(`lease ${name}: cannot renew it (${(error as Error)?.message ?? String(error)})`);
      // Unrenewed, it expires for the others at renewedAt + ttl: stop before that moment.
      got = held && at.getTime() - renewedAt < ttlMs - renewMs;
      if (got) return;
    }
    if (got) {
      renewedAt = at.getTime();
      if (!held) {
        held = true;
        await options.onAcquired();
      }
    } else if (held) {
      held = false;
      log.warn(`lease ${name}: lost; background work stops here`);
      await options.onLost();
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      tick = attempt()
        .catch((error: unknown) => log.error(`lease ${name}: ${(error as Error)?.message ?? String(error)}`))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, renewMs);
    timer.unref();
  };

  await attempt().catch((error: unknown) => log.error(`lease ${name}: ${(error as Error)?.message ?? String(error)}`));
  schedule();
  return {
    get held() {
      return held;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await tick;
      if (!held) return;
      held = false;
      await options.onLost();
      try {
        await releaseLease(db, name, holder);
      } catch (error) {
        log.error(`lease ${name}: cannot release it (${(error as Error)?.message ?? String(error)}); it expires by itself`);
      }
    },
  };
}
