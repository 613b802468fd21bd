import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION, BLOCK, SETTINGS_BLOCK, VIEW } from "../../src/slack/ids.js";
import type { FillValue } from "../emulator/slack-driver.js";
import { SlackDriver } from "../emulator/slack-driver.js";
import type { SlackEmulator } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { CHANNEL, type Harness, REQUESTER, REVIEWERS, runReview, SIGNING_SECRET, startHarness, WAIT_MS } from "../support/harness.js";
import { installThroughBrowser, OAUTH_APP, OAUTH_ENV } from "../support/install.js";

// Each workspace's review settings, edited in App Home by its admins, over signed HTTP in OAuth mode: one workspace
// changes its own, the other keeps the environment's.

const ADMIN = "UADMIN";
const [ALICE, BOB] = REVIEWERS;
const BETA_CHANNEL = "CBETA";
const BETA_REQUESTER = "UDANA";
const BETA_REVIEWERS = ["UERIN", "UFRED"] as const;

let h: Harness;
let beta: SlackEmulator;
let betaDriver: SlackDriver;

beforeEach(async () => {
  h = await startHarness(OAUTH_ENV);
  h.emulator.setOAuthApp(OAUTH_APP);
  h.emulator.addUser({ id: ADMIN, name: "admin", isAdmin: true });
  h.emulator.addUser({ id: "UHELPER", name: "helper-bot", isBot: true });
  beta = h.emulator.addTeam({ teamId: "T2BETA", botToken: "xoxb-beta-token" });
  for (const id of [BETA_REQUESTER, ...BETA_REVIEWERS]) beta.addUser({ id, name: id.toLowerCase() });
  beta.addChannel({ id: BETA_CHANNEL, name: "beta-ml", members: [beta.botUserId, BETA_REQUESTER, ...BETA_REVIEWERS] });
  const appUrl = `http://127.0.0.1:${h.app.port}`;
  betaDriver = new SlackDriver({ emulator: beta, appUrl, signingSecret: SIGNING_SECRET });
  await installThroughBrowser(appUrl, h.emulator, ADMIN);
  await installThroughBrowser(appUrl, beta, BETA_REQUESTER);
});
afterEach(async () => h.stop());

async function openHome(userId: string) {
  const before = h.emulator.callsTo("views.publish").length;
  await h.driver.sendAppHomeOpened(userId);
  await h.emulator.waitFor(() => h.emulator.callsTo("views.publish").length > before, WAIT_MS, "home published");
  return h.emulator.homeView(userId)!;
}

async function openSettings(userId: string) {
  const home = await openHome(userId);
  const before = h.emulator.callsTo("views.open").length;
  await h.driver.sendBlockAction({ userId, actionId: ACTION.editSettings, blockId: BLOCK.settingsActions, view: home });
  await h.emulator.waitFor(() => h.emulator.callsTo("views.open").length > before, WAIT_MS, "settings opened");
  return h.emulator.lastView()!;
}

const fill = (over: Record<string, FillValue> = {}): Record<string, FillValue> => ({
  [SETTINGS_BLOCK.requiredApprovals]: "1",
  [SETTINGS_BLOCK.approvalReactions]: "rocket",
  [SETTINGS_BLOCK.rejectReactions]: "x",
  [SETTINGS_BLOCK.reviewerUsers]: [ALICE],
  [SETTINGS_BLOCK.reviewerGroup]: "",
  [SETTINGS_BLOCK.reminderAfter]: "off",
  ...over,
});

