import { ErrorCode } from "@slack/web-api";
import { slackErrorCode } from "../slack-errors.js";

/** What a failed Slack call means for the job that made it. */
export type SlackFailure =
  /** Try again later. `maybeSent`: Slack may have done it anyway (a 5xx, a reset connection, a timeout). */
  | { type: "transient"; code: string; maybeSent: boolean; retryAfterMs?: number }
  /** The bot cannot see or post in the channel. */
  | { type: "no-access"; code: string }
  /** Retrying cannot help: the channel is archived, the message is refused, the token is bad, ... */
  | { type: "permanent"; code: string };

/** Platform errors Slack documents as passing (https://docs.slack.dev/reference/methods/chat.postMessage, errors). */
const TRANSIENT_PLATFORM_ERRORS: Record<string, { maybeSent: boolean }> = {
  internal_error: { maybeSent: true },
  fatal_error: { maybeSent: true },
  request_timeout: { maybeSent: true },
  service_unavailable: { maybeSent: false },
  ratelimited: { maybeSent: false },
  rate_limited: { maybeSent: false },
  team_added_to_org: { maybeSent: false },
};

const NO_ACCESS = new Set(["not_in_channel", "channel_not_found"]);

export function classifySlackFailure(error: unknown): SlackFailure {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; original?: Error };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return { type: "transient", code: "ratelimited", maybeSent: false, retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    case ErrorCode.HTTPError:
      return { type: "transient", code: `http_${e.statusCode ?? "error"}`, maybeSent: true };
    case ErrorCode.RequestError: {
      const original = e.original as { name?: string; cause?: { code?: string }; code?: string } | undefined;
      const timedOut = original?.name === "TimeoutError" || original?.name === "AbortError";
      return {
        type: "transient",
        code: timedOut ? "timeout" : (original?.cause?.code ?? original?.code ?? "network_error"),
        maybeSent: true,
      };
    }
    case ErrorCode.PlatformError: {
      const code = slackErrorCode(error);
      const transient = TRANSIENT_PLATFORM_ERRORS[code];
      if (transient) return { type: "transient", code, ...transient };
      return NO_ACCESS.has(code) ? { type: "no-access", code } : { type: "permanent", code };
    }
    default:
      // Not a Web API error at all (a bug in a builder, say): whether anything reached Slack is unknown.
      return { type: "transient", code: slackErrorCode(error), maybeSent: true };
  }
}
