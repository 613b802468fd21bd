import { WebClient } from "@slack/web-api";
import { slackErrorCode } from "./slack-errors.js";

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/** Start-up cannot go on: the message says which setting to fix. */
export class StartupError extends Error {
  override name = "StartupError";
}

/**
 * Asks Slack who the bot is (auth.test) once, at start. Bolt would otherwise fire the same call from its constructor
 * and end the process with an unhandled rejection when Slack cannot be reached; here a bad token or an unreachable
 * Slack stops start-up with one line that names the setting.
 */
export async function fetchBotIdentity(token: string, apiUrl: string | undefined): Promise<BotIdentity> {
  const client = new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 2, minTimeout: 500, maxTimeout: 2000 },
    timeout: 10_000,
  });
  let res: Awaited<ReturnType<WebClient["auth"]["test"]>>;
  try {
    res = await client.auth.test();
  } catch (error) {
    const code = slackErrorCode(error);
    if (["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"].includes(code)) {
      throw new StartupError(`SLACK_BOT_TOKEN: Slack rejected it (${code})`);
    }
    throw new StartupError(`SLACK_API_URL: cannot reach Slack at ${apiUrl ?? "https://slack.com/api/"} (${code})`);
  }
  if (!res.bot_id || !res.user_id) throw new StartupError("SLACK_BOT_TOKEN: not a bot token (auth.test names no bot)");
  return { botId: res.bot_id, botUserId: res.user_id };
}
