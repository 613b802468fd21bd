import type { JobKind } from "../../store/jobs.js";
import { COMMAND } from "../ids.js";

/** What the post was, in the requester's words, for the posts whose failure the requester is told of. */
const WHAT = {
  "post-verdict": (n: number) => `the verdict of decision #${n}`,
  "post-reasons": (n: number) => `the reasons for decision #${n}`,
  "post-status": (n: number) => `the review update on decision #${n}`,
  "update-verdict": (n: number) => `the update of decision #${n}'s message`,
  "post-notice": (n: number) => `a base-model notice for decision #${n}`,
  "update-notice": (n: number) => `the update of a base-model notice on decision #${n}`,
  "post-reminder": (n: number) => `a review reminder for decision #${n}`,
  "post-reason": (n: number) => `a reviewer's reason on decision #${n}`,
  "complete-step": (n: number) => `the verdict of decision #${n} back to the workflow that asked for it`,
} satisfies Partial<Record<JobKind, (n: number) => string>>;
type ToldKind = keyof typeof WHAT;

/** Whether the requester hears of this kind of post failing for good (notes to one person and links do not count). */
export const isToldOnFailure = (kind: JobKind): kind is ToldKind => kind in WHAT;

/** Why, in plain words, from the Slack error (never shown as such). */
function reason(code: string): string {
  if (code === "is_archived") return "the channel is archived";
  if (["msg_too_long", "msg_blocks_too_long", "invalid_blocks", "invalid_arguments", "no_text", "too_many_attachments"].includes(code)) {
    return "Slack refused the message as too long or malformed";
  }
  if (
    [
      "not_authed",
      "invalid_auth",
      "account_inactive",
      "token_revoked",
      "token_expired",
      "missing_scope",
      "not_allowed_token_type",
    ].includes(code)
  ) {
    return "the app is not allowed to post there (its Slack token or permissions need attention)";
  }
  if (["message_not_found", "cant_update_message", "edit_window_closed"].includes(code))
    return "the message is gone or can no longer be edited";
  if (code === "thread_not_found") return "the thread it belongs in is gone";
  if (code === "execution_not_in_running_state" || code === "function_execution_not_found") {
    return "the workflow had stopped waiting for it (it timed out or was stopped)";
  }
  if (code.startsWith("gave up")) return "Slack kept failing for hours";
  return "Slack refused it";
}

/** The note the requester gets, once, when a post failed for good. */
export function failureNote(kind: ToldKind, number: number, channelId: string, code: string): string {
  // A workflow step's completion goes back to the workflow, not into a channel.
  const what = kind === "complete-step" ? `send ${WHAT[kind](number)}` : `post ${WHAT[kind](number)} in <#${channelId}>`;
  return (
    `I couldn't ${what}: ${reason(code)}. ` +
    `The decision itself is saved; \`${COMMAND} show ${number}\` shows it. If this keeps happening, tell whoever runs this app.`
  );
}

export function inviteNote(number: number): string {
  return (
    `I can't post decision #${number} here: this is a private channel and I'm not in it. ` +
    "Invite me with `/invite @should-we-finetune` and I'll post the verdict right away; nothing is lost."
  );
}
