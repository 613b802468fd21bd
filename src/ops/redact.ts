const MASK = "[REDACTED]";

/** Slack tokens: bot, user, app-level, refresh and configuration tokens. */
const SLACK_TOKEN = /\b(xox[abceoprs]|xapp)-[A-Za-z0-9-]+/g;
/** `scheme://user:password@` and `scheme://token@` in URLs. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'\\<>]+)@/gi;
/** `?name=value` and `&name=value`; the name decides whether the value is a secret. */
const QUERY_PARAM = /([?&;])([^=&#\s"'\\<>]+)=([^&#\s"'\\<>]*)/g;
const SECRET_PARAM = /^(?:.*[_.-])?(?:key|apikey|token|secret|password|passwd|pwd|pass|sig|signature|credential|auth)s?$/i;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g;
/** Shorter configured values are left alone: masking them would garble ordinary words (a test's secret "s"). */
const MIN_KNOWN_SECRET = 8;

/**
 * Masks secrets in one line of text: Slack tokens, passwords in URLs, secret-looking query parameters (`?key=`,
 * `token=`, `api_key=`, ...), Authorization header values, and any of `known` (configured secret values, 8 characters or
 * more) verbatim.
 * Works on plain text and on a serialized JSON log line alike.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text
    .replace(SLACK_TOKEN, `$1-${MASK}`)
    .replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(":");
      return colon < 0 ? `${scheme}${MASK}@` : `${scheme}${userinfo.slice(0, colon)}:${MASK}@`;
    })
    .replace(QUERY_PARAM, (match, sep: string, name: string, value: string) =>
      value !== "" && SECRET_PARAM.test(name) ? `${sep}${name}=${MASK}` : match,
    )
    .replace(BEARER, `$1 ${MASK}`);
  for (const secret of known) {
    if (secret.length < MIN_KNOWN_SECRET) continue;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) out = out.split(form).join(MASK);
  }
  return out;
}
