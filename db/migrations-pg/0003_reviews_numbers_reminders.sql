CREATE TABLE "decision_numbers" (
	"team_id" text PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_reasons" (
	"decision_id" bigint NOT NULL,
	"reviewer_id" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	"updated_at" text DEFAULT (to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "review_reasons_decision_id_reviewer_id_pk" PRIMARY KEY("decision_id","reviewer_id")
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "number" integer;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "permalink" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "review_opened_at" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "reminders_sent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "reminded_at" text;--> statement-breakpoint
ALTER TABLE "review_reasons" ADD CONSTRAINT "review_reasons_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_team_number" ON "decisions" USING btree ("team_id","number");--> statement-breakpoint
CREATE INDEX "decisions_parent" ON "decisions" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "decisions_team_channel" ON "decisions" USING btree ("team_id","channel_id");