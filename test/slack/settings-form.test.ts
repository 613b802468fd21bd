import { describe, expect, it } from "vitest";
import { ADMINS_ONLY_TEXT, buildSettingsModal, buildSettingsSection } from "../../src/slack/builders/build-settings.js";
import { ACTION, SETTINGS_BLOCK, VIEW } from "../../src/slack/ids.js";
import { readSettingsForm } from "../../src/slack/readers/read-settings-form.js";
import type { ReviewSettings } from "../../src/slack/review-settings.js";
import type { Json } from "../emulator/block-kit-checks.js";
import { validateView } from "../emulator/block-kit-limits.js";
import { buildStateValues, type FillValue } from "../emulator/view-state.js";

const SETTINGS: ReviewSettings = {
  requiredApprovals: 2,
  approvalReactions: ["white_check_mark", "+1"],
  rejectReactions: ["x"],
  reviewerUsers: ["UALICE"],
  reviewerGroup: "SREVIEW",
  reminderAfterMs: 2 * 86_400_000,
};

const modal = () => buildSettingsModal(SETTINGS) as unknown as Json;
const submit = (fill: Record<string, FillValue>) => readSettingsForm(buildStateValues(modal(), fill, { clientChecks: false }) as never);
const unchanged: Record<string, FillValue> = {
  [SETTINGS_BLOCK.requiredApprovals]: "2",
  [SETTINGS_BLOCK.approvalReactions]: "white_check_mark, +1",
  [SETTINGS_BLOCK.rejectReactions]: "x",
  [SETTINGS_BLOCK.reviewerUsers]: ["UALICE"],
  [SETTINGS_BLOCK.reviewerGroup]: "SREVIEW",
  [SETTINGS_BLOCK.reminderAfter]: "2d",
};

describe("the review settings in App Home and their form", () => {
  it("shows the settings, with the edit button for admins only", () => {
    const admin = JSON.stringify(buildSettingsSection(SETTINGS, true));
    expect(admin).toContain("*Approvals needed:* 2");
    expect(admin).toContain(":white_check_mark: :+1:");
    expect(admin).toContain("<@UALICE>, <!subteam^SREVIEW>");
    expect(admin).toContain("*Reminders:* after 2d without a verdict, up to three");
    expect(admin).toContain(ACTION.editSettings);
    const member = JSON.stringify(buildSettingsSection(SETTINGS, false));
    expect(member).not.toContain(ACTION.editSettings);
    expect(member).toContain(ADMINS_ONLY_TEXT);
    expect(JSON.stringify(buildSettingsSection({ ...SETTINGS, reviewerUsers: [], reviewerGroup: undefined }, false))).toContain(
      "anyone in the workspace but the person who asked",
    );
  });

  it("opens filled with the settings as they are, valid for Slack", () => {
    const view = modal();
    expect(view.callback_id).toBe(VIEW.settings);
    expect(validateView(view, "modal")).toEqual([]);
    expect(submit(unchanged)).toEqual({
      ok: true,
      settings: {
        requiredApprovals: 2,
        approvalReactions: ["white_check_mark", "+1"],
        rejectReactions: ["x"],
        reviewerUsers: ["UALICE"],
        reviewerGroup: "SREVIEW",
        reminderAfterMs: 172_800_000,
      },
    });
  });

  it("reads colons and spaces away, and an empty group and reviewer list as none", () => {
    const read = submit({
      ...unchanged,
      [SETTINGS_BLOCK.approvalReactions]: ":rocket: :tada:",
      [SETTINGS_BLOCK.rejectReactions]: "",
      [SETTINGS_BLOCK.reviewerUsers]: [],
      [SETTINGS_BLOCK.reviewerGroup]: " ",
      [SETTINGS_BLOCK.reminderAfter]: "off",
    });
    expect(read).toEqual({
      ok: true,
      settings: {
        requiredApprovals: 2,
        approvalReactions: ["rocket", "tada"],
        rejectReactions: [],
        reviewerUsers: [],
        reviewerGroup: null,
        reminderAfterMs: null,
      },
    });
  });

  it.each([
    [SETTINGS_BLOCK.requiredApprovals, "0", "Give a whole number from 1 to 20."],
    [SETTINGS_BLOCK.requiredApprovals, "2.5", "Give a whole number from 1 to 20."],
    [SETTINGS_BLOCK.approvalReactions, "", "Name at least one reaction that approves."],
    [SETTINGS_BLOCK.approvalReactions, "thumbs up!", "Not emoji names: “up!”. Write names like white_check_mark."],
    [SETTINGS_BLOCK.rejectReactions, "x, +1", "Also a reaction that approves: “+1”. Use each reaction for one thing."],
    [SETTINGS_BLOCK.reviewerUsers, ["not-a-user"], "Pick people from the list."],
    [SETTINGS_BLOCK.reviewerGroup, "reviewers", "Give a user group's id, like S0123ABCD (the group's menu in Slack → Copy group ID)."],
    [SETTINGS_BLOCK.reminderAfter, "soon", "Give a whole number and a unit, like 2d, 48h, 30m or 10s (10s to 365d), or off."],
  ])("puts the error under the field: %s = %j", (blockId, value, error) => {
    expect(submit({ ...unchanged, [blockId]: value as FillValue })).toEqual({ ok: false, errors: { [blockId]: error } });
  });
});
