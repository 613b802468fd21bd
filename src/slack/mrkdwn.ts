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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A date each reader sees in their own locale and time zone (https://docs.slack.dev/messaging/formatting-message-text/#date-formatting).
 * A day (`2026-11-24`) is pinned to noon UTC, so it is the same day nearly everywhere; a timestamp shows its time too.
 */
export function slackDate(iso: string): string {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const ms = Date.parse(dayOnly ? `${iso}T12:00:00Z` : iso);
  if (!Number.isFinite(ms)) return escapeMrkdwn(iso);
  const d = new Date(ms);
  const fallback = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}${dayOnly ? "" : ` ${d.toISOString().slice(11, 16)} UTC`}`;
  return `<!date^${Math.floor(ms / 1000)}^${dayOnly ? "{date_long}" : "{date_short_pretty} at {time}"}|${fallback}>`;
}
