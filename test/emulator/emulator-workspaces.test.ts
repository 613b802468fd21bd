import { LogLevel, webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackEmulator } from "./slack-emulator.js";

// The emulator as more than one workspace: a bot token per workspace that reaches only its own, auth.test per token,
// and oauth.v2.access as Slack checks it.

const { WebClient } = webApi;
type WebClient = InstanceType<typeof WebClient>;
const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

let emu: SlackEmulator;
let beta: SlackEmulator;
const client = (token?: string): WebClient => new WebClient(token, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
const slackError = async (call: Promise<unknown>) =>
  (
    (await call.then(
      () => undefined,
      (e: unknown) => e,
    )) as { data?: { error?: string } } | undefined
  )?.data?.error;

const APP = { clientId: "1111.2222", clientSecret: "the-secret" };
const REDIRECT = "https://app.example.com/slack/oauth_redirect";
const authorizeUrl = (extra = "") =>
  `https://slack.com/oauth/v2/authorize?client_id=${APP.clientId}&scope=chat:write,commands${extra}&state=s1`;
const codeOf = (back: string) => new URL(back).searchParams.get("code") ?? "";

beforeEach(async () => {
  emu = await SlackEmulator.start();
  emu.setOAuthApp(APP);
  emu.addChannel({ id: "CALPHA", name: "alpha", members: [emu.botUserId] });
  beta = emu.addTeam({ teamId: "T2", botToken: "xoxb-beta", enterpriseId: "E1" });
  beta.addChannel({ id: "CBETA", name: "beta", members: [beta.botUserId] });
});
afterEach(async () => emu.stop());

describe("the emulator's workspaces", () => {
  it("answers auth.test for each token with its own workspace and bot", async () => {
    expect(await client(emu.botToken).auth.test()).toMatchObject({ team_id: "T1", user_id: emu.botUserId, bot_id: emu.botId });
    expect(await client("xoxb-beta").auth.test()).toMatchObject({
      team_id: "T2",
      user_id: "UBOTT2",
      bot_id: "BBOTT2",
      enterprise_id: "E1",
    });
    expect(await slackError(client("xoxb-nobody").auth.test())).toBe("invalid_auth");
  });

  it("lets a token reach its own workspace only, and records whose token made each call", async () => {
    await client("xoxb-beta").chat.postMessage({ channel: "CBETA", text: "hello beta" });
    expect(await slackError(client("xoxb-beta").chat.postMessage({ channel: "CALPHA", text: "wrong team" }))).toBe("channel_not_found");
    expect(await slackError(client(emu.botToken).chat.postMessage({ channel: "CBETA", text: "wrong team" }))).toBe("channel_not_found");
    expect(beta.messagesIn("CBETA").map((m) => [m.text, m.user])).toEqual([["hello beta", "UBOTT2"]]);
    expect(emu.messagesIn("CALPHA")).toEqual([]);
    expect(emu.callsTo("chat.postMessage").map((c) => c.team)).toEqual(["T2", "T2", "T1"]);
    beta.revokeToken();
    expect(await slackError(client("xoxb-beta").chat.postMessage({ channel: "CBETA", text: "after" }))).toBe("token_revoked");
  });

  it("exchanges a code once, for the app it was issued to, with the same redirect_uri, for that workspace's token", async () => {
    const back = beta.approveInstall({ authorizeUrl: authorizeUrl(), redirectUrl: REDIRECT, userId: "UDANA" });
    expect(back.startsWith(`${REDIRECT}?code=`)).toBe(true);
    expect(new URL(back).searchParams.get("state")).toBe("s1");
    const oauth = client().oauth.v2;
    expect(await slackError(oauth.access({ client_id: APP.clientId, client_secret: "wrong", code: codeOf(back) }))).toBe(
      "bad_client_secret",
    );
    expect(await slackError(oauth.access({ client_id: "9.9", client_secret: APP.clientSecret, code: codeOf(back) }))).toBe(
      "invalid_client_id",
    );
    const granted = await oauth.access({ client_id: APP.clientId, client_secret: APP.clientSecret, code: codeOf(back) });
    expect(granted).toMatchObject({
      access_token: "xoxb-beta",
      bot_user_id: "UBOTT2",
      scope: "chat:write,commands",
      team: { id: "T2" },
      enterprise: { id: "E1" },
      is_enterprise_install: false,
      authed_user: { id: "UDANA" },
    });
    expect(await slackError(oauth.access({ client_id: APP.clientId, client_secret: APP.clientSecret, code: codeOf(back) }))).toBe(
      "invalid_code",
    );

    const withUri = beta.approveInstall({
      authorizeUrl: authorizeUrl(`&redirect_uri=${encodeURIComponent(REDIRECT)}`),
      redirectUrl: REDIRECT,
      userId: "UDANA",
    });
    const code = codeOf(withUri);
    expect(await slackError(oauth.access({ ...APP_ARGS(), code, redirect_uri: "https://elsewhere.example.com/cb" }))).toBe(
      "bad_redirect_uri",
    );
    expect(await oauth.access({ ...APP_ARGS(), code, redirect_uri: REDIRECT })).toMatchObject({ ok: true });
  });
});

const APP_ARGS = () => ({ client_id: APP.clientId, client_secret: APP.clientSecret });
