export interface BackoffPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** No delay grows past this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * How long to wait after `attempts` failed attempts: exponential with a cap, and jitter (between half and all of it)
 * so that jobs failing together do not come back together. A Slack Retry-After is a floor.
 */
export function backoffDelay(policy: BackoffPolicy, attempts: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(retryAfterMs, Math.round(jittered));
}
