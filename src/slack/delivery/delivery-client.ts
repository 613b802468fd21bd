import { type FetchFunction, type Logger, WebClient } from "@slack/web-api";

/**
 * The job worker's Slack client. No retries of its own: the worker retries, so a post Slack accepted but answered
 * with a 500 or a reset connection is never sent a second time by the client (the next attempt looks it up first).
 * Every call times out, and a 429 comes straight back with its Retry-After instead of pausing the whole client.
 */
export function createDeliveryClient(
  token: string,
  options: { apiUrl?: string | undefined; timeoutMs: number; logger?: Logger; fetch?: FetchFunction },
): WebClient {
  return new WebClient(token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs,
    rejectRateLimitedCalls: true,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
