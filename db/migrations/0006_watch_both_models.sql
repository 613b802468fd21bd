CREATE TABLE `catalog_first_seen` (
	`catalog_id` text PRIMARY KEY NOT NULL,
	`first_seen` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `model_news` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model_id` text NOT NULL,
	`item_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `model_news_item` ON `model_news` (`model_id`,`item_key`);--> statement-breakpoint
CREATE TABLE `watch_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`decision_id` integer NOT NULL,
	`model_id` text NOT NULL,
	`kind` text NOT NULL,
	`content` text NOT NULL,
	`state` text DEFAULT 'announced' NOT NULL,
	`snoozed_until` text,
	`acted_by` text,
	`follow_up_id` integer,
	`message_ts` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `watch_notices_decision` ON `watch_notices` (`decision_id`,`model_id`);--> statement-breakpoint
CREATE INDEX `watch_notices_message` ON `watch_notices` (`message_ts`);--> statement-breakpoint
CREATE INDEX `watch_notices_snoozed` ON `watch_notices` (`snoozed_until`) WHERE "watch_notices"."state" = 'snoozed';--> statement-breakpoint
DROP INDEX `decisions_watch`;--> statement-breakpoint
ALTER TABLE `decisions` ADD `candidate_model` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `decided_on` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `already_out` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `watch_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `decisions_watched` ON `decisions` (`id`,`base_model`,`candidate_model`,`decided_on`,`watch_seq`) WHERE "decisions"."thread_ts" is not null;