describe("per-workspace review settings", () => {
  it("an admin changes them in App Home; they count in that workspace only, and everyone else sees them read-only", async () => {
    const form = await openSettings(ADMIN);
    expect(form.view.callback_id).toBe(VIEW.settings);
    const saved = await h.driver.sendViewSubmission({ userId: ADMIN, view: form, values: fill() });
    expect(saved.status).toBe(200);
    expect(saved.json).toBeUndefined();
    const home = await h.emulator.waitFor(
      () => {
        const view = h.emulator.homeView(ADMIN);
        return JSON.stringify(view?.view ?? {}).includes("*Approvals needed:* 1") ? view : undefined;
      },
      WAIT_MS,
      "the admin's home shows the new settings",
    );
    expect(JSON.stringify(home.view)).toContain(":rocket:");
    expect(JSON.stringify(home.view)).toContain("*Reminders:* off");

    const memberHome = JSON.stringify((await openHome(BOB)).view);
    expect(memberHome).toContain("*Approvals needed:* 1");
    expect(memberHome).not.toContain(ACTION.editSettings);
    expect(memberHome).toContain("Only workspace admins and owners can change these.");

    // Alpha: one :rocket: from Alice approves; Bob is not a reviewer there any more.
    const { decision } = await runReview(h, validAnswers({ title: "Alpha with its own settings" }));
    await h.driver.sendReaction({ userId: BOB, reaction: "rocket", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.driver.sendReaction({ userId: ALICE, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("in-review");
    await h.driver.sendReaction({ userId: ALICE, reaction: "rocket", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("approved");

    // Beta keeps the environment's: two ✅ from anyone.
    const betaView = { ...h, emulator: beta, driver: betaDriver };
    const betaDecision = (
      await runReview(betaView, validAnswers({ title: "Beta as configured" }), { userId: BETA_REQUESTER, channelId: BETA_CHANNEL })
    ).decision;
    await betaDriver.sendReaction({
      userId: BETA_REVIEWERS[0],
      reaction: "white_check_mark",
      channelId: BETA_CHANNEL,
      messageTs: betaDecision.messageTs!,
    });
    await h.settled();
    expect(h.decision(betaDecision.id)?.status).toBe("in-review");
    await betaDriver.sendReaction({
      userId: BETA_REVIEWERS[1],
      reaction: "white_check_mark",
      channelId: BETA_CHANNEL,
      messageTs: betaDecision.messageTs!,
    });
    await h.settled();
    expect(h.decision(betaDecision.id)?.status).toBe("approved");
  });

  it("puts errors under the fields, refuses an app as a reviewer, and saves nothing for someone who is not an admin", async () => {
    const form = await openSettings(ADMIN);
    const bad = await h.driver.sendViewSubmission({
      userId: ADMIN,
      view: form,
      values: fill({ [SETTINGS_BLOCK.approvalReactions]: "thumbs up!", [SETTINGS_BLOCK.reviewerGroup]: "reviewers" }),
    });
    expect(bad.json).toMatchObject({
      response_action: "errors",
      errors: {
        [SETTINGS_BLOCK.approvalReactions]: expect.stringContaining("Not emoji names"),
        [SETTINGS_BLOCK.reviewerGroup]: expect.stringContaining("user group's id"),
      },
    });
    const app = await h.driver.sendViewSubmission({
      userId: ADMIN,
      view: form,
      values: fill({ [SETTINGS_BLOCK.reviewerUsers]: [ALICE, "UHELPER"] }),
    });
    expect(app.json).toMatchObject({
      response_action: "errors",
      errors: { [SETTINGS_BLOCK.reviewerUsers]: expect.stringContaining("<@UHELPER> cannot review") },
    });

    // A member's home has no button; a click forged in their name (on the admin's) opens nothing, and a forged
    // submission is refused.
    expect(JSON.stringify((await openHome(REQUESTER)).view)).not.toContain(ACTION.editSettings);
    const before = h.emulator.callsTo("views.open").length;
    const adminHome = await openHome(ADMIN);
    await h.driver.sendBlockAction({ userId: REQUESTER, actionId: ACTION.editSettings, blockId: BLOCK.settingsActions, view: adminHome });
    await h.app.idle();
    expect(h.emulator.callsTo("views.open").length).toBe(before);
    const forged = await h.driver.sendViewSubmission({ userId: REQUESTER, view: form, values: fill() });
    expect(forged.json).toMatchObject({
      response_action: "errors",
      errors: { [SETTINGS_BLOCK.requiredApprovals]: expect.stringContaining("Only workspace admins") },
    });
    expect(JSON.stringify((await openHome(REQUESTER)).view)).toContain("*Approvals needed:* 2");
  });
});
