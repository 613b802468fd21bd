import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { listAwaitingReview, listByRequester } from "../../store/decisions.js";
import type { SqlClient } from "../../store/sql-client.js";
import { type Later, laterOr } from "../after-ack.js";
import type { DecisionSummaryExtras } from "../builders/build-command-replies.js";
import { buildHome } from "../builders/build-home.js";
import { UserId } from "../readers/read-slack-ids.js";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

export function handleHomeOpened(deps: {
  db: SqlClient;
  summaryExtras?: (ids: number[]) => Promise<DecisionSummaryExtras>;
  later?: Later;
}) {
  return async ({ event, body, client, logger }: Args): Promise<void> => {
    const teamId = (body as { team_id?: unknown }).team_id;
    const user = UserId.safeParse(event.user);
    if (event.tab !== "home" || !user.success || typeof teamId !== "string") return;
    const mine = await listByRequester(deps.db, teamId, user.data);
    const awaitingReview = await listAwaitingReview(deps.db, teamId, user.data);
    const extras = (await deps.summaryExtras?.([...mine, ...awaitingReview].map((d) => d.id))) ?? {};
    const view = buildHome({ mine, awaitingReview, extras });
    laterOr(deps.later, logger)("publishing App Home", () => client.views.publish({ user_id: user.data, view }));
  };
}
