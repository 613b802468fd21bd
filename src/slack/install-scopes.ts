/** The bot scopes the install link asks for: the manifests' `oauth_config.scopes.bot` (a test keeps them equal). */
export const BOT_SCOPES = [
  "channels:history",
  "channels:join",
  "channels:read",
  "chat:write",
  "commands",
  "groups:history",
  "groups:read",
  "im:read",
  "mpim:read",
  "reactions:read",
  "usergroups:read",
  "users:read",
] as const;

/** Where the OAuth flow starts and where Slack sends the browser back (Bolt's defaults, named in the README). */
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";
