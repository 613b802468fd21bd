PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_drafts` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`revises` integer DEFAULT 0 NOT NULL,
	`session` text NOT NULL,
	`values` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`, `revises`)
);
--> statement-breakpoint
INSERT INTO `__new_drafts`("team_id", "user_id", "revises", "session", "values", "created_at", "updated_at") SELECT "team_id", "user_id", "revises", "session", "values", "created_at", "updated_at" FROM `drafts`;--> statement-breakpoint
DROP TABLE `drafts`;--> statement-breakpoint
ALTER TABLE `__new_drafts` RENAME TO `drafts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;