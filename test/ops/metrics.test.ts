import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../../src/ops/metrics.js";
import { SlackEmulator } from "../emulator/slack-emulator.js";

let emulator: SlackEmulator;
beforeAll(async () => {
  emulator = await SlackEmulator.start();
  emulator.addChannel({ id: "C1", name: "general", members: [emulator.botUserId] });
});
afterAll(async () => {
  await emulator.stop();
});

/** `name{labels} value` lines of one metric family, with the value as a number. */
async function samples(metrics: ReturnType<typeof createMetrics>, name: string): Promise<Record<string, number>> {
  const text = await metrics.registry.metrics();
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      const cut = line.lastIndexOf(" ");
      out[line.slice(0, cut)] = Number(line.slice(cut + 1));
    }
  }
  return out;
}

describe("Slack call metrics", () => {
  it("time every Web API call by method and outcome, and hand the client the same answer", async () => {
    const metrics = createMetrics();
    const client = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      fetch: metrics.slackFetch,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    expect((await client.auth.test()).user_id).toBe(emulator.botUserId);
    await expect(client.chat.postMessage({ channel: "CNOWHERE", text: "hi" })).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
    emulator.failNext("chat.postMessage", { status: 500 });
    await expect(client.chat.postMessage({ channel: "C1", text: "hi" })).rejects.toThrow(/500/);
    emulator.failNext("chat.postMessage", { status: 429, retryAfterSec: 1 });
    await expect(client.chat.postMessage({ channel: "C1", text: "hi" })).rejects.toThrow(/rate/i);
    const unreachable = new WebClient("xoxb-x", {
      slackApiUrl: "http://127.0.0.1:9/api/",
      fetch: metrics.slackFetch,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(unreachable.auth.test()).rejects.toThrow();

    const counts = await samples(metrics, "swf_slack_api_call_duration_seconds_count");
    expect(counts).toEqual({
      'swf_slack_api_call_duration_seconds_count{method="auth.test",outcome="ok"}': 1,
      'swf_slack_api_call_duration_seconds_count{method="chat.postMessage",outcome="slack_error"}': 1,
      'swf_slack_api_call_duration_seconds_count{method="chat.postMessage",outcome="http_error"}': 1,
      'swf_slack_api_call_duration_seconds_count{method="chat.postMessage",outcome="rate_limited"}': 1,
      'swf_slack_api_call_duration_seconds_count{method="auth.test",outcome="network_error"}': 1,
    });
  });
});

describe("app metrics", () => {
  it("count verdicts by outcome, starting every outcome at zero", async () => {
    const metrics = createMetrics();
    metrics.countVerdict("yes");
    metrics.countVerdict("yes");
    metrics.countVerdict("no");
    expect(await samples(metrics, "swf_verdicts_total")).toEqual({
      'swf_verdicts_total{outcome="yes"}': 2,
      'swf_verdicts_total{outcome="not-yet"}': 0,
      'swf_verdicts_total{outcome="no"}': 1,
    });
  });

  it("time watch passes, count the failed ones and the notices a pass could not post", async () => {
    const metrics = createMetrics();
    await metrics.observeWatchPass(async () => ({ failed: ["a", "b"] }));
    await expect(metrics.observeWatchPass(() => Promise.reject(new Error("catalogs down")))).rejects.toThrow("catalogs down");
    expect(await samples(metrics, "swf_watch_pass_duration_seconds_count")).toEqual({
      'swf_watch_pass_duration_seconds_count{result="ok"}': 1,
      'swf_watch_pass_duration_seconds_count{result="failed"}': 1,
    });
    expect(await samples(metrics, "swf_watch_pass_failures_total")).toEqual({ swf_watch_pass_failures_total: 1 });
    expect(await samples(metrics, "swf_watch_notices_failed_total")).toEqual({ swf_watch_notices_failed_total: 2 });
  });

  it("read the job gauges from the callback at each scrape", async () => {
    let counts = { pending: 3, failed: 1 };
    const metrics = createMetrics({ jobCounts: async () => counts });
    expect(await samples(metrics, "swf_jobs_pending")).toEqual({ swf_jobs_pending: 3 });
    counts = { pending: 0, failed: 2 };
    expect(await samples(metrics, "swf_jobs_pending")).toEqual({ swf_jobs_pending: 0 });
    expect(await samples(metrics, "swf_jobs_failed")).toEqual({ swf_jobs_failed: 2 });
  });

  it("export Node's process metrics only when asked", async () => {
    expect(await createMetrics().registry.metrics()).not.toContain("process_cpu_seconds_total");
    expect(await createMetrics({ processMetrics: true }).registry.metrics()).toContain("process_cpu_seconds_total");
  });
});
