CREATE TABLE "drafts" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"session" text NOT NULL,
	"values" text NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "drafts_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "unknown_answers" text DEFAULT '[]' NOT NULL;