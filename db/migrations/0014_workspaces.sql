CREATE TABLE `installations` (
	`key` text PRIMARY KEY NOT NULL,
	`team_id` text,
	`enterprise_id` text,
	`is_enterprise_install` integer DEFAULT 0 NOT NULL,
	`bot_token` text NOT NULL,
	`bot_user_id` text,
	`bot_id` text,
	`installation` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `installations_bot_token` ON `installations` (`bot_token`);--> statement-breakpoint
CREATE TABLE `workspace_settings` (
	`team_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `decisions` ADD `enterprise_id` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `team_id` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `enterprise_id` text;--> statement-breakpoint
CREATE INDEX `jobs_team` ON `jobs` (`team_id`,`status`);