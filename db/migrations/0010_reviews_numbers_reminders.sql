CREATE TABLE `decision_numbers` (
	`team_id` text PRIMARY KEY NOT NULL,
	`last_number` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `review_reasons` (
	`decision_id` integer NOT NULL,
	`reviewer_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`decision_id`, `reviewer_id`),
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `decisions` ADD `number` integer;--> statement-breakpoint
ALTER TABLE `decisions` ADD `permalink` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `review_opened_at` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `reminders_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `decisions` ADD `reminded_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_team_number` ON `decisions` (`team_id`,`number`);--> statement-breakpoint
CREATE INDEX `decisions_parent` ON `decisions` (`parent_id`);--> statement-breakpoint
CREATE INDEX `decisions_team_channel` ON `decisions` (`team_id`,`channel_id`);