import type { SlackEmulator } from "../emulator/slack-emulator.js";

/** The OAuth app the emulator knows and the app is configured with (OAuth mode: no SLACK_BOT_TOKEN). */
export const OAUTH_APP = { clientId: "1111.2222", clientSecret: "client-secret-of-the-app" };
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: "",
  SLACK_CLIENT_ID: OAUTH_APP.clientId,
  SLACK_CLIENT_SECRET: OAUTH_APP.clientSecret,
  SLACK_STATE_SECRET: "state-secret-for-the-install-links",
};

export interface InstallResult {
  /** The install page's answer. */
  page: Response;
  /** The redirect's answer (the app's success or failure page). */
  done: Response;
  html: string;
}

const unescapeHtml = (s: string) => s.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'");

/**
 * What a person's browser does to install the app in their workspace: opens the app's /slack/install, follows its
 * "Add to Slack" link to Slack (the emulator, where they press Allow), and is sent back to /slack/oauth_redirect with
 * a code and the state, carrying the state cookie the install page set. `tamper` changes the way back first.
 */
export async function installThroughBrowser(
  appUrl: string,
  team: SlackEmulator,
  userId: string,
  opts: { tamper?: (back: URL) => void; cookie?: (cookie: string) => string; orgWide?: boolean } = {},
): Promise<InstallResult> {
  const page = await fetch(`${appUrl}/slack/install`, { redirect: "manual" });
  const body = await page.text();
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(body)?.[1];
  if (!href) throw new Error(`the install page has no Add to Slack link (status ${page.status})`);
  const setCookie = page.headers.get("set-cookie") ?? "";
  const stateCookie = setCookie.split(";")[0] ?? "";
  const back = new URL(
    team.approveInstall({
      authorizeUrl: unescapeHtml(href),
      redirectUrl: `${appUrl}/slack/oauth_redirect`,
      userId,
      ...(opts.orgWide ? { orgWide: true } : {}),
    }),
  );
  opts.tamper?.(back);
  const cookie = opts.cookie ? opts.cookie(stateCookie) : stateCookie;
  const done = await fetch(back, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { page, done, html: await done.text() };
}
