import type { KnownBlock, ModalView } from "@slack/types";
import { formatDuration } from "../../duration.js";
import { ACTION, BLOCK, SETTINGS_BLOCK, VIEW } from "../ids.js";
import { escapeMrkdwn, mentionUser } from "../mrkdwn.js";
import type { ReviewSettings } from "../review-settings.js";
import { context, header, section } from "./blocks.js";

export const ADMINS_ONLY_TEXT = "Only workspace admins and owners can change these.";

const reactionList = (names: readonly string[]) => (names.length > 0 ? names.map((n) => `:${escapeMrkdwn(n)}:`).join(" ") : "none");

/** Who may review, in words. */
export function reviewersLine(settings: ReviewSettings): string {
  const who = [...settings.reviewerUsers.map(mentionUser), ...(settings.reviewerGroup ? [`<!subteam^${settings.reviewerGroup}>`] : [])];
  return who.length > 0 ? who.join(", ") : "anyone in the workspace but the person who asked";
}

/** App Home's review settings: what they are, and (for admins) a button to change them. */
export function buildSettingsSection(settings: ReviewSettings, canEdit: boolean): KnownBlock[] {
  return [
    header("Review settings"),
    section(
      [
        `*Approvals needed:* ${settings.requiredApprovals}`,
        `*Approve with:* ${reactionList(settings.approvalReactions)}`,
        `*Ask for changes with:* ${reactionList(settings.rejectReactions)}`,
        `*Reviewers:* ${reviewersLine(settings)}`,
        `*Reminders:* ${settings.reminderAfterMs === null ? "off" : `after ${formatDuration(settings.reminderAfterMs)} without a verdict, up to three`}`,
      ].join("\n"),
    ),
    canEdit
      ? {
          type: "actions",
          block_id: BLOCK.settingsActions,
          elements: [{ type: "button", action_id: ACTION.editSettings, text: { type: "plain_text", text: "Edit settings" } }],
        }
      : context(ADMINS_ONLY_TEXT),
  ];
}

const textInput = (blockId: string, label: string, initial: string, hint: string, optional: boolean): KnownBlock => ({
  type: "input",
  block_id: blockId,
  optional,
  label: { type: "plain_text", text: label },
  hint: { type: "plain_text", text: hint },
  element: { type: "plain_text_input", action_id: ACTION.field, ...(initial ? { initial_value: initial } : {}), max_length: 300 },
});

/** The form an admin changes the workspace's review settings in, filled with what they are now. */
export function buildSettingsModal(settings: ReviewSettings): ModalView {
  return {
    type: "modal",
    callback_id: VIEW.settings,
    title: { type: "plain_text", text: "Review settings" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: SETTINGS_BLOCK.requiredApprovals,
        label: { type: "plain_text", text: "Approvals needed" },
        element: {
          type: "number_input",
          action_id: ACTION.field,
          is_decimal_allowed: false,
          min_value: "1",
          max_value: "20",
          initial_value: String(settings.requiredApprovals),
        },
      },
      textInput(
        SETTINGS_BLOCK.approvalReactions,
        "Reactions that approve",
        settings.approvalReactions.join(", "),
        "Emoji names, separated by commas, e.g. white_check_mark, +1",
        false,
      ),
      textInput(
        SETTINGS_BLOCK.rejectReactions,
        "Reactions that ask for changes",
        settings.rejectReactions.join(", "),
        "Emoji names, separated by commas, e.g. x",
        true,
      ),
      {
        type: "input",
        block_id: SETTINGS_BLOCK.reviewerUsers,
        optional: true,
        label: { type: "plain_text", text: "Reviewers" },
        hint: { type: "plain_text", text: "Leave this and the group empty to let anyone review, except whoever asked." },
        element: {
          type: "multi_users_select",
          action_id: ACTION.field,
          ...(settings.reviewerUsers.length > 0 ? { initial_users: [...settings.reviewerUsers] } : {}),
        },
      },
      textInput(
        SETTINGS_BLOCK.reviewerGroup,
        "Reviewer group",
        settings.reviewerGroup ?? "",
        "A user group's id, like S0123ABCD. Its members may review too.",
        true,
      ),
      textInput(
        SETTINGS_BLOCK.reminderAfter,
        "Remind reviewers after",
        settings.reminderAfterMs === null ? "off" : formatDuration(settings.reminderAfterMs),
        "Like 2d, 48h or 30m; off for no reminders.",
        false,
      ),
    ],
  };
}
