import pg from "pg";

const CONNECT_TIMEOUT_MS = 10_000;

/** host:port, database and user of a PostgreSQL URL: what a problem names (never the password). */
function describeUrl(url: string): { where: string; database: string; user: string } {
  const parsed = new URL(url);
  const host = parsed.searchParams.get("host") ?? (parsed.hostname || "localhost");
  const user = decodeURIComponent(parsed.username) || "(your system user)";
  const database = decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || "(default)";
  return { where: `${host}:${parsed.port || "5432"}`, database, user };
}

/**
 * Why PostgreSQL at `url` cannot be used, as one line naming DATABASE_URL; undefined when it can. Connects once (10 s at
 * most) before anything else starts, so an unreachable server, a wrong password or a missing database stops start-up
 * here.
 */
export async function checkPostgres(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection that breaks after the check reports through the query; without a listener it would end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return describePostgresError(error, url) ?? `DATABASE_URL: ${(error as Error)?.message ?? String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A PostgreSQL or network failure as one plain line naming DATABASE_URL; undefined when it is neither (a bug). */
export function describePostgresError(error: unknown, url: string): string | undefined {
  const { where, database, user } = describeUrl(url);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : "";
  switch (code) {
    case "ECONNREFUSED":
      return `DATABASE_URL: nothing answers at ${where} (connection refused); is PostgreSQL running there?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `DATABASE_URL: the host in ${where} is unknown (${code})`;
    case "28P01":
      return `DATABASE_URL: PostgreSQL at ${where} refused the password of user "${user}"`;
    case "28000":
      return `DATABASE_URL: PostgreSQL at ${where} refused user "${user}" (${text})`;
    case "3D000":
      return `DATABASE_URL: there is no database "${database}" at ${where}; create it first (createdb ${database})`;
    case "42501":
      return `DATABASE_URL: user "${user}" may not create the app's tables in database "${database}" (${text})`;
    case "57P03":
      return `DATABASE_URL: PostgreSQL at ${where} is starting or stopping; try again in a moment`;
    case "53300":
      return `DATABASE_URL: PostgreSQL at ${where} has no connection left (${text})`;
  }
  if (/timeout/i.test(text) && !code) return `DATABASE_URL: PostgreSQL at ${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return `DATABASE_URL: PostgreSQL at ${where}: ${text} (${code})`;
  if (typeof code === "string" && code.startsWith("E")) return `DATABASE_URL: cannot reach ${where} (${code})`;
  if (/SSL|TLS|certificate/i.test(text)) return `DATABASE_URL: ${text}`;
  return undefined;
}
