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

const DECISION_COLUMNS = `id, team_id as teamId, channel_id as channelId, requester_id as requesterId, title, base_model as baseModel,
  answers, verdict, engine_version as engineVersion, status, message_ts as messageTs, thread_ts as threadTs, reply_ts as replyTs,
  parent_id as parentId, status_changed_at as statusChangedAt, unknown_answers as unknownAnswers, created_at as createdAt,
  updated_at as updatedAt`;

type Row = Omit<Decision, "answers" | "verdict" | "unknownAnswers"> & { answers: string; verdict: string; unknownAnswers: string };
const toDecision = (row: Row): Decision => ({
  ...row,
  answers: JSON.parse(row.answers),
  verdict: JSON.parse(row.verdict),
  unknownAnswers: JSON.parse(row.unknownAnswers),
});

/** Every decision, oldest first. */
export function readDecisions(path: string): Decision[] {
  return readDb(path, (db) => (db.prepare(`select ${DECISION_COLUMNS} from decisions order by id`).all() as Row[]).map(toDecision));
}

export function readDecision(path: string, id: number): Decision | null {
  return readDb(path, (db) => {
    const row = db.prepare(`select ${DECISION_COLUMNS} from decisions where id = ?`).get(id) as Row | undefined;
    return row ? toDecision(row) : null;
  });
}

type JobRow = Omit<Job, "payload" | "maybeSent"> & { payload: string; maybeSent: number };

/** Every job, oldest first (optionally of one decision). */
export function readJobs(path: string, decisionId?: number): Job[] {
  return readDb(path, (db) => {
    const rows = db
      .prepare(
        `select id, kind, decision_id as decisionId, idempotency_key as idempotencyKey, payload, status, attempts,
           next_attempt_at as nextAttemptAt, claim_owner as claimOwner, claim_expires_at as claimExpiresAt, maybe_sent as maybeSent,
           last_error as lastError, slack_ts as slackTs, created_at as createdAt, updated_at as updatedAt
         from jobs ${decisionId === undefined ? "" : "where decision_id = ?"} order by id`,
      )
      .all(...(decisionId === undefined ? [] : [decisionId])) as JobRow[];
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload), maybeSent: r.maybeSent === 1 }));
  });
}
