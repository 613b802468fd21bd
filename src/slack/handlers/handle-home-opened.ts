import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { type Later, laterOr } from "../after-ack.js";
import { type HomeDeps, publishHome, readHome } from "../home-view.js";
import { UserId } from "../readers/read-slack-ids.js";

type Args = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

export function handleHomeOpened(deps: HomeDeps & { later?: Later }) {
  return async ({ event, body, client, logger }: Args): Promise<void> => {
    const { team_id: teamId, enterprise_id: enterpriseId } = body as { team_id?: unknown; enterprise_id?: unknown };
    const user = UserId.safeParse(event.user);
    if (event.tab !== "home" || !user.success || typeof teamId !== "string") return;
    const content = await readHome(deps, { teamId, enterpriseId: typeof enterpriseId === "string" ? enterpriseId : null }, user.data);
    laterOr(deps.later, logger)("publishing App Home", () => publishHome(client, user.data, content));
  };
}
