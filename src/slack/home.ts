import type { HomeView } from "@slack/types";
import { listAwaitingReview, listDecisions } from "../store/decision-queries.js";
import type { SqlClient } from "../store/sql-client.js";
import { buildHome, HOME_PAGE_SIZE } from "./builders/build-home.js";
import type { DecisionAccess } from "./decision-access.js";
import type { HomePaging } from "./readers/read-paging.js";
import type { IsReviewer } from "./reviews.js";

export interface HomeDeps {
  db: SqlClient;
  access: DecisionAccess;
  isReviewer: IsReviewer;
}

/**
 * A person's App Home: their decisions, and the reviews waiting for them (only decisions of channels they are in,
 * and only if they may review). `paging` shows an older page of one section.
 */
export async function homeFor(deps: HomeDeps, teamId: string, userId: string, paging?: HomePaging): Promise<HomeView> {
  const before = (section: HomePaging["section"]) => (paging?.section === section ? paging.before : undefined);
  const viewer = await deps.access.viewer(teamId, userId);
  const mine = await listDecisions(deps.db, {
    teamId,
    viewer: { userId, channelIds: [] },
    filter: { requesterId: userId },
    beforeNumber: before("mine"),
    limit: HOME_PAGE_SIZE,
  });
  const review = (await deps.isReviewer(userId, { teamId }))
    ? await listAwaitingReview(deps.db, teamId, viewer, { beforeNumber: before("review"), limit: HOME_PAGE_SIZE })
    : null;
  const extras = await deps.access.extras([...mine.decisions, ...(review?.decisions ?? [])]);
  return buildHome({
    mine: { page: mine, before: before("mine") },
    awaitingReview: review ? { page: review, before: before("review") } : null,
    extras,
  });
}
