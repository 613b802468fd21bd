// Bounded load: a fixed number of requests with a fixed number in flight, each with a time limit, and helpers that
// find what the app did in the emulator's call log afterwards.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { RecordedCall, SlackEmulator } from "../test/emulator/slack-emulator.js";

export interface Burst<T> {
  results: T[];
  wallMs: number;
  /** Event-loop utilisation of this (load generator + emulator) process during the burst, 0..1. */
  benchElu: number;
  /** Longest event-loop stall of this process during the burst (GC pauses, long synchronous work), in ms. */
  benchMaxStallMs: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
const BURST_DEADLINE_MS = 60_000;

/**
 * Runs `one(i)` for i in 0..count-1 with `concurrency` in flight. A request past REQUEST_TIMEOUT_MS becomes
 * `onTimeout(i)`; no new request starts after BURST_DEADLINE_MS (the rest are reported as not sent).
 */
export async function runBurst<T>(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<T>,
  onTimeout: (i: number, why: string) => T,
): Promise<Burst<T>> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const start = performance.now();
  const elu = performance.eventLoopUtilization();
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      if (performance.now() - start > BURST_DEADLINE_MS) {
        results[i] = onTimeout(i, "not sent: burst deadline");
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<T>((resolve) => {
        timer = setTimeout(() => resolve(onTimeout(i, `no response within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
      });
      const run = one(i).catch((err: unknown) => onTimeout(i, `request failed: ${String(err)}`));
      results[i] = await Promise.race([run, limit]);
      clearTimeout(timer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  stalls.disable();
  return {
    benchMaxStallMs: stalls.max / 1e6,
    results,
    wallMs: performance.now() - start,
    benchElu: performance.eventLoopUtilization(elu).utilization,
  };
}

/**
 * Finds, for each key, the first emulator call to `method` that `keyOf` maps to it, polling until all are found or
 * `deadline` (performance.now() time) passes. Missing keys are absent from the result.
 */
export async function findCalls(
  emulator: SlackEmulator,
  method: string,
  keys: readonly string[],
  keyOf: (call: RecordedCall) => string | undefined,
  deadline: number,
  fromIndex = 0,
): Promise<Map<string, RecordedCall>> {
  const wanted = new Set(keys);
  const found = new Map<string, RecordedCall>();
  let cursor = fromIndex;
  for (;;) {
    for (; cursor < emulator.calls.length; cursor += 1) {
      const call = emulator.calls[cursor]!;
      if (call.method !== method) continue;
      const key = keyOf(call);
      if (key !== undefined && wanted.has(key) && !found.has(key)) found.set(key, call);
    }
    if (found.size === wanted.size || performance.now() > deadline) return found;
    await sleep(10);
  }
}

/** Waits until the app has made no Web API call for `quietMs` (at most `maxMs`), so phases do not overlap. */
export async function settle(emulator: SlackEmulator, quietMs = 300, maxMs = 10_000): Promise<void> {
  const start = performance.now();
  let seen = emulator.calls.length;
  let quietSince = performance.now();
  while (performance.now() - start < maxMs) {
    await sleep(25);
    if (emulator.calls.length !== seen) {
      seen = emulator.calls.length;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= quietMs) {
      return;
    }
  }
}

/** Calls recorded from `fromIndex` on that Slack answered with `ok: false` (the app's own mistakes or refusals). */
export function failedCallsSince(emulator: SlackEmulator, fromIndex: number): string[] {
  return emulator.calls
    .slice(fromIndex)
    .filter((c) => c.method !== "ack" && c.response.ok === false)
    .map((c) => `${c.method}: ${String(c.response.error)}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
