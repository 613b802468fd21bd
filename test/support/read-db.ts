import Database from "better-sqlite3";
import type { Decision } from "../../src/store/decisions.js";
import type { Job } from "../../src/store/jobs.js";

/** Reads the app's SQLite file through a fresh read-only connection, as another process would; synchronous for probes. */
export function readDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const DECISION_COLUMNS = `d.id, d.number, d.team_id as teamId, d.enterprise_id as enterpriseId, d.channel_id as channelId, d.requester_id as requesterId, d.title,
  d.base_model as baseModel, d.answers, d.verdict, d.engine_version as engineVersion, d.status, d.message_ts as messageTs,
  d.thread_ts as threadTs, d.reply_ts as replyTs, d.permalink, d.parent_id as parentId, d.status_changed_at as statusChangedAt,
  d.review_opened_at as reviewOpenedAt, d.unknown_answers as unknownAnswers, d.created_at as createdAt, d.updated_at as updatedAt,
  (select p.number from decisions p where p.id = d.parent_id) as parentNumber,
  (select c.id from decisions c where c.parent_id = d.id order by c.id desc limit 1) as supersededById,
  (select c.number from decisions c where c.parent_id = d.id order by c.id desc limit 1) as supersededByNumber`;

type Row = Omit<Decision, "answers" | "verdict" | "unknownAnswers" | "revises" | "supersededBy"> & {
  answers: string;
  verdict: string;
  unknownAnswers: string;
  parentNumber: number | null;
  supersededById: number | null;
  supersededByNumber: number | null;
};
const toDecision = ({ parentNumber, supersededById, supersededByNumber, ...row }: Row): Decision => ({
  ...row,
  answers: JSON.parse(row.answers),
  verdict: JSON.parse(row.verdict),
  unknownAnswers: JSON.parse(row.unknownAnswers),
  revises: row.parentId !== null && parentNumber !== null ? { id: row.parentId, number: parentNumber } : null,
  supersededBy: supersededById !== null && supersededByNumber !== null ? { id: supersededById, number: supersededByNumber } : null,
});

/** Every decision, oldest first. */
export function readDecisions(path: string): Decision[] {
  return readDb(path, (db) => (db.prepare(`select ${DECISION_COLUMNS} from decisions d order by d.id`).all() as Row[]).map(toDecision));
}

export function readDecision(path: string, id: number): Decision | null {
  return readDb(path, (db) => {
    const row = db.prepare(`select ${DECISION_COLUMNS} from decisions d where d.id = ?`).get(id) as Row | undefined;
    return row ? toDecision(row) : null;
  });
}

type JobRow = Omit<Job, "payload" | "maybeSent"> & { payload: string; maybeSent: number };

/** Every job, oldest first (optionally of one decision). */
export function readJobs(path: string, decisionId?: number): Job[] {
  return readDb(path, (db) => {
    const rows = db
      .prepare(
        `select id, kind, decision_id as decisionId, team_id as teamId, enterprise_id as enterpriseId, idempotency_key as idempotencyKey, payload, status, attempts,
           next_attempt_at as nextAttemptAt, claim_owner as claimOwner, claim_expires_at as claimExpiresAt, maybe_sent as maybeSent,
           last_error as lastError, slack_ts as slackTs, created_at as createdAt, updated_at as updatedAt
         from jobs ${decisionId === undefined ? "" : "where decision_id = ?"} order by id`,
      )
      .all(...(decisionId === undefined ? [] : [decisionId])) as JobRow[];
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload), maybeSent: r.maybeSent === 1 }));
  });
}
