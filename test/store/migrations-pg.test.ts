import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { insertDecision } from "../../src/store/decisions.js";
import { postgresClient } from "../../src/store/postgres-client.js";
import { validAnswers } from "../support/answers.js";
import { pgliteAsPool } from "../support/pglite.js";

const MIGRATIONS = join(process.cwd(), "db/migrations-pg");
let dir: string;
let pglite: PGlite | undefined;
afterEach(async () => {
  await pglite?.close();
  pglite = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The PostgreSQL migrations up to (not including) the first whose name contains `before`, in a folder of their own. */
function migrationsBefore(before: string): string {
  const old = join(dir, "old-migrations");
  mkdirSync(join(old, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.includes(before));
  const kept = journal.entries.slice(0, cut);
  for (const e of kept) cpSync(join(MIGRATIONS, `${e.tag}.sql`), join(old, `${e.tag}.sql`));
  writeFileSync(join(old, "meta/_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  return old;
}

describe("upgrading a PostgreSQL database to decision numbers per workspace", () => {
  it("numbers the decisions of each workspace in the order they were made, and new ones continue from there", async () => {
    dir = mkdtempSync(join(tmpdir(), "swf-migrate-pg-"));
    pglite = new PGlite();
    await migrate(drizzle({ client: pglite }), { migrationsFolder: migrationsBefore("reviews_numbers_reminders") });
    const answers = JSON.stringify(validAnswers());
    const verdict = JSON.stringify(decide(validAnswers()));
    for (const [i, team] of ["TA", "TB", "TA", "TA", "TB"].entries()) {
      await pglite.query(
        `insert into decisions (team_id, channel_id, requester_id, title, base_model, answers, verdict, engine_version,
          fine_tune, submission_key, message_ts) values ($1, 'C1', 'U1', 't', 'm', $2, $3, 'e', 'yes', $4, $5)`,
        [team, answers, verdict, `k${i}`, i === 0 ? null : `${i}.1`],
      );
    }

    await migrate(drizzle({ client: pglite }), { migrationsFolder: MIGRATIONS });
    const { rows } = await pglite.query<{ team_id: string; number: number; review_opened_at: string | null }>(
      "select team_id, number, review_opened_at from decisions order by id",
    );
    expect(rows.map((r) => [r.team_id, r.number])).toEqual([
      ["TA", 1],
      ["TB", 1],
      ["TA", 2],
      ["TA", 3],
      ["TB", 2],
    ]);
    // Reviews already posted count their reminders from when they were made; one never posted has not opened.
    expect(rows.map((r) => r.review_opened_at !== null)).toEqual([false, true, true, true, true]);
    const db = postgresClient(pgliteAsPool(pglite));
    const { decision } = await insertDecision(db, {
      teamId: "TA",
      channelId: "C1",
      requesterId: "U1",
      answers: validAnswers(),
      verdict: decide(validAnswers()),
      decidedOn: "2026-12-01",
      submissionKey: "after-upgrade",
    });
    expect(decision.number).toBe(4);
  });
});
