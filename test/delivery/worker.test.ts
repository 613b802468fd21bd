import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorker, type JobFinished, type JobResult, jobsSettled, type Worker } from "../../src/delivery/worker.js";
import { type ClaimedJob, enqueueJob, listJobs } from "../../src/store/jobs.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

let db: SqlClient;
let worker: Worker | undefined;
const logged: string[] = [];
const log = { debug: () => undefined, warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

afterEach(async () => {
  await worker?.stop(1000);
  worker = undefined;
  process.off("unhandledRejection", onUnhandled);
  await db.close();
});

const note = (key: string) => enqueueJob(db, { kind: "notify-user", key, payload: { userId: "U1", text: key } });
const start = (perform: (job: ClaimedJob) => Promise<JobResult>, extra: { claimTtlMs?: number } = {}) => {
  worker = createWorker({
    db,
    owner: "test",
    log,
    runner: { perform: (job) => perform(job) },
    pollMs: 20,
    backoff: { baseMs: 10, capMs: 40 },
    ...extra,
  });
  worker.start();
  return worker;
};
const finished = (w: Worker, count: number) =>
  new Promise<JobFinished[]>((resolve) => {
    const seen: JobFinished[] = [];
    w.events.on("finished", (f: JobFinished) => {
      seen.push(f);
      if (seen.length === count) resolve(seen);
    });
  });

/** Makes the database refuse writes (or take them again), as a full disk or a read-only file would. */
const readOnly = (on: boolean) =>
  db.dialect === "sqlite"
    ? sql.raw(`pragma query_only = ${on ? 1 : 0}`)
    : sql.raw(`set default_transaction_read_only = ${on ? "on" : "off"}`);

describe.each(STORE_DIALECTS)("the job worker ($name)", ({ open }) => {
  beforeEach(async () => {
    db = await open();
    logged.length = 0;
    unhandled.length = 0;
    process.on("unhandledRejection", onUnhandled);
  });

  it("retries a transient failure with backoff until it succeeds, looking first once an attempt may have been sent", async () => {
    await note("n1");
    const attempts: Array<[number, boolean]> = [];
    const w = start(async (job) => {
      attempts.push([job.attempts, job.lookFirst]);
      return job.attempts < 3 ? { outcome: "retry", error: "http_500", maybeSent: true } : { outcome: "done", slackTs: "1.1" };
    });
    await jobsSettled(db, w.events, 20);
    expect(attempts).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
    expect((await listJobs(db))[0]).toMatchObject({ status: "done", attempts: 3, slackTs: "1.1", lastError: null });
  });

  it("fails a job for good, with its effects in the same transaction, and gives up on one that never stops failing", async () => {
    await note("refused");
    await note("flaky");
    worker = createWorker({
      db,
      owner: "test",
      log,
      pollMs: 20,
      backoff: { baseMs: 5, capMs: 10 },
      maxAttempts: 3,
      runner: {
        perform: async (job) =>
          job.idempotencyKey !== "refused" && job.idempotencyKey !== "flaky"
            ? { outcome: "done" }
            : job.idempotencyKey === "refused"
              ? {
                  outcome: "failed",
                  error: "is_archived",
                  effects: async (tx) => void (await enqueueJob(tx, { kind: "notify-user", key: `told about ${job.id}`, payload: {} })),
                }
              : { outcome: "retry", error: "http_503", maybeSent: false },
        gaveUp: (job) => async (tx) => void (await enqueueJob(tx, { kind: "notify-user", key: `gave up on ${job.id}`, payload: {} })),
      },
    });
    worker.start();
    await jobsSettled(db, worker.events, 20);
    const jobs = await listJobs(db);
    expect(jobs.find((j) => j.idempotencyKey === "refused")).toMatchObject({ status: "failed", lastError: "is_archived" });
    expect(jobs.find((j) => j.idempotencyKey === "flaky")).toMatchObject({ status: "failed", attempts: 3 });
    expect(jobs.find((j) => j.idempotencyKey === "flaky")?.lastError).toMatch(/^gave up after 3 attempts: http_503/);
    expect(jobs.map((j) => j.idempotencyKey)).toEqual(expect.arrayContaining(["told about 1", "gave up on 2"]));
  });

  it("survives a database write error while ending a job: logged, and the job is taken again (looking first) once writes work", async () => {
    await note("n1");
    let calls = 0;
    const w = start(
      async (job) => {
        calls += 1;
        if (calls === 1) await db.run(readOnly(true));
        return { outcome: "done", slackTs: `ts-${job.attempts}-${job.lookFirst}` };
      },
      { claimTtlMs: 200 },
    );
    const [first] = await finished(w, 1);
    expect(first?.result).toBe("not-recorded");
    expect(logged.join("\n")).toMatch(/could not record its end .*read-?only/i);
    expect((await listJobs(db))[0]?.status).toBe("running");
    await db.run(readOnly(false));
    await jobsSettled(db, w.events, 20);
    expect((await listJobs(db))[0]).toMatchObject({ status: "done", slackTs: "ts-2-true" });
    expect(unhandled).toEqual([]);
  });

  it("two workers without any lease never run one job twice: the claims alone keep them apart", async () => {
    for (let i = 0; i < 30; i++) await note(`n${i}`);
    const performed = new Map<number, number>();
    const runner = {
      perform: async (job: ClaimedJob): Promise<JobResult> => {
        performed.set(job.id, (performed.get(job.id) ?? 0) + 1);
        await new Promise((r) => setImmediate(r));
        return { outcome: "done" };
      },
    };
    const one = createWorker({ db, owner: "one", log, runner, pollMs: 20 });
    const two = createWorker({ db, owner: "two", log, runner, pollMs: 20 });
    one.start();
    two.start();
    await jobsSettled(db, one.events, 20);
    await Promise.all([one.stop(1000), two.stop(1000)]);
    expect(performed.size).toBe(30);
    expect([...performed.values()].every((n) => n === 1)).toBe(true);
  });

  // Without the grace period, stop() would wait for the hung jobs and the test would time out.
  it("stop() returns after its grace period even when jobs never end", async () => {
    await note("hangs");
    await note("never started");
    let started = 0;
    const w = start(async () => {
      started += 1;
      return new Promise<JobResult>(() => undefined);
    });
    await new Promise<void>((resolve) => w.events.once("idle", resolve));
    await w.stop(300);
    expect(started).toBe(2);
    expect(w.running).toBe(false);
  });
});
