import type { HomeView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { listAwaitingReview, listByRequester } from "../store/decisions.js";
import type { SqlClient } from "../store/sql-client.js";
import type { Workspace } from "../store/workspace.js";
import type { DecisionSummaryExtras } from "./builders/build-command-replies.js";
import { buildHome } from "./builders/build-home.js";
import { buildSettingsSection } from "./builders/build-settings.js";
import type { ReviewSettings } from "./review-settings.js";
import { isWorkspaceAdmin } from "./workspace-admins.js";
import type { ReviewSettingsOf } from "./workspace-review-settings.js";

export interface HomeDeps {
  db: SqlClient;
  summaryExtras?: (ids: number[]) => Promise<DecisionSummaryExtras>;
  /** Without it, App Home shows no settings. */
  reviewSettings?: ReviewSettingsOf;
}

/** What a user's App Home shows, read from the database: their decisions, those waiting for them, the settings. */
export interface HomeContent {
  home: HomeView;
  settings: ReviewSettings | undefined;
}

export async function readHome(deps: HomeDeps, workspace: Workspace & { teamId: string }, userId: string): Promise<HomeContent> {
  const mine = await listByRequester(deps.db, workspace.teamId, userId);
  const awaitingReview = await listAwaitingReview(deps.db, workspace.teamId, userId);
  const extras = (await deps.summaryExtras?.([...mine, ...awaitingReview].map((d) => d.id))) ?? {};
  return { home: buildHome({ mine, awaitingReview, extras }), settings: await deps.reviewSettings?.(workspace) };
}

/** Publishes it, the settings editable for the workspace's admins and read-only for everyone else (users.info says). */
export async function publishHome(client: WebClient, userId: string, content: HomeContent): Promise<void> {
  const { home, settings } = content;
  const section = settings ? buildSettingsSection(settings, await isWorkspaceAdmin(client, userId)) : [];
  const view = { ...home, blocks: [...home.blocks.slice(0, 100 - section.length), ...section] };
  await client.views.publish({ user_id: userId, view });
}
