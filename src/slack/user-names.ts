import type { WebClient } from "@slack/web-api";

/** People's names for text that leaves Slack (a decision record), where a mention would mean nothing. */
export type UserNames = (userIds: readonly string[]) => Promise<(userId: string) => string>;

/** `@name` from users.info, cached for the process; a user Slack will not describe is named by their id. */
export function userNamesFrom(client: WebClient): UserNames {
  const known = new Map<string, string>();
  return async (userIds) => {
    await Promise.all(
      [...new Set(userIds)]
        .filter((id) => !known.has(id))
        .map(async (id) => {
          try {
            const res = await client.users.info({ user: id });
            const name = res.user?.profile?.display_name || res.user?.name;
            if (name) known.set(id, `@${name}`);
          } catch {
            // Named by id below.
          }
        }),
    );
    return (id) => known.get(id) ?? id;
  };
}
