-- What the old outbox columns on `decisions` still owed Slack becomes job rows, before 0005 drops those columns.
-- Keys match what the app enqueues (src/store/job-keys.ts); an attempt that may have reached Slack is looked up first.
INSERT INTO `jobs` (`kind`, `decision_id`, `idempotency_key`, `status`, `next_attempt_at`, `maybe_sent`, `last_error`, `created_at`)
SELECT 'post-verdict', `id`, 'decision:' || `id` || ':verdict',
  CASE WHEN `last_post_error` LIKE 'not_in_channel%' THEN 'waiting' ELSE 'pending' END,
  strftime('%Y-%m-%dT%H:%M:%fZ','now'), `post_attempted_at` IS NOT NULL, `last_post_error`, `created_at`
FROM `decisions` WHERE `message_ts` IS NULL ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `jobs` (`kind`, `decision_id`, `idempotency_key`, `next_attempt_at`, `maybe_sent`, `created_at`)
SELECT 'post-reasons', `id`, 'decision:' || `id` || ':reasons', strftime('%Y-%m-%dT%H:%M:%fZ','now'),
  `reply_attempted_at` IS NOT NULL, `created_at`
FROM `decisions` WHERE `message_ts` IS NOT NULL AND `reply_ts` IS NULL ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `jobs` (`kind`, `decision_id`, `idempotency_key`, `next_attempt_at`, `maybe_sent`, `created_at`)
SELECT 'post-status', `id`, 'decision:' || `id` || ':status:' || `status_revision`, strftime('%Y-%m-%dT%H:%M:%fZ','now'),
  coalesce(`status_attempted_revision` = `status_revision`, 0), `created_at`
FROM `decisions` WHERE `message_ts` IS NOT NULL AND `announced_status_revision` < `status_revision` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `jobs` (`kind`, `decision_id`, `idempotency_key`, `next_attempt_at`, `created_at`)
SELECT 'update-verdict', `id`, 'decision:' || `id` || ':update:' || `message_revision`, strftime('%Y-%m-%dT%H:%M:%fZ','now'), `created_at`
FROM `decisions` WHERE `message_ts` IS NOT NULL AND `rendered_revision` < `message_revision` ORDER BY `id`;
