CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`decision_id` integer,
	`idempotency_key` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claim_owner` text,
	`claim_expires_at` text,
	`maybe_sent` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`slack_ts` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency_key` ON `jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_due` ON `jobs` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `jobs_decision` ON `jobs` (`decision_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_coalesced` ON `jobs` (`decision_id`,`kind`) WHERE "jobs"."status" = 'pending' and "jobs"."kind" in ('update-verdict', 'post-status');--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `decisions` ADD `status_changed_at` text;