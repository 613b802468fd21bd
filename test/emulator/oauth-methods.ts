// Slack's side of the OAuth install (oauth.v2.access): one-time codes handed out when a person presses Allow
// (SlackEmulator.approveInstall), exchanged by the app for the workspace's bot token. The checks Slack makes:
// the app's client id and secret, a code used once and only by the app it was issued to, and the same redirect_uri.
import { randomBytes } from "node:crypto";
import type { Json } from "./block-kit-checks.js";
import { fail, type SlackResponse, stringArg } from "./method-context.js";

/** The workspace a code installs into (what the app's token will be): its identity and bot token. */
interface InstallingTeam {
  identity: { teamId: string; teamDomain: string; enterpriseId?: string | undefined; botToken: string; botUserId: string; appId: string };
}

interface Grant {
  team: InstallingTeam;
  userId: string;
  clientId: string;
  scopes: string[];
  redirectUri: string | undefined;
  orgWide: boolean;
  used: boolean;
}

/** Slack answers a code exchanged a second time, or unknown, with `invalid_code`. */
export class OAuthDesk {
  app: { clientId: string; clientSecret: string } | undefined;
  private readonly grants = new Map<string, Grant>();

  issue(grant: Omit<Grant, "used">): string {
    const code = `${Date.now()}.${randomBytes(12).toString("hex")}`;
    this.grants.set(code, { ...grant, used: false });
    return code;
  }

  /** `oauth.v2.access`: client credentials as form fields or HTTP Basic, the code, and the redirect_uri if one was used. */
  exchange(args: Json, authorization: string | undefined): SlackResponse {
    const basic = /^Basic (.+)$/.exec(authorization ?? "")?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
    const clientId = stringArg(args.client_id) ?? basicId;
    const clientSecret = stringArg(args.client_secret) ?? basicSecret;
    if (!this.app || clientId !== this.app.clientId) return fail("invalid_client_id");
    if (clientSecret !== this.app.clientSecret) return fail("bad_client_secret");
    const code = stringArg(args.code);
    const grant = code ? this.grants.get(code) : undefined;
    if (!grant || grant.used || grant.clientId !== clientId) return fail("invalid_code");
    if (grant.redirectUri !== undefined && stringArg(args.redirect_uri) !== grant.redirectUri) return fail("bad_redirect_uri");
    grant.used = true;
    const { identity } = grant.team;
    const enterprise = identity.enterpriseId ? { id: identity.enterpriseId, name: identity.enterpriseId.toLowerCase() } : null;
    return {
      ok: true,
      app_id: identity.appId,
      authed_user: { id: grant.userId },
      scope: grant.scopes.join(","),
      token_type: "bot",
      access_token: identity.botToken,
      bot_user_id: identity.botUserId,
      team: grant.orgWide ? null : { id: identity.teamId, name: identity.teamDomain },
      enterprise,
      is_enterprise_install: grant.orgWide,
    };
  }
}
