// The store on a real PostgreSQL server, with real concurrency: several pools (as several replicas would have) migrating,
// claiming jobs and applying reviews at the same moment.
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { keepLease } from "../../src/delivery/lease-keeper.js";
import { decide } from "../../src/engine/decide.js";
import { insertDecision, recordVerdictPosted } from "../../src/store/decisions.js";
import { claimNextJob, finishJob, type JobKind, listJobs } from "../../src/store/jobs.js";
import { openPostgres } from "../../src/store/open-postgres.js";
import { applyReview } from "../../src/store/reviews.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";
import { describePostgres, startThrowawayPostgres, type ThrowawayPostgres } from "./postgres-suite.js";

describePostgres("the store on a real PostgreSQL server", () => {
  let server: ThrowawayPostgres;
  let url: string;
  const open: SqlClient[] = [];
  let databases = 0;

  beforeAll(async () => {
    server = await startThrowawayPostgres();
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    for (const db of open.splice(0)) await db.close();
    databases += 1;
    url = await server.createDatabase(`store_${databases}`);
  });
  afterAll(async () => {
    for (const db of open.splice(0)) await db.close();
  });

  /** A replica's own pool on the test's database. */
  const replica = async (poolSize = 4) => {
    const db = await openPostgres(url, { poolSize });
    open.push(db);
    return db;
  };
  const decision = async (db: SqlClient, key: string) => {
    const answers = validAnswers();
    return (
      await insertDecision(db, {
        teamId: "T1",
        channelId: "C1",
        requesterId: "U1",
        answers,
        verdict: decide(answers),
        submissionKey: key,
        decidedOn: "2026-11-24",
      })
    ).decision;
  };

  it("migrates once when three replicas start at the same moment", async () => {
    const [a] = await Promise.all([replica(), replica(), replica()]);
    const journal = JSON.parse(readFileSync("db/migrations-pg/meta/_journal.json", "utf8")) as { entries: unknown[] };
    const [applied] = await a!.all<{ n: number }>(sql`select count(*) as n from drizzle.__drizzle_migrations`);
    expect(applied?.n).toBe(journal.entries.length);
  });

  it("gives every job to exactly one of many workers in two replicas, and a decision's jobs in order", async () => {
    const [one, two] = await Promise.all([replica(), replica()]);
    const N = 40;
    for (let i = 0; i < N; i++) await decision(one!, `d${i}`);
    const claims: Array<{ id: number; kind: JobKind; decisionId: number | null; owner: string }> = [];
    const verdictDone = new Set<number>();
    const outOfOrder: number[] = [];
    const work = async (db: SqlClient, owner: string) => {
      for (;;) {
        const job = await claimNextJob(db, owner, new Date(Date.now() + 60_000), 60_000);
        if (!job) return;
        claims.push({ id: job.id, kind: job.kind, decisionId: job.decisionId, owner });
        if (job.kind === "post-reasons" && !verdictDone.has(job.decisionId!)) outOfOrder.push(job.decisionId!);
        await db.transaction(async (tx) => {
          await finishJob(tx, job, owner, { status: "done", slackTs: `${job.id}.1` });
          // The verdict's effect queues the reasons reply, as the real runner's does.
          if (job.kind === "post-verdict")
            await recordVerdictPosted(tx, job.decisionId!, {
              messageTs: `${job.id}.1`,
              threadTs: `${job.id}.1`,
              permalink: `https://example.slack.com/archives/C1/p${job.id}`,
            });
        });
        if (job.kind === "post-verdict") verdictDone.add(job.decisionId!);
      }
    };
    // Workers stop when they find nothing due; the reasons replies appear as verdicts finish, so run until all are done.
    while (claims.length < 2 * N) {
      await Promise.all([1, 2, 3, 4].flatMap((lane) => [work(one!, `one-${lane}`), work(two!, `two-${lane}`)]));
    }
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(claims).toHaveLength(2 * N);
    expect(outOfOrder).toEqual([]);
    expect((await listJobs(one!)).every((j) => j.status === "done" && j.attempts === 1)).toBe(true);
  });

  it("counts approvals given at the same moment through two replicas: approved once, announced once", async () => {
    const [one, two] = await Promise.all([replica(), replica()]);
    const N = 12;
    const decisions = [];
    for (let i = 0; i < N; i++) decisions.push(await decision(one!, `r${i}`));
    const reviewers = ["UALICE", "UBOB", "UCAROL"];
    const outcomes = await Promise.all(
      decisions.flatMap((d, i) =>
        reviewers.map((reviewerId, r) =>
          applyReview(
            (i + r) % 2 === 0 ? one! : two!,
            { decisionId: d.id, reviewerId, kind: "approve", reaction: "white_check_mark", added: true, eventId: `Ev${d.id}-${r}` },
            { requiredApprovals: 2 },
          ),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "approved")).toHaveLength(N);
    for (const d of decisions) {
      const [row] = await one!.all<{ status: string; reviews: number }>(
        sql`select status, (select count(*) from reviews where decision_id = ${d.id}) as reviews from decisions where id = ${d.id}`,
      );
      expect(row).toEqual({ status: "approved", reviews: 3 });
      expect((await listJobs(one!, { decisionId: d.id })).filter((j) => j.kind === "post-status")).toHaveLength(1);
    }
  });

  it("stores a submission replayed to two replicas at once as one decision", async () => {
    const [one, two] = await Promise.all([replica(), replica()]);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => decision(i % 2 ? one! : two!, "view:same")));
    expect(new Set(results.map((d) => d.id)).size).toBe(1);
    const [count] = await one!.all<{ n: number }>(sql`select count(*) as n from decisions`);
    expect(count?.n).toBe(1);
  });

  it("gives the lease to one replica of many", async () => {
    const pools = await Promise.all([replica(), replica(), replica()]);
    const log = { debug: () => undefined, warn: () => undefined, error: () => undefined };
    const keepers = await Promise.all(
      pools.map((db, i) =>
        keepLease({ db, name: "background", holder: `replica-${i}`, log, ttlMs: 60_000, onAcquired: () => {}, onLost: () => {} }),
      ),
    );
    try {
      expect(keepers.filter((k) => k.held)).toHaveLength(1);
    } finally {
      for (const k of keepers) await k.stop();
    }
  });
});
