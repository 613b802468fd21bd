// Many workspaces on a real PostgreSQL server: two install through OAuth, each runs a review posted with its own
// token, and one uninstalls (its token deleted, its waiting jobs stopped) while the other keeps working.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SlackDriver } from "../emulator/slack-driver.js";
import type { SlackEmulator } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import {
  CHANNEL,
  completeQuestionnaire,
  type Harness,
  openQuestionnaire,
  REQUESTER,
  SIGNING_SECRET,
  startHarness,
} from "../support/harness.js";
import { installThroughBrowser, OAUTH_APP, OAUTH_ENV } from "../support/install.js";
import { describePostgres, startThrowawayPostgres, type ThrowawayPostgres, waitUntil } from "./postgres-suite.js";

describePostgres("many workspaces on PostgreSQL", () => {
  let server: ThrowawayPostgres;
  let h: Harness;
  let beta: SlackEmulator;
  let betaDriver: SlackDriver;

  beforeAll(async () => {
    server = await startThrowawayPostgres();
    const url = await server.createDatabase("swf_workspaces");
    h = await startHarness({ ...OAUTH_ENV, DATABASE_URL: url });
    h.emulator.setOAuthApp(OAUTH_APP);
    beta = h.emulator.addTeam({ teamId: "T2BETA", botToken: "xoxb-beta-token" });
    beta.addUser({ id: "UDANA", name: "dana" });
    beta.addChannel({ id: "CBETA", name: "beta-ml", members: [beta.botUserId, "UDANA"] });
    beta.addChannel({ id: "GBETA", name: "beta-secret", isPrivate: true, members: ["UDANA"] });
    betaDriver = new SlackDriver({ emulator: beta, appUrl: `http://127.0.0.1:${h.app.port}`, signingSecret: SIGNING_SECRET });
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
    await server?.stop();
  });

  const rows = <T>(query: ReturnType<typeof sql>) => h.app.store.all<T>(query);
  const review = async (team: SlackEmulator, driver: SlackDriver, userId: string, channelId: string, title: string) => {
    const as = { ...h, emulator: team, driver };
    await completeQuestionnaire(as, await openQuestionnaire(as, { userId, channelId }), validAnswers({ title }), { userId });
  };

  it("installs two workspaces, posts each one's review with its own token, and stops only the uninstalled one's jobs", async () => {
    const appUrl = `http://127.0.0.1:${h.app.port}`;
    expect((await installThroughBrowser(appUrl, h.emulator, REQUESTER)).done.status).toBe(200);
    expect((await installThroughBrowser(appUrl, beta, "UDANA")).done.status).toBe(200);
    expect(await rows(sql`select key, bot_token as "token" from installations order by key`)).toEqual([
      { key: "team:T1", token: h.emulator.botToken },
      { key: "team:T2BETA", token: "xoxb-beta-token" },
    ]);

    await review(h.emulator, h.driver, REQUESTER, CHANNEL, "Alpha on PostgreSQL");
    await review(beta, betaDriver, "UDANA", "CBETA", "Beta on PostgreSQL");
    await h.settled();
    const posts = h.emulator.callsTo("chat.postMessage").filter((c) => c.response.ok === true);
    expect(posts.map((c) => [c.args.channel, c.team])).toEqual([
      [CHANNEL, "T1"],
      [CHANNEL, "T1"],
      ["CBETA", "T2BETA"],
      ["CBETA", "T2BETA"],
    ]);

    // Beta's next review waits for an invite to its private channel; then beta uninstalls.
    await review(beta, betaDriver, "UDANA", "GBETA", "Beta waiting");
    const waiting = await waitUntil(async () => {
      const ids = await rows<{ id: number }>(sql`select id from jobs where team_id = 'T2BETA' and status = 'waiting' order by id`);
      return ids.length > 0 ? ids.map((r) => r.id) : undefined;
    }, "beta's verdict waiting");
    beta.revokeToken();
    expect((await betaDriver.sendEvent({ type: "app_uninstalled" })).status).toBe(200);
    expect(await rows(sql`select key from installations`)).toEqual([{ key: "team:T1" }]);
    await h.settled();
    const ended = await rows<{ id: number; status: string; error: string | null }>(
      sql`select id, status, last_error as "error" from jobs where team_id = 'T2BETA' order by id`,
    );
    expect(ended.filter((j) => ["pending", "running", "waiting"].includes(j.status))).toEqual([]);
    expect(ended.filter((j) => waiting.includes(Number(j.id))).map((j) => [j.status, j.error])).toEqual(
      waiting.map(() => ["failed", "the app was uninstalled from this workspace"]),
    );

    await review(h.emulator, h.driver, REQUESTER, CHANNEL, "Alpha goes on");
    await h.settled();
    expect(h.emulator.messagesIn(CHANNEL).filter((m) => m.text.includes("Alpha goes on"))).toHaveLength(1);
  });
});
