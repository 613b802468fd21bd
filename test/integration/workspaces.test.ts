import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackDriver } from "../emulator/slack-driver.js";
import type { SlackEmulator } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { CatalogServer, modelsDevSlice } from "../support/catalog-server.js";
import {
  CHANNEL,
  completeQuestionnaire,
  type Harness,
  openQuestionnaire,
  REQUESTER,
  REVIEWERS,
  runReview,
  SIGNING_SECRET,
  startHarness,
  WAIT_MS,
} from "../support/harness.js";
import { installThroughBrowser, OAUTH_APP, OAUTH_ENV } from "../support/install.js";
import { readDb } from "../support/read-db.js";

// Two workspaces install the app through OAuth (the emulator plays Slack: authorize page, oauth.v2.access, a bot token
// per workspace that reaches only its own workspace), each runs reviews, and neither sees the other's.

const BETA_CHANNEL = "CBETA";
const BETA_PRIVATE = "GBETA";
const BETA_REQUESTER = "UDANA";
const BETA_REVIEWER = "UERIN";

let h: Harness;
let beta: SlackEmulator;
let betaDriver: SlackDriver;
let catalog: CatalogServer;
let appUrl: string;

/** Team beta's view of the harness: its emulator and its driver, the same app and database. */
const asBeta = (): Harness => ({ ...h, emulator: beta, driver: betaDriver });

