import { DURATION_HELP, parseDuration } from "../../duration.js";
import type { WorkspaceSettings } from "../../store/workspace-settings.js";
import { ACTION, SETTINGS_BLOCK } from "../ids.js";

interface SettingsNullables {
  reviewerGroup: string | null;
  reminderAfterMs: number | null;
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_users?: string[] | null } | undefined>>;

export type SettingsReading =
  | { ok: true; settings: Required<Omit<WorkspaceSettings, "reviewerGroup" | "reminderAfterMs">> & SettingsNullables }
  | { ok: false; errors: Record<string, string> };

const REACTION = /^[a-z0-9_+'-]+$/;
const GROUP = /^S[A-Z0-9]{2,}$/;
const USER = /^[UW][A-Z0-9]{2,}$/;

const input = (values: StateValues | undefined, blockId: string) => values?.[blockId]?.[ACTION.field];
const text = (values: StateValues | undefined, blockId: string) => input(values, blockId)?.value?.trim() ?? "";

/** `:white_check_mark:, +1` → names without colons; the ones that cannot be emoji names apart. */
function reactions(raw: string): { names: string[]; bad: string[] } {
  const names = raw
    .split(/[,\s]+/)
    .map((x) => x.trim().replace(/^:|:$/g, ""))
    .filter(Boolean);
  return { names: [...new Set(names)], bad: names.filter((n) => !REACTION.test(n)) };
}

const quoted = (names: string[]) => names.map((n) => `“${n.slice(0, 40)}”`).join(", ");

/**
 * The settings form into settings, or an error under each field that is wrong (what Slack shows under the input).
 * Checks what can be checked without Slack; that reviewers are people is checked against Slack by the handler.
 */
export function readSettingsForm(values: StateValues | undefined): SettingsReading {
  const errors: Record<string, string> = {};
  const approvals = Number(text(values, SETTINGS_BLOCK.requiredApprovals));
  if (!Number.isInteger(approvals) || approvals < 1 || approvals > 20) {
    errors[SETTINGS_BLOCK.requiredApprovals] = "Give a whole number from 1 to 20.";
  }
  const approve = reactions(text(values, SETTINGS_BLOCK.approvalReactions));
  if (approve.bad.length > 0)
    errors[SETTINGS_BLOCK.approvalReactions] = `Not emoji names: ${quoted(approve.bad)}. Write names like white_check_mark.`;
  else if (approve.names.length === 0) errors[SETTINGS_BLOCK.approvalReactions] = "Name at least one reaction that approves.";
  const reject = reactions(text(values, SETTINGS_BLOCK.rejectReactions));
  const both = reject.names.filter((n) => approve.names.includes(n));
  if (reject.bad.length > 0) errors[SETTINGS_BLOCK.rejectReactions] = `Not emoji names: ${quoted(reject.bad)}. Write names like x.`;
  else if (both.length > 0)
    errors[SETTINGS_BLOCK.rejectReactions] = `Also a reaction that approves: ${quoted(both)}. Use each reaction for one thing.`;
  const users = input(values, SETTINGS_BLOCK.reviewerUsers)?.selected_users ?? [];
  const notUsers = users.filter((u) => !USER.test(u));
  if (notUsers.length > 0) errors[SETTINGS_BLOCK.reviewerUsers] = "Pick people from the list.";
  const group = text(values, SETTINGS_BLOCK.reviewerGroup);
  if (group !== "" && !GROUP.test(group)) {
    errors[SETTINGS_BLOCK.reviewerGroup] = "Give a user group's id, like S0123ABCD (the group's menu in Slack → Copy group ID).";
  }
  let reminderAfterMs: number | null = null;
  try {
    reminderAfterMs = parseDuration(text(values, SETTINGS_BLOCK.reminderAfter) || "off");
  } catch {
    errors[SETTINGS_BLOCK.reminderAfter] = `Give ${DURATION_HELP}.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      requiredApprovals: approvals,
      approvalReactions: approve.names,
      rejectReactions: reject.names,
      reviewerUsers: [...new Set(users)],
      reviewerGroup: group === "" ? null : group,
      reminderAfterMs,
    },
  };
}
