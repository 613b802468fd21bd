DROP INDEX `decisions_outbox`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `last_post_error`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `posted_at`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `post_attempted_at`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `reply_attempted_at`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `status_revision`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `announced_status_revision`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `status_attempted_revision`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `message_revision`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `rendered_revision`;--> statement-breakpoint
ALTER TABLE `decisions` DROP COLUMN `outbox`;