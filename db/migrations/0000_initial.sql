CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`requester_id` text NOT NULL,
	`title` text NOT NULL,
	`base_model` text NOT NULL,
	`answers` text NOT NULL,
	`verdict` text NOT NULL,
	`engine_version` text NOT NULL,
	`fine_tune` text NOT NULL,
	`status` text DEFAULT 'in-review' NOT NULL,
	`message_ts` text,
	`thread_ts` text,
	`reply_ts` text,
	`parent_id` integer,
	`submission_key` text NOT NULL,
	`last_post_error` text,
	`posted_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_submission_key` ON `decisions` (`submission_key`);--> statement-breakpoint
CREATE INDEX `decisions_channel_message` ON `decisions` (`channel_id`,`message_ts`);--> statement-breakpoint
CREATE INDEX `decisions_unposted` ON `decisions` (`posted_at`);--> statement-breakpoint
CREATE INDEX `decisions_requester` ON `decisions` (`requester_id`);--> statement-breakpoint
CREATE INDEX `decisions_base_model` ON `decisions` (`base_model`);--> statement-breakpoint
CREATE TABLE `model_notices` (
	`decision_id` integer NOT NULL,
	`model_id` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`release_date` text,
	`snoozed_until` text,
	`message_ts` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`decision_id`, `model_id`, `kind`),
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reviews` (
	`decision_id` integer NOT NULL,
	`reviewer_id` text NOT NULL,
	`kind` text NOT NULL,
	`reaction` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`decision_id`, `reviewer_id`, `kind`, `reaction`),
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE cascade
);
