import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/delivery/backoff.js";

const policy = { baseMs: 2_000, capMs: 300_000 };

describe("backoffDelay", () => {
  it.each([
    // attempts, random, expected: between half and all of base·2^(attempts−1), capped
    [1, 0, 1_000],
    [1, 1, 2_000],
    [2, 0.5, 3_000],
    [5, 1, 32_000],
    [9, 1, 300_000],
    [9, 0, 150_000],
    [60, 1, 300_000],
  ])("after %i attempts with jitter %d waits %i ms", (attempts, random, expected) => {
    expect(backoffDelay(policy, attempts, 0, () => random)).toBe(expected);
  });

  it("never retries sooner than Slack's Retry-After", () => {
    expect(backoffDelay(policy, 1, 30_000, () => 0)).toBe(30_000);
    expect(backoffDelay(policy, 9, 30_000, () => 1)).toBe(300_000);
  });
});
