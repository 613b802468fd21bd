-- Decisions stored before numbers were per workspace get #1, #2, ... in each workspace, in the order they were made,
-- and each workspace's counter continues after its highest number.
UPDATE "decisions" SET "number" = "ranked"."n"
FROM (SELECT "id", row_number() OVER (PARTITION BY "team_id" ORDER BY "id") AS "n" FROM "decisions") AS "ranked"
WHERE "ranked"."id" = "decisions"."id" AND "decisions"."number" IS NULL;
--> statement-breakpoint
INSERT INTO "decision_numbers" ("team_id", "last_number")
SELECT "team_id", max("number") FROM "decisions" GROUP BY "team_id";
--> statement-breakpoint
-- Reviews already open count their reminders from when the decision was made.
UPDATE "decisions" SET "review_opened_at" = "created_at" WHERE "message_ts" IS NOT NULL AND "review_opened_at" IS NULL;
