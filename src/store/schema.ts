import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { REVIEW_STATUSES, type ReviewStatus } from "../engine/review-status.js";

// PostgreSQL has a twin of this schema (schema-pg.ts): add a table or column to both, then `npm run db:generate`.

const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

export const DECISION_STATUSES = REVIEW_STATUSES;
export type DecisionStatus = ReviewStatus;

/** One fine-tuning decision: the answers, the engine's verdict, and where it lives in Slack. */
export const decisions = sqliteTable(
  "decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id").notNull(),
    /** The Enterprise Grid organization of its workspace, when the app is installed org-wide: how its token is found. */
    enterpriseId: text("enterprise_id"),
    /**
     * What people call it: #1, #2, ... within its workspace (ids are global). Set on insert from decision_numbers;
     * nullable only because SQLite cannot add a NOT NULL column to a table that has rows.
     */
    number: integer("number"),
    channelId: text("channel_id").notNull(),
    requesterId: text("requester_id").notNull(),
    title: text("title").notNull(),
    baseModel: text("base_model").notNull(),
    answers: text("answers", { mode: "json" }).notNull(),
    verdict: text("verdict", { mode: "json" }).notNull(),
    engineVersion: text("engine_version").notNull(),
    fineTune: text("fine_tune").notNull(),
    status: text("status", { enum: DECISION_STATUSES }).notNull().default("in-review"),
    /** The verdict message; null until Slack accepted it. */
    messageTs: text("message_ts"),
    /** The thread the verdict lives in: the starting thread, or the verdict message itself. */
    threadTs: text("thread_ts"),
    /** The reasons-and-next-steps reply; null until posted. */
    replyTs: text("reply_ts"),
    /** The decision this one re-evaluates, if any. */
    parentId: integer("parent_id"),
    /** Identifies the view submission that created it, so a replayed submission stores nothing twice. */
    submissionKey: text("submission_key").notNull(),
    /** When the status last changed; null while it never has. */
    statusChangedAt: text("status_changed_at"),
    /** The verdict message's link (chat.getPermalink); null until fetched. */
    permalink: text("permalink"),
    /** When the verdict was posted and the review began: what reminders count from. */
    reviewOpenedAt: text("review_opened_at"),
    remindersSent: integer("reminders_sent").notNull().default(0),
    remindedAt: text("reminded_at"),
    /** The model a fine-tune would start from, when the answers name one other than the base model. */
    candidateModel: text("candidate_model"),
    /** The day the decision was made (`YYYY-MM-DD`): the watch announces only versions out on or after it. */
    decidedOn: text("decided_on"),
    /** The newer versions of its models already out that day, as the verdict names them (JSON `ModelsAlreadyOut`). */
    alreadyOut: text("already_out"),
    /** The watch has considered everything it found up to this `model_news.seq` for this decision. */
    watchSeq: integer("watch_seq").notNull().default(0),
    /** Answers paths the team answered "Don't know" (decided as the cautious answer; the verdict says what it cost). */
    unknownAnswers: text("unknown_answers").notNull().default("[]"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("decisions_submission_key").on(t.submissionKey),
    uniqueIndex("decisions_team_number").on(t.teamId, t.number),
    index("decisions_parent").on(t.parentId),
    // The channels a workspace's decisions are in (whose members a viewer is checked against), without a table scan.
    index("decisions_team_channel").on(t.teamId, t.channelId),
    index("decisions_channel_message").on(t.channelId, t.messageTs),
    index("decisions_requester").on(t.requesterId),
    index("decisions_base_model").on(t.baseModel),
    // Covers what a watch pass reads, so it never walks the rows' large JSON (overflow pages): 5x faster at 100k.
    index("decisions_watched").on(t.id, t.baseModel, t.candidateModel, t.decidedOn, t.watchSeq).where(sql`${t.threadTs} is not null`),
  ],
);

/** One row per reviewer and reaction, so removing one of two approval reactions keeps the approval. */
export const reviews = sqliteTable(
  "reviews",
  {
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id").notNull(),
    kind: text("kind", { enum: ["approve", "reject"] }).notNull(),
    reaction: text("reaction").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.reviewerId, t.kind, t.reaction] })],
);

/** The last decision number given out in each workspace. */
export const decisionNumbers = sqliteTable("decision_numbers", {
  teamId: text("team_id").primaryKey(),
  lastNumber: integer("last_number").notNull(),
});

/** Why a reviewer requested changes (one reason per reviewer and decision; a new one replaces it). */
export const reviewReasons = sqliteTable(
  "review_reasons",
  {
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id").notNull(),
    reason: text("reason").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.reviewerId] })],
);

/** Events API deliveries already handled (Slack retries with the same event_id). */
export const processedEvents = sqliteTable("processed_events", {
  eventId: text("event_id").primaryKey(),
  receivedAt: timestamps.createdAt,
});

export const NOTICE_KINDS = ["newer-version", "lifecycle"] as const;
/**
 * `announced`: waiting for the team; `re-evaluated`: a newer decision took it up; `ignored` stays quiet; `snoozed` is
 * told again once its date has passed.
 */
