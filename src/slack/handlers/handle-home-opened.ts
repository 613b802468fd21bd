import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { listAwaitingReview, listByRequester } from "../../store/decisions.js";
import type { Db } from "../../store/open-db.js";
import type { DecisionSummaryExtras } from "../builders/build-command-replies.js";
import { buildHome } from "../builders/build-home.js";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

export function handleHomeOpened(deps: { db: Db; summaryExtras?: (ids: number[]) => DecisionSummaryExtras }) {
  return async ({ event, body, client }: Args): Promise<void> => {
    if (event.tab !== "home") return;
    const teamId = (body as { team_id: string }).team_id;
    const mine = listByRequester(deps.db, teamId, event.user);
    const awaitingReview = listAwaitingReview(deps.db, teamId, event.user);
    const extras = deps.summaryExtras?.([...mine, ...awaitingReview].map((d) => d.id)) ?? {};
    await client.views.publish({ user_id: event.user, view: buildHome({ mine, awaitingReview, extras }) });
  };
}
