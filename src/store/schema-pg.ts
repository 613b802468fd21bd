import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { DECISION_STATUSES, JOB_STATUSES, NOTICE_KINDS, NOTICE_STATES } from "./schema.js";

// The PostgreSQL twin of schema.ts: the same tables, columns, nullability and indexes (test/store/schema-drift.test.ts
// fails when they drift), so one SQL text serves both databases. Hence the same column types as SQLite's: ISO-8601
// timestamps as text (one fixed shape, so text order is time order), JSON as text, integers for booleans. Ids are
// bigint, as SQLite's integers are 64-bit; the client hands them back as numbers (docs/delivery.md).

const isoNow = sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
const timestamps = {
  createdAt: text("created_at").notNull().default(isoNow),
  updatedAt: text("updated_at").notNull().default(isoNow),
};
const id = () => bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity();
const decisionId = () => bigint("decision_id", { mode: "number" });

export const decisions = pgTable(
  "decisions",
  {
    id: id(),
    teamId: text("team_id").notNull(),
    enterpriseId: text("enterprise_id"),
    number: integer("number"),
    channelId: text("channel_id").notNull(),
    requesterId: text("requester_id").notNull(),
    title: text("title").notNull(),
    baseModel: text("base_model").notNull(),
    answers: text("answers").notNull(),
    verdict: text("verdict").notNull(),
    engineVersion: text("engine_version").notNull(),
    fineTune: text("fine_tune").notNull(),
    status: text("status", { enum: DECISION_STATUSES }).notNull().default("in-review"),
    messageTs: text("message_ts"),
    threadTs: text("thread_ts"),
    replyTs: text("reply_ts"),
    parentId: bigint("parent_id", { mode: "number" }),
    submissionKey: text("submission_key").notNull(),
    statusChangedAt: text("status_changed_at"),
    permalink: text("permalink"),
    reviewOpenedAt: text("review_opened_at"),
    remindersSent: integer("reminders_sent").notNull().default(0),
    remindedAt: text("reminded_at"),
    candidateModel: text("candidate_model"),
    decidedOn: text("decided_on"),
    alreadyOut: text("already_out"),
    watchSeq: integer("watch_seq").notNull().default(0),
    unknownAnswers: text("unknown_answers").notNull().default("[]"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("decisions_submission_key").on(t.submissionKey),
    uniqueIndex("decisions_team_number").on(t.teamId, t.number),
    index("decisions_parent").on(t.parentId),
    index("decisions_team_channel").on(t.teamId, t.channelId),
    index("decisions_channel_message").on(t.channelId, t.messageTs),
    index("decisions_requester").on(t.requesterId),
    index("decisions_base_model").on(t.baseModel),
    index("decisions_watched").on(t.id, t.baseModel, t.candidateModel, t.decidedOn, t.watchSeq).where(sql`${t.threadTs} is not null`),
  ],
);

export const reviews = pgTable(
  "reviews",
  {
    decisionId: decisionId()
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id").notNull(),
    kind: text("kind", { enum: ["approve", "reject"] }).notNull(),
    reaction: text("reaction").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.reviewerId, t.kind, t.reaction] })],
);

export const decisionNumbers = pgTable("decision_numbers", {
  teamId: text("team_id").primaryKey(),
  lastNumber: integer("last_number").notNull(),
});

export const reviewReasons = pgTable(
  "review_reasons",
  {
    decisionId: decisionId()
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id").notNull(),
    reason: text("reason").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.reviewerId] })],
);

export const processedEvents = pgTable("processed_events", {
  eventId: text("event_id").primaryKey(),
  receivedAt: timestamps.createdAt,
});

export const watchNotices = pgTable(
  "watch_notices",
  {
    id: id(),
    decisionId: decisionId()
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    modelId: text("model_id").notNull(),
    kind: text("kind", { enum: NOTICE_KINDS }).notNull(),
    content: text("content").notNull(),
    state: text("state", { enum: NOTICE_STATES }).notNull().default("announced"),
    snoozedUntil: text("snoozed_until"),
    actedBy: text("acted_by"),
    followUpId: bigint("follow_up_id", { mode: "number" }),
    messageTs: text("message_ts"),
    ...timestamps,
  },
  (t) => [
    index("watch_notices_decision").on(t.decisionId, t.modelId),
    index("watch_notices_message").on(t.messageTs),
    index("watch_notices_snoozed").on(t.snoozedUntil).where(sql`${t.state} = 'snoozed'`),
  ],
);

export const modelNews = pgTable(
  "model_news",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    modelId: text("model_id").notNull(),
    itemKey: text("item_key").notNull(),
    foundAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("model_news_item").on(t.modelId, t.itemKey)],
);

export const catalogFirstSeen = pgTable("catalog_first_seen", {
  catalogId: text("catalog_id").primaryKey(),
  firstSeen: text("first_seen").notNull(),
});

export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    kind: text("kind").notNull(),
    decisionId: decisionId().references(() => decisions.id, { onDelete: "cascade" }),
    teamId: text("team_id"),
    enterpriseId: text("enterprise_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    payload: text("payload").notNull().default("{}"),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    claimOwner: text("claim_owner"),
    claimExpiresAt: text("claim_expires_at"),
    maybeSent: integer("maybe_sent").notNull().default(0),
    lastError: text("last_error"),
    slackTs: text("slack_ts"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("jobs_idempotency_key").on(t.idempotencyKey),
    index("jobs_due").on(t.status, t.nextAttemptAt),
    index("jobs_decision").on(t.decisionId, t.id),
    index("jobs_team").on(t.teamId, t.status),
    uniqueIndex("jobs_coalesced")
      .on(t.decisionId, t.kind)
      .where(sql`${t.status} = 'pending' and ${t.kind} in ('update-verdict', 'post-status')`),
  ],
);

export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: text("expires_at").notNull(),
});

export const drafts = pgTable(
  "drafts",
  {
    teamId: text("team_id").notNull(),
    userId: text("user_id").notNull(),
    revises: integer("revises").notNull().default(0),
    session: text("session").notNull(),
    values: text("values").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId, t.revises] })],
);

export const installations = pgTable(
  "installations",
  {
    key: text("key").primaryKey(),
    teamId: text("team_id"),
    enterpriseId: text("enterprise_id"),
    isEnterpriseInstall: integer("is_enterprise_install").notNull().default(0),
    botToken: text("bot_token").notNull(),
    botUserId: text("bot_user_id"),
    botId: text("bot_id"),
    installation: text("installation").notNull(),
    ...timestamps,
  },
  (t) => [index("installations_bot_token").on(t.botToken)],
);

export const workspaceSettings = pgTable("workspace_settings", {
  teamId: text("team_id").primaryKey(),
  settings: text("settings").notNull(),
  updatedBy: text("updated_by").notNull(),
  ...timestamps,
});
