CREATE TABLE `drafts` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`session` text NOT NULL,
	`values` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
ALTER TABLE `decisions` ADD `unknown_answers` text DEFAULT '[]' NOT NULL;