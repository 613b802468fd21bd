DROP INDEX `decisions_unposted`;--> statement-breakpoint
ALTER TABLE `decisions` ADD `post_attempted_at` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `reply_attempted_at` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `status_revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `announced_status_revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `status_attempted_revision` integer;--> statement-breakpoint
ALTER TABLE `decisions` ADD `message_revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `rendered_revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `outbox` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `decisions_outbox` ON `decisions` (`outbox`);