import { listDecisions, type Viewer } from "../store/decision-queries.js";
import type { SqlClient } from "../store/sql-client.js";
import type { SlackMessage } from "./builders/blocks.js";
import { buildDecisionList, LIST_PAGE_SIZE } from "./builders/build-decision-list.js";
import type { DecisionAccess } from "./decision-access.js";
import type { ListQuery } from "./readers/read-paging.js";

/** One page of a list for a viewer: only decisions they may see, newest first, numbered below `before` when given. */
export async function listPage(
  db: SqlClient,
  access: DecisionAccess,
  input: { teamId: string; viewer: Viewer; query: ListQuery; before?: number },
): Promise<SlackMessage> {
  const page = await listDecisions(db, {
    teamId: input.teamId,
    viewer: input.viewer,
    filter: input.query.filter,
    beforeNumber: input.before,
    limit: LIST_PAGE_SIZE,
  });
  return buildDecisionList(page, input.query, await access.extras(page.decisions), input.before !== undefined);
}
