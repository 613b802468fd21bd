import type { HomeView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Workspace } from "../store/workspace.js";
import { buildSettingsSection } from "./builders/build-settings.js";
import { type HomeDeps, homeFor } from "./home.js";
import type { HomePaging } from "./readers/read-paging.js";
import type { ReviewSettings } from "./review-settings.js";
import { isWorkspaceAdmin } from "./workspace-admins.js";
import type { ReviewSettingsOf } from "./workspace-review-settings.js";

export interface SettingsHomeDeps extends HomeDeps {
  /** Without it, App Home shows no settings. */
  reviewSettings?: ReviewSettingsOf;
}

/** What a user's App Home shows, read from the database: the home itself, and the workspace's review settings. */
export interface HomeContent {
  home: HomeView;
  settings: ReviewSettings | undefined;
}

export async function readHome(
  deps: SettingsHomeDeps,
  workspace: Workspace & { teamId: string },
  userId: string,
  paging?: HomePaging,
): Promise<HomeContent> {
  return { home: await homeFor(deps, workspace.teamId, userId, paging), settings: await deps.reviewSettings?.(workspace) };
}

/** Publishes it, the settings editable for the workspace's admins and read-only for everyone else (users.info says). */
export async function publishHome(client: WebClient, userId: string, content: HomeContent): Promise<void> {
  const { home, settings } = content;
  const section = settings ? buildSettingsSection(settings, await isWorkspaceAdmin(client, userId)) : [];
  const view = { ...home, blocks: [...home.blocks.slice(0, 100 - section.length), ...section] };
  await client.views.publish({ user_id: userId, view });
}
