/** Where the app keeps its data: a SQLite file (the default, one process), or a PostgreSQL server (any number of replicas). */
export type DatabaseTarget = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/** `postgres://` and `postgresql://`, the two schemes PostgreSQL's own tools accept. */
export const POSTGRES_SCHEMES = ["postgres:", "postgresql:"] as const;

export const isPostgresUrl = (url: string) => URL.canParse(url) && (POSTGRES_SCHEMES as readonly string[]).includes(new URL(url).protocol);

/** The password in a PostgreSQL URL, as written and as decoded (what must never be logged); none when it has none. */
export function urlPasswords(url: string): string[] {
  if (!URL.canParse(url)) return [];
  const { password } = new URL(url);
  if (!password) return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A stray % in the password: pg reads it as written.
  }
  return [...new Set([password, decoded])];
}