beforeEach(async () => {
  catalog = await CatalogServer.start(modelsDevSlice({ openai: ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20"] }));
  h = await startHarness(
    { ...OAUTH_ENV, MODEL_SOURCES: "models.dev", MODELS_DEV_URL: catalog.url },
    { today: () => "2024-06-01", now: () => new Date("2026-11-24T12:00:00Z") },
  );
  h.emulator.setOAuthApp(OAUTH_APP);
  beta = h.emulator.addTeam({ teamId: "T2BETA", botToken: "xoxb-beta-token" });
  for (const id of [BETA_REQUESTER, BETA_REVIEWER]) beta.addUser({ id, name: id.toLowerCase() });
  beta.addChannel({ id: BETA_CHANNEL, name: "beta-ml", members: [beta.botUserId, BETA_REQUESTER, BETA_REVIEWER] });
  beta.addChannel({ id: BETA_PRIVATE, name: "beta-secret", isPrivate: true, members: [BETA_REQUESTER, BETA_REVIEWER] });
  appUrl = `http://127.0.0.1:${h.app.port}`;
  betaDriver = new SlackDriver({ emulator: beta, appUrl, signingSecret: SIGNING_SECRET });
});
afterEach(async () => {
  await h.stop();
  await catalog.stop();
});

const installations = () =>
  readDb(h.dbPath, (db) =>
    db.prepare("select team_id as teamId, bot_token as token, bot_user_id as botUserId from installations order by team_id").all(),
  );
const ephemeralText = (res: { json?: unknown }) => JSON.stringify(res.json ?? {});

describe("many workspaces (OAuth mode)", () => {
  it("two workspaces install, each runs a review with its own token, and neither ever sees the other's decisions", async () => {
    for (const [team, user] of [
      [h.emulator, REQUESTER],
      [beta, BETA_REQUESTER],
    ] as const) {
      const { done, html } = await installThroughBrowser(appUrl, team, user);
      expect(done.status, html).toBe(200);
      expect(html).toContain("Thank you!");
    }
    expect(installations()).toEqual([
      { teamId: "T1", token: h.emulator.botToken, botUserId: h.emulator.botUserId },
      { teamId: "T2BETA", token: "xoxb-beta-token", botUserId: beta.botUserId },
    ]);
    // The install flow asked Slack who each bot is with that workspace's token.
    expect(h.emulator.callsTo("auth.test").map((c) => c.team)).toEqual(["T1", "T2BETA"]);

    const alpha = (await runReview(h, validAnswers({ title: "Alpha's secret plan", baseModel: "gpt-4o-2024-05-13", asOf: "2024-06-01" })))
      .decision;
    const betaDecision = (
      await runReview(asBeta(), validAnswers({ title: "Beta's own plan", baseModel: "gpt-4o-2024-05-13", asOf: "2024-06-01" }), {
        userId: BETA_REQUESTER,
        channelId: BETA_CHANNEL,
      })
    ).decision;
    expect([alpha.teamId, betaDecision.teamId]).toEqual(["T1", "T2BETA"]);
    expect(h.emulator.messagesIn(CHANNEL).map((m) => m.ts)).toContain(alpha.messageTs);
    expect(beta.messagesIn(BETA_CHANNEL).map((m) => m.ts)).toContain(betaDecision.messageTs);
    // Every post in a workspace went out with that workspace's token.
    const posts = h.emulator.callsTo("chat.postMessage");
    expect(posts.filter((c) => c.args.channel === CHANNEL).every((c) => c.team === "T1")).toBe(true);
    expect(posts.filter((c) => c.args.channel === BETA_CHANNEL).every((c) => c.team === "T2BETA")).toBe(true);

    // A reviewer of beta approves beta's decision; alpha's is untouched.
    await betaDriver.sendReaction({
      userId: BETA_REVIEWER,
      reaction: "white_check_mark",
      channelId: BETA_CHANNEL,
      messageTs: betaDecision.messageTs!,
    });
    await h.settled();
    expect(h.jobs(betaDecision.id).some((j) => j.kind === "update-verdict" && j.status === "done")).toBe(true);

    // list, show, App Home: each workspace sees its own only.
    const betaList = await betaDriver.sendSlashCommand({ userId: BETA_REQUESTER, channelId: BETA_CHANNEL, text: "list all" });
    expect(ephemeralText(betaList)).toContain("Beta's own plan");
    expect(ephemeralText(betaList)).not.toContain("Alpha's secret plan");
    const alphaList = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: "list all" });
    expect(ephemeralText(alphaList)).toContain("Alpha's secret plan");
    expect(ephemeralText(alphaList)).not.toContain("Beta's own plan");
    // Numbers are per workspace: #1 in beta is beta's own; there is no #2 there, whatever alpha has.
    expect([alpha.number, betaDecision.number]).toEqual([1, 1]);
    const showOne = await betaDriver.sendSlashCommand({ userId: BETA_REQUESTER, channelId: BETA_CHANNEL, text: "show 1" });
    expect(ephemeralText(showOne)).toContain("Beta's own plan");
    expect(ephemeralText(showOne)).not.toContain("Alpha's secret plan");
    await runReview(h, validAnswers({ title: "Alpha's second secret" }));
    const showTwo = await betaDriver.sendSlashCommand({ userId: BETA_REQUESTER, channelId: BETA_CHANNEL, text: "show 2" });
    expect(ephemeralText(showTwo)).toContain("There is no decision #2");
    expect(ephemeralText(showTwo)).not.toContain("Alpha's second secret");
    await betaDriver.sendAppHomeOpened(BETA_REQUESTER);
    const home = await beta.waitFor(() => beta.homeView(BETA_REQUESTER), WAIT_MS, "beta's home published");
    expect(JSON.stringify(home.view)).toContain("Beta's own plan");
    expect(JSON.stringify(home.view)).not.toContain("Alpha's secret plan");
    expect(h.emulator.callsTo("views.publish").map((c) => c.team)).toEqual(["T2BETA"]);

    // A reaction sent from beta on alpha's verdict message reaches nothing.
    await betaDriver.sendReaction({ userId: BETA_REVIEWER, reaction: "white_check_mark", channelId: CHANNEL, messageTs: alpha.messageTs! });
    await h.settled();
    expect(h.decision(alpha.id)?.status).toBe("in-review");

    // The watch tells each decision about the newer version, in its own thread, with its own workspace's token.
    await h.checkModels();
    const notice = (m: { text?: string }) => m.text?.includes("Newer version of");
    expect(h.emulator.threadReplies(CHANNEL, alpha.threadTs!).filter(notice)).toHaveLength(1);
    expect(beta.threadReplies(BETA_CHANNEL, betaDecision.threadTs!).filter(notice)).toHaveLength(1);
    const noticePosts = h.emulator.callsTo("chat.postMessage").filter((c) => String(c.args.text ?? "").includes("Newer version of"));
    expect(noticePosts.map((c) => [c.args.channel, c.team]).sort()).toEqual([
      [BETA_CHANNEL, "T2BETA"],
      [CHANNEL, "T1"],
      [CHANNEL, "T1"],
    ]);
    // Nothing failed anywhere: no call was refused for a wrong token.
    expect(h.emulator.calls.filter((c) => c.response.ok === false && c.response.error === "channel_not_found")).toEqual([]);
  });

  it("uninstalling one workspace stops its jobs and deletes its token; the other keeps working", async () => {
    await installThroughBrowser(appUrl, h.emulator, REQUESTER);
    await installThroughBrowser(appUrl, beta, BETA_REQUESTER);
    // Beta's review waits for the bot to be invited to its private channel: its jobs are still to run.
    await runReviewWaiting();
    const waiting = h.jobs().filter((j) => j.teamId === "T2BETA" && j.status === "waiting");
    expect(waiting.length).toBeGreaterThan(0);

    beta.revokeToken();
    const res = await betaDriver.sendEvent({ type: "app_uninstalled" });
    expect(res.status).toBe(200);
    expect(installations()).toEqual([{ teamId: "T1", token: h.emulator.botToken, botUserId: h.emulator.botUserId }]);
    // A job that was running then ends on its own (Slack refuses the revoked token).
    await h.settled();
    const betaJobs = h.jobs().filter((j) => j.teamId === "T2BETA");
    expect(betaJobs.filter((j) => j.status === "pending" || j.status === "waiting")).toEqual([]);
    expect(betaJobs.filter((j) => waiting.some((w) => w.id === j.id)).map((j) => [j.status, j.lastError])).toEqual(
      waiting.map(() => ["failed", "the app was uninstalled from this workspace"]),
    );
    // Its decisions are kept.
    expect(h.decisions().filter((d) => d.teamId === "T2BETA")).toHaveLength(1);
    // Its people's commands and events are refused at once: the app has no token there.
    const refused = await betaDriver.sendSlashCommand({ userId: BETA_REQUESTER, channelId: BETA_CHANNEL, text: "list all" });
    expect(refused.status).toBe(401);
    expect((await betaDriver.sendAppHomeOpened(BETA_REQUESTER)).status).toBe(401);

    // The bot is invited to beta's channel now: nothing wakes the stopped jobs, and no call uses beta's revoked token.
    const callsBefore = h.emulator.calls.length;
    const { decision } = await runReview(h, validAnswers({ title: "Alpha goes on" }));
    await h.settled();
    expect(decision.replyTs).not.toBeNull();
    expect(h.emulator.calls.slice(callsBefore).filter((c) => c.team === "T2BETA")).toEqual([]);
    await h.driver.sendReaction({ userId: REVIEWERS[0], reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.driver.sendReaction({ userId: REVIEWERS[1], reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    await h.settled();
    expect(h.decision(decision.id)?.status).toBe("approved");
  });

  it("an organization installs the app once (org-wide): its workspaces' reviews post with the organization's token", async () => {
    const org = h.emulator.addTeam({ teamId: "T3ORG", enterpriseId: "E1ORG", botToken: "xoxb-org-token" });
    org.addUser({ id: "UFRAN", name: "fran" });
    org.addUser({ id: "UGUS", name: "gus" });
    org.addChannel({ id: "CORG", name: "org-ml", members: [org.botUserId, "UFRAN", "UGUS"] });
    const orgDriver = new SlackDriver({ emulator: org, appUrl, signingSecret: SIGNING_SECRET });
    const { done, html } = await installThroughBrowser(appUrl, org, "UFRAN", { orgWide: true });
    expect(done.status, html).toBe(200);
    const rows = readDb(h.dbPath, (db) =>
      db.prepare("select key, team_id as teamId, enterprise_id as enterpriseId from installations").all(),
    );
    expect(rows).toEqual([{ key: "enterprise:E1ORG", teamId: null, enterpriseId: "E1ORG" }]);

    const { decision } = await runReview({ ...h, emulator: org, driver: orgDriver }, validAnswers({ title: "Org-wide plan" }), {
      userId: "UFRAN",
      channelId: "CORG",
    });
    expect([decision.teamId, decision.enterpriseId]).toEqual(["T3ORG", "E1ORG"]);
    expect(org.messagesIn("CORG").map((m) => m.ts)).toContain(decision.messageTs);
    // Another member of the channel sees it in a list: its members were read with the organization's token.
    const list = await orgDriver.sendSlashCommand({ userId: "UGUS", channelId: "CORG", text: "list all" });
    expect(JSON.stringify(list.json)).toContain("Org-wide plan");
    expect(h.jobs(decision.id).map((j) => [j.teamId, j.enterpriseId, j.status])).toEqual([
      ["T3ORG", "E1ORG", "done"],
      ["T3ORG", "E1ORG", "done"],
    ]);
  });

  it("never logs a token or a secret of the install flow, and is ready without a token of its own", async () => {
    await h.restart({ LOG_LEVEL: "debug" });
    appUrl = `http://127.0.0.1:${h.app.port}`;
    betaDriver = new SlackDriver({ emulator: beta, appUrl, signingSecret: SIGNING_SECRET });
    await installThroughBrowser(appUrl, beta, BETA_REQUESTER);
    await runReview(asBeta(), validAnswers({ title: "Logged quietly" }), { userId: BETA_REQUESTER, channelId: BETA_CHANNEL });
    const ready = await fetch(`${appUrl}/readyz`);
    expect(ready.status).toBe(200);
    const logged = JSON.stringify(h.logs());
    expect(logged).toContain("authorize");
    for (const secret of ["xoxb-beta-token", OAUTH_APP.clientSecret, OAUTH_ENV.SLACK_STATE_SECRET]) expect(logged).not.toContain(secret);
  });

  it("refuses a way back whose state is not the browser's, and installs nothing", async () => {
    const forged = await installThroughBrowser(appUrl, beta, BETA_REQUESTER, { cookie: () => "" });
    expect(forged.done.status).toBe(400);
    const tampered = await installThroughBrowser(appUrl, beta, BETA_REQUESTER, {
      tamper: (back) => back.searchParams.set("state", "forged"),
    });
    expect(tampered.done.status).toBe(400);
    expect(installations()).toEqual([]);
    expect(h.emulator.callsTo("oauth.v2.access")).toEqual([]);
  });
});

/** Beta's requester starts a review in the private channel the bot is not in: its verdict waits for an invite. */
async function runReviewWaiting() {
  const view = await openQuestionnaire(asBeta(), { userId: BETA_REQUESTER, channelId: BETA_PRIVATE });
  await completeQuestionnaire(asBeta(), view, validAnswers({ title: "Beta in private" }), { userId: BETA_REQUESTER });
  await h.emulator.waitFor(() => h.jobs().some((j) => j.teamId === "T2BETA" && j.status === "waiting"), WAIT_MS, "beta's verdict waiting");
}
