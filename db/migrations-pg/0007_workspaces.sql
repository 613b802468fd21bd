CREATE TABLE "installations" (
	"key" text PRIMARY KEY NOT NULL,
	"team_id" text,
	"enterprise_id" text,
	"is_enterprise_install" integer DEFAULT 0 NOT NULL,
	"bot_token" text NOT NULL,
	"bot_user_id" text,
	"bot_id" text,
	"installation" text NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_settings" (
	"team_id" text PRIMARY KEY NOT NULL,
	"settings" text NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "enterprise_id" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "team_id" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "enterprise_id" text;--> statement-breakpoint
CREATE INDEX "installations_bot_token" ON "installations" USING btree ("bot_token");--> statement-breakpoint
CREATE INDEX "jobs_team" ON "jobs" USING btree ("team_id","status");