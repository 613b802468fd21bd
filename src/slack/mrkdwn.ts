/**
 * Escapes user text for Slack mrkdwn: `&`, `<`, `>` in that order, so `<!channel>` or `<https://x|label>` typed by a
 * user renders literally (https://docs.slack.dev/messaging/formatting-message-text/).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slash-command and message text arrive with the three entities encoded; decode them once on the way in. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export const mentionUser = (userId: string) => `<@${userId}>`;

/** Cuts text to a Slack limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
