import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { type Later, laterOr } from "../after-ack.js";
import { type HomeDeps, homeFor } from "../home.js";
import { readHomePaging } from "../readers/read-paging.js";
import { UserId } from "../readers/read-slack-ids.js";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;
type PagingArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function handleHomeOpened(deps: HomeDeps & { later?: Later }) {
  return async ({ event, body, client, logger }: Args): Promise<void> => {
    const teamId = (body as { team_id?: unknown }).team_id;
    const user = UserId.safeParse(event.user);
    if (event.tab !== "home" || !user.success || typeof teamId !== "string") return;
    const view = await homeFor(deps, teamId, user.data);
    laterOr(deps.later, logger)("publishing App Home", () => client.views.publish({ user_id: user.data, view }));
  };
}

/** Newest / Older under an App Home section: the home is published again with that page. */
export function handleHomePaging(deps: HomeDeps & { later?: Later }) {
  return async ({ ack, action, body, client, logger }: PagingArgs): Promise<void> => {
    await ack();
    const paging = readHomePaging(action.value);
    const user = UserId.safeParse(body.user.id);
    const teamId = body.team?.id ?? body.user.team_id;
    if (!paging || !user.success || !teamId) return;
    const view = await homeFor(deps, teamId, user.data, paging);
    laterOr(deps.later, logger)("publishing App Home", () => client.views.publish({ user_id: user.data, view }));
  };
}
