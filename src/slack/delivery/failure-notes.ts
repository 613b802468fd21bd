import type { JobKind } from "../../store/jobs.js";
import { COMMAND } from "../ids.js";

/** What the post was, in the requester's words. */
const WHAT: Record<Exclude<JobKind, "notify-user">, (id: number) => string> = {
  "post-verdict": (id) => `the verdict of decision #${id}`,
  "post-reasons": (id) => `the reasons for decision #${id}`,
  "post-status": (id) => `the review update on decision #${id}`,
  "update-verdict": (id) => `the update of decision #${id}'s message`,
  "post-notice": (id) => `a base-model notice for decision #${id}`,
  "update-notice": (id) => `the update of a base-model notice on decision #${id}`,
  "complete-step": (id) => `the verdict of decision #${id} back to the workflow that asked for it`,
};

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
export function failureNote(kind: Exclude<JobKind, "notify-user">, decisionId: number, channelId: string, code: string): string {
  const where = kind === "complete-step" ? "" : ` in <#${channelId}>`;
  return (
    `I couldn't ${kind === "complete-step" ? "send" : "post"} ${WHAT[kind](decisionId)}${where}: ${reason(code)}. ` +
    `The decision itself is saved; \`${COMMAND} show ${decisionId}\` shows it. If this keeps happening, tell whoever runs this app.`
  );
}

export function inviteNote(decisionId: number): string {
  return (
    `I can't post decision #${decisionId} here: this is a private channel and I'm not in it. ` +
    "Invite me with `/invite @should-we-finetune` and I'll post the verdict right away; nothing is lost."
  );
}
