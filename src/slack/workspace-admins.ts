import type { WebClient } from "@slack/web-api";

/** Whether a user is an admin or owner of the workspace (users.info): who may change its review settings. */
export async function isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
  try {
    const { user } = await client.users.info({ user: userId });
    return user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
  } catch {
    return false;
  }
}

/** Of the chosen reviewers, the ones that are not people who can review: apps, deactivated or unknown accounts. */
export async function notReviewers(client: WebClient, userIds: readonly string[]): Promise<string[]> {
  const verdicts = await Promise.all(
    userIds.map(async (id) => {
      try {
        const { user } = await client.users.info({ user: id });
        return user && !user.is_bot && !user.deleted && id !== "USLACKBOT" ? null : id;
      } catch {
        return id;
      }
    }),
  );
  return verdicts.filter((id): id is string => id !== null);
}
