import type { FetchFunction } from "@slack/web-api";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { FINE_TUNE_ANSWERS, type FineTune } from "../engine/verdict.js";

export interface JobCounts {
  pending: number;
  failed: number;
}

/** Why the HTTP receiver refused a request before reading its body (or part way through). */
export type RefusalReason = "unsigned" | "stale_timestamp" | "too_large";

export interface MetricsOptions {
  /** Jobs waiting for Slack and jobs that gave up, read at each scrape; undefined leaves the gauges empty. */
  jobCounts?: (() => JobCounts | undefined | Promise<JobCounts | undefined>) | undefined;
  /** Node's own process metrics (CPU, memory, event-loop lag, GC). */
  processMetrics?: boolean;
}

export interface AppMetrics {
  registry: Registry;
  /** A fetch for Slack's Web API clients (`clientOptions.fetch`): times every call by method and outcome. */
  slackFetch: FetchFunction;
  countVerdict: (outcome: FineTune) => void;
  /** Runs one base-model watch pass, recording its duration, and its failure if it throws. */
  observeWatchPass: <T extends { failed: readonly unknown[] }>(pass: () => Promise<T>) => Promise<T>;
  countRefusedRequest: (reason: RefusalReason) => void;
}

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

const SLACK_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const WATCH_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** Every metric the app exports, in a registry of its own (several apps can run in one test process). */
export function createMetrics(options: MetricsOptions = {}): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const slackCalls = new Histogram({
    name: "swf_slack_api_call_duration_seconds",
    help: "Slack Web API calls (each attempt) by method and outcome: ok, slack_error, rate_limited, http_error, timeout, network_error.",
    labelNames: ["method", "outcome"] as const,
    buckets: SLACK_BUCKETS,
    registers,
  });
  const verdicts = new Counter({
    name: "swf_verdicts_total",
    help: "Verdicts stored, by outcome (fine-tune yes / not-yet / no).",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const outcome of FINE_TUNE_ANSWERS) verdicts.inc({ outcome }, 0);
  const watchPasses = new Histogram({
    name: "swf_watch_pass_duration_seconds",
    help: "Base-model watch passes, by result: ok, or failed (the pass threw).",
    labelNames: ["result"] as const,
    buckets: WATCH_BUCKETS,
    registers,
  });
  const watchFailures = new Counter({ name: "swf_watch_pass_failures_total", help: "Base-model watch passes that failed.", registers });
  const noticesFailed = new Counter({
    name: "swf_watch_notices_failed_total",
    help: "Model notices a watch pass could not post (the next pass retries them).",
    registers,
  });
  const refused = new Counter({
    name: "swf_http_requests_refused_total",
    help: "Requests to /slack/events refused before their body was read in full: unsigned, stale_timestamp, too_large.",
    labelNames: ["reason"] as const,
    registers,
  });
  const jobGauge = (name: string, help: string, pick: (counts: JobCounts) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const counts = await options.jobCounts?.();
        if (counts) this.set(pick(counts));
      },
    });
  jobGauge("swf_jobs_pending", "Slack writes waiting to be delivered.", (c) => c.pending);
  jobGauge("swf_jobs_failed", "Slack writes that stopped retrying.", (c) => c.failed);

  return {
    registry,
    slackFetch: timedFetch(slackCalls),
    countVerdict: (outcome) => verdicts.inc({ outcome }),
    observeWatchPass: async (pass) => {
      const end = watchPasses.startTimer();
      try {
        const report = await pass();
        end({ result: "ok" });
        noticesFailed.inc(report.failed.length);
        return report;
      } catch (error) {
        end({ result: "failed" });
        watchFailures.inc();
        throw error;
      }
    },
    countRefusedRequest: (reason) => refused.inc({ reason }),
  };
}

/**
 * Wraps fetch for the Web API client. The body is read here, once, to tell Slack's `ok: false` answers from
 * successes; the client then reads the same bytes from the response handed back.
 */
function timedFetch(histogram: Histogram<"method" | "outcome">, base: FetchFunction = globalThis.fetch): FetchFunction {
  return async (url, init) => {
    const end = histogram.startTimer({ method: methodOf(url) });
    let response: FetchResponse;
    let body: ArrayBuffer;
    try {
      response = await base(url, init);
      body = await response.arrayBuffer();
    } catch (error) {
      const name = (error as Error).name;
      end({ outcome: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network_error" });
      throw error;
    }
    end({ outcome: outcomeOf(response.status, body) });
    return bufferedResponse(response, body);
  };
}

function methodOf(url: string | URL): string {
  const path = new URL(url).pathname;
  return path.slice(path.lastIndexOf("/") + 1) || "unknown";
}

function outcomeOf(status: number, body: ArrayBuffer): string {
  if (status === 429) return "rate_limited";
  if (status !== 200) return "http_error";
  try {
    return (JSON.parse(Buffer.from(body).toString("utf8")) as { ok?: unknown }).ok === true ? "ok" : "slack_error";
  } catch {
    return "http_error";
  }
}

function bufferedResponse(response: FetchResponse, body: ArrayBuffer): FetchResponse {
  const text = () => Buffer.from(body).toString("utf8");
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers: response.headers,
    arrayBuffer: async () => body,
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
  };
}
