import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { type Later, laterOr } from "../after-ack.js";
import { publishHome, readHome, type SettingsHomeDeps } from "../home-view.js";
import { readHomePaging } from "../readers/read-paging.js";
import { UserId } from "../readers/read-slack-ids.js";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;
type PagingArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

export function handleHomeOpened(deps: SettingsHomeDeps & { later?: Later }) {
  return async ({ event, body, client, logger }: Args): Promise<void> => {
    const { team_id: teamId, enterprise_id: enterpriseId } = body as { team_id?: unknown; enterprise_id?: unknown };
    const user = UserId.safeParse(event.user);
    if (event.tab !== "home" || !user.success || typeof teamId !== "string") return;
    const content = await readHome(deps, { teamId, enterpriseId: text(enterpriseId) }, user.data);
    laterOr(deps.later, logger)("publishing App Home", () => publishHome(client, user.data, content));
  };
}

/** Newest / Older under an App Home section: the home is published again with that page. */
export function handleHomePaging(deps: SettingsHomeDeps & { later?: Later }) {
  return async ({ ack, action, body, client, logger }: PagingArgs): Promise<void> => {
    await ack();
    const paging = readHomePaging(action.value);
    const user = UserId.safeParse(body.user.id);
    const teamId = body.team?.id ?? body.user.team_id;
    if (!paging || !user.success || !teamId) return;
    const content = await readHome(deps, { teamId, enterpriseId: text(body.enterprise?.id) }, user.data, paging);
    laterOr(deps.later, logger)("publishing App Home", () => publishHome(client, user.data, content));
  };
}
