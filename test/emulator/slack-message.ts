// Message content rules shared by chat.* and response_url, and the message
// object Slack returns.
import type { Json } from "./block-kit-checks.js";
import { LIMITS, validateMessageBlocks } from "./block-kit-limits.js";
import type { EmulatorIdentity, StoredMessage } from "./emulator-world.js";
import { fail, invalidBlocks, type SlackResponse } from "./method-context.js";

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  /** `message_truncated` when text went over 40,000 characters. */
  warning?: string;
}

/**
 * Applies Slack's content rules: blocks must be a JSON array of valid blocks, a message
 * needs text, blocks or attachments (`no_text`), `maxText` (chat.update: 4,000) is
 * `msg_too_long`, and text over 40,000 characters is cut with a `message_truncated` warning.
 */
export function readMessageContent(args: Json, opts: { maxText?: number } = {}): MessageContent | SlackResponse {
  const { blocks, attachments } = args;
  if (blocks !== undefined && !Array.isArray(blocks)) return fail("invalid_blocks_format");
  const text = args.text === undefined || args.text === null ? "" : String(args.text);
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (text === "" && (blocks === undefined || blocks.length === 0) && !hasAttachments) return fail("no_text");
  if (opts.maxText !== undefined && text.length > opts.maxText) return fail("msg_too_long");
  if (blocks !== undefined) {
    const problems = validateMessageBlocks(blocks);
    if (problems.length > 0) return invalidBlocks(problems);
  }
  if (text.length > LIMITS.messageTextTruncate) {
    return { text: text.slice(0, LIMITS.messageTextTruncate), blocks, warning: "message_truncated" };
  }
  return { text, blocks };
}

export const isFailure = (value: MessageContent | SlackResponse): value is SlackResponse => "ok" in value;

export const warningFields = (warning: string | undefined): Json =>
  warning ? { warning, response_metadata: { warnings: [warning] } } : {};

/** The `message` object Slack includes in chat.* and reactions.get answers. */
export function toSlackMessage(m: StoredMessage, identity: EmulatorIdentity): Json {
  return {
    type: "message",
    user: m.user,
    ...(m.botId ? { bot_id: m.botId, app_id: identity.appId } : {}),
    text: m.text,
    ts: m.ts,
    team: identity.teamId,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.metadata !== undefined ? { metadata: m.metadata } : {}),
    ...(m.edited ? { edited: m.edited } : {}),
    ...(m.reactions.length > 0 ? { reactions: m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length })) } : {}),
  };
}
