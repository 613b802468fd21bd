import { type SQL, sql } from "drizzle-orm";
import type { FineTune } from "../engine/verdict.js";
import { DECISION_COLUMNS, type Decision, type DecisionRow, IS_SUPERSEDED, toDecision } from "./decisions.js";
import type { DecisionStatus } from "./schema.js";
import type { SqlClient } from "./sql-client.js";

/** What a list can be narrowed to: `list model:gpt-4o status:in-review verdict:yes channel:#x`, `search triage`. */
export interface DecisionFilter {
  channelId?: string | undefined;
  requesterId?: string | undefined;
  /** Part of the production model's id, any case. */
  model?: string | undefined;
  /** A review status; `superseded` for decisions a newer one revises (the other statuses leave those out). */
  status?: DecisionStatus | "superseded" | undefined;
  verdict?: FineTune | undefined;
  /** Words that must all appear in the title or the production model, any case. */
  text?: string | undefined;
}

/** Who is looking: they see the decisions of these channels (the ones they are in), and their own. */
export interface Viewer {
  userId: string;
  channelIds: readonly string[];
}

export interface DecisionListQuery {
  teamId: string;
  viewer: Viewer;
  filter?: DecisionFilter;
  /** Keyset paging: only decisions numbered below this (older ones: numbers grow with time in a workspace). */
  beforeNumber?: number | undefined;
  limit: number;
}

export interface DecisionPage {
  decisions: Decision[];
  /** Whether older decisions match too (the id to continue before is the last one shown). */
  more: boolean;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterConditions(filter: DecisionFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.channelId) where.push(sql`d.channel_id = ${filter.channelId}`);
  if (filter.requesterId) where.push(sql`d.requester_id = ${filter.requesterId}`);
  if (filter.model) where.push(sql`lower(d.base_model) like ${containing(filter.model)} escape '\\'`);
  if (filter.verdict) where.push(sql`d.fine_tune = ${filter.verdict}`);
  if (filter.status === "superseded") where.push(IS_SUPERSEDED);
  else if (filter.status) where.push(sql`d.status = ${filter.status} and not ${IS_SUPERSEDED}`);
  for (const word of (filter.text ?? "").split(/\s+/).filter(Boolean)) {
    const pattern = containing(word);
    where.push(sql`(lower(d.title) like ${pattern} escape '\\' or lower(d.base_model) like ${pattern} escape '\\')`);
  }
  return where;
}

function visibleTo(viewer: Viewer): SQL {
  if (viewer.channelIds.length === 0) return sql`d.requester_id = ${viewer.userId}`;
  return sql`(d.requester_id = ${viewer.userId} or d.channel_id in (${list(viewer.channelIds)}))`;
}

/**
 * Newest first by number, so a page walks the (team, number) index backwards and stops once it has enough rows
 * (ordered by id, it sorted every decision of the workspace: 0.8 s at 100,000).
 */
async function page(db: SqlClient, where: SQL[], beforeNumber: number | undefined, limit: number): Promise<DecisionPage> {
  const conditions = [...where, ...(beforeNumber ? [sql`d.number < ${beforeNumber}`] : [])];
  const rows = await db.all<DecisionRow>(sql`
    select ${DECISION_COLUMNS} from decisions d where ${sql.join(conditions, sql` and `)}
    order by d.number desc limit ${limit + 1}`);
  return { decisions: rows.slice(0, limit).map(toDecision), more: rows.length > limit };
}

/** The decisions of a workspace a viewer may see, newest first, narrowed by the filter, a page at a time. */
export async function listDecisions(db: SqlClient, query: DecisionListQuery): Promise<DecisionPage> {
  const where = [sql`d.team_id = ${query.teamId}`, visibleTo(query.viewer), ...filterConditions(query.filter ?? {})];
  return page(db, where, query.beforeNumber, query.limit);
}

/** In-review decisions of others, posted, not superseded, that this viewer may see and has not approved yet. */
export async function listAwaitingReview(
  db: SqlClient,
  teamId: string,
  viewer: Viewer,
  options: { beforeNumber?: number | undefined; limit: number },
): Promise<DecisionPage> {
  const where = [
    sql`d.team_id = ${teamId}`,
    sql`d.status = 'in-review' and d.message_ts is not null and not ${IS_SUPERSEDED}`,
    sql`d.requester_id <> ${viewer.userId}`,
    visibleTo(viewer),
    sql`not exists (select 1 from reviews r where r.decision_id = d.id and r.reviewer_id = ${viewer.userId} and r.kind = 'approve')`,
  ];
  return page(db, where, options.beforeNumber, options.limit);
}

/** The channels a workspace's decisions live in: what a viewer's membership is checked against. */
export async function decisionChannels(db: SqlClient, teamId: string): Promise<string[]> {
  const rows = await db.all<{ channel_id: string }>(sql`select distinct channel_id from decisions where team_id = ${teamId}`);
  return rows.map((r) => r.channel_id);
}