export const NOTICE_STATES = ["announced", "ignored", "snoozed", "re-evaluated"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type NoticeState = (typeof NOTICE_STATES)[number];

/**
 * One row per notice the watch posted (or queued): the decision, which of its models, what it told, and what was
 * done with it. Grows with notices, not with decisions or versions (docs/model-watch.md#what-the-watch-stores).
 */
export const watchNotices = sqliteTable(
  "watch_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    /** The decision's model it is about (its production model or the model to fine-tune), as recorded. */
    modelId: text("model_id").notNull(),
    kind: text("kind", { enum: NOTICE_KINDS }).notNull(),
    /** What it tells, JSON `NoticeContent`: the newer versions, or the lifecycle. */
    content: text("content").notNull(),
    state: text("state", { enum: NOTICE_STATES }).notNull().default("announced"),
    snoozedUntil: text("snoozed_until"),
    /** Who used one of its buttons, and the re-evaluation that followed. */
    actedBy: text("acted_by"),
    followUpId: integer("follow_up_id"),
    /** The reply that told it; null until Slack accepted it. */
    messageTs: text("message_ts"),
    ...timestamps,
  },
  (t) => [
    index("watch_notices_decision").on(t.decisionId, t.modelId),
    index("watch_notices_message").on(t.messageTs),
    index("watch_notices_snoozed").on(t.snoozedUntil).where(sql`${t.state} = 'snoozed'`),
  ],
);

/**
 * What the watch found for each watched model, numbered in the order it found it: a newer version (by identity) or
 * a lifecycle status. A decision's `watch_seq` says how far it has been told; rows grow with models, not decisions.
 */
export const modelNews = sqliteTable(
  "model_news",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    modelId: text("model_id").notNull(),
    itemKey: text("item_key").notNull(),
    foundAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("model_news_item").on(t.modelId, t.itemKey)],
);

/** The day the watch first saw a catalog id that has no release date (lower-cased): its news day. */
export const catalogFirstSeen = sqliteTable("catalog_first_seen", {
  catalogId: text("catalog_id").primaryKey(),
  firstSeen: text("first_seen").notNull(),
});

export const JOB_STATUSES = ["pending", "running", "waiting", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Every Slack write, as a row committed with the change that caused it; a worker posts each once (docs/delivery.md).
 * `waiting`: parked until something outside changes (the bot is invited to a private channel).
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    decisionId: integer("decision_id").references(() => decisions.id, { onDelete: "cascade" }),
    /** The workspace (and organization) it posts to: whose token it uses (docs/workspaces.md). */
    teamId: text("team_id"),
    enterpriseId: text("enterprise_id"),
    /** Unique; it also travels in the post's message metadata, so a post whose answer was lost can be found. */
    idempotencyKey: text("idempotency_key").notNull(),
    payload: text("payload").notNull().default("{}"),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    claimOwner: text("claim_owner"),
    claimExpiresAt: text("claim_expires_at"),
    /** 1 when an earlier attempt may have reached Slack: the next one looks for it before posting again. */
    maybeSent: integer("maybe_sent").notNull().default(0),
    lastError: text("last_error"),
    /** The ts of the message the job posted. */
    slackTs: text("slack_ts"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("jobs_idempotency_key").on(t.idempotencyKey),
    index("jobs_due").on(t.status, t.nextAttemptAt),
    index("jobs_decision").on(t.decisionId, t.id),
    index("jobs_team").on(t.teamId, t.status),
    // Coalescing: at most one pending update of a verdict message, and one pending status reply, per decision.
    uniqueIndex("jobs_coalesced")
      .on(t.decisionId, t.kind)
      .where(sql`${t.status} = 'pending' and ${t.kind} in ('update-verdict', 'post-status')`),
  ],
);

/** Who runs the scheduled background work (the watch pass; on SQLite the job worker too) on this database, until when. */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: text("expires_at").notNull(),
});

/** A questionnaire its user has not submitted yet, offered back the next time they start one. */
export const drafts = sqliteTable(
  "drafts",
  {
    teamId: text("team_id").notNull(),
    userId: text("user_id").notNull(),
    /** The decision this draft revises or re-evaluates; 0 for a new decision. A revision's draft is kept apart. */
    revises: integer("revises").notNull().default(0),
    /** The questionnaire the values come from (its first view's id), so two open at once do not mix. */
    session: text("session").notNull(),
    /** The form's values by field path. */
    values: text("values").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId, t.revises] })],
);

/**
 * The app's installations in OAuth mode: one per workspace, or one per organization for an org-wide install
 * (`key` is `team:T…` or `enterprise:E…`). `installation` is what Slack's OAuth flow returned (JSON), tokens included.
 */
export const installations = sqliteTable(
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

/** A workspace's own review settings (JSON `WorkspaceSettings`), set from App Home by its admins; unset ones follow the environment. */
export const workspaceSettings = sqliteTable("workspace_settings", {
  teamId: text("team_id").primaryKey(),
  settings: text("settings").notNull(),
  updatedBy: text("updated_by").notNull(),
  ...timestamps,
});
