import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { SqlClient } from "../../store/sql-client.js";
import type { DecisionAccess } from "../decision-access.js";
import { listPage } from "../decision-lists.js";
import { readListPaging } from "../readers/read-paging.js";
import { UserId } from "../readers/read-slack-ids.js";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * "Older decisions" under a list: the next page replaces the list, for the person who pressed it and with what they
 * may see now (the button value says what to list, never what is shown).
 */
export function handleListOlder(deps: { db: SqlClient; access: DecisionAccess }) {
  return async ({ ack, action, body, respond }: Args): Promise<void> => {
    await ack();
    const paging = readListPaging(action.value);
    const user = UserId.safeParse(body.user.id);
    const teamId = body.team?.id ?? body.user.team_id;
    if (!paging || !user.success || !teamId) return;
    const viewer = await deps.access.viewer(teamId, user.data);
    const page = await listPage(deps.db, deps.access, { teamId, viewer, query: paging.query, before: paging.before });
    await respond({ response_type: "ephemeral", replace_original: true, ...page });
  };
}
