import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { insertDecision } from "../../src/store/decisions.js";
import { claimNextJob, enqueueJob, finishJob, jobKey, listJobs, renewClaim, requeueWaiting } from "../../src/store/jobs.js";
import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";
import { STORE_DIALECTS } from "../support/store-dialects.js";

const open: SqlClient[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function fileDb(path: string) {
  const client = await openDb(path);
  open.push(client);
  return client;
}
async function decision(client: SqlClient, key: string, channelId = "C1") {
  const answers = validAnswers();
  return (
    await insertDecision(client, {
      teamId: "T1",
      channelId,
      requesterId: "U1",
      answers,
      verdict: decide(answers),
      decidedOn: "2026-11-24",
      submissionKey: key,
    })
  ).decision;
}

/** After the jobs the decisions queue (at the real now). */
const T0 = new Date(Date.now() + 60_000);
const later = (ms: number) => new Date(T0.getTime() + ms);
const TTL = 60_000;

describe.each(STORE_DIALECTS)("the job table ($name)", ({ open: openEmpty }) => {
  async function db() {
    const client = await openEmpty();
    open.push(client);
    return client;
  }

  it("stores a key once, and keeps one pending message update and one pending status reply per decision", async () => {
    const client = await db();
    const d = await decision(client, "a");
    expect(await enqueueJob(client, { kind: "post-reasons", decisionId: d.id, key: jobKey.reasons(d.id) })).toBe(true);
    expect(await enqueueJob(client, { kind: "post-reasons", decisionId: d.id, key: jobKey.reasons(d.id) })).toBe(false);
    for (let i = 0; i < 3; i++) await enqueueJob(client, { kind: "update-verdict", decisionId: d.id, key: jobKey.update(d.id) });
    for (let i = 0; i < 3; i++) await enqueueJob(client, { kind: "post-status", decisionId: d.id, key: jobKey.status(d.id) });
    const kinds = (await listJobs(client, { decisionId: d.id })).map((j) => j.kind);
    expect(kinds).toEqual(["post-verdict", "post-reasons", "update-verdict", "post-status"]);
  });

  it("runs a decision's jobs in order, one at a time, and other decisions' jobs beside them", async () => {
    const client = await db();
    const a = await decision(client, "a");
    const b = await decision(client, "b");
    await enqueueJob(client, { kind: "post-reasons", decisionId: a.id, key: jobKey.reasons(a.id) }, T0);
    await enqueueJob(client, { kind: "notify-user", decisionId: a.id, key: "note", payload: { userId: "U1", text: "hi" } }, T0);
    const first = await claimNextJob(client, "w1", later(1), TTL);
    const second = await claimNextJob(client, "w1", later(1), TTL);
    const third = await claimNextJob(client, "w1", later(1), TTL);
    expect([first?.kind, first?.decisionId]).toEqual(["post-verdict", a.id]);
    // a's reasons wait for a's verdict; b's verdict and a's note (apart from the thread's order) do not.
    expect([second?.kind, second?.decisionId]).toEqual(["post-verdict", b.id]);
    expect([third?.kind, third?.decisionId]).toEqual(["notify-user", a.id]);
    expect(await claimNextJob(client, "w1", later(1), TTL)).toBeNull();
    await client.transaction((tx) => finishJob(tx, first!, "w1", { status: "done", slackTs: "1.1" }));
    expect((await claimNextJob(client, "w1", later(2), TTL))?.kind).toBe("post-reasons");
  });

  it("marks the attempt when claiming, and says to look first when an earlier attempt may have reached Slack", async () => {
    const client = await db();
    await decision(client, "a");
    const claimed = (await claimNextJob(client, "w1", later(1), TTL))!;
    expect([claimed.attempts, claimed.lookFirst]).toEqual([1, false]);
    expect((await listJobs(client))[0]!.maybeSent).toBe(true);
    // A 500 after the post went out: maybe sent; the retry looks first.
    await client.transaction((tx) =>
      finishJob(tx, claimed, "w1", { status: "pending", nextAttemptAt: later(2), error: "http_500", maybeSent: true }),
    );
    expect(await claimNextJob(client, "w1", later(1), TTL)).toBeNull(); // not due yet
    const retry = (await claimNextJob(client, "w1", later(3), TTL))!;
    expect([retry.attempts, retry.lookFirst]).toEqual([2, true]);
    // A refusal Slack answered (rate limited): not sent; the next attempt posts without looking.
    await client.transaction((tx) =>
      finishJob(tx, retry, "w1", { status: "pending", nextAttemptAt: later(4), error: "ratelimited", maybeSent: false }),
    );
    expect((await claimNextJob(client, "w1", later(5), TTL))?.lookFirst).toBe(false);
  });

  it("lets another worker take a job whose claim expired (a crash), looking first, and the first can no longer end it", async () => {
    const client = await db();
    await decision(client, "a");
    const dead = (await claimNextJob(client, "crashed", later(0), TTL))!;
    expect(await claimNextJob(client, "w2", later(TTL - 1), TTL)).toBeNull();
    const taken = (await claimNextJob(client, "w2", later(TTL + 1), TTL))!;
    expect(taken.id).toBe(dead.id);
    expect(taken.lookFirst).toBe(true);
    expect(await renewClaim(client, dead, "crashed", later(TTL * 3))).toBe(false);
    expect(await client.transaction((tx) => finishJob(tx, dead, "crashed", { status: "done" }))).toBe(false);
    expect(await client.transaction((tx) => finishJob(tx, taken, "w2", { status: "done", slackTs: "9.9" }))).toBe(true);
    expect((await listJobs(client))[0]).toMatchObject({ status: "done", slackTs: "9.9", claimOwner: null });
  });

  it("parks jobs waiting for an invite until the bot joins their channel", async () => {
    const client = await db();
    const here = await decision(client, "a", "GPRIVATE");
    await decision(client, "b", "COTHER");
    const job = (await claimNextJob(client, "w1", later(1), TTL))!;
    expect(job.decisionId).toBe(here.id);
    await client.transaction((tx) => finishJob(tx, job, "w1", { status: "waiting", error: "not_in_channel", maybeSent: false }));
    expect((await claimNextJob(client, "w1", later(2), TTL))?.decisionId).not.toBe(here.id);
    expect(await claimNextJob(client, "w1", later(2), TTL)).toBeNull();
    expect(await requeueWaiting(client, "COTHER", later(3))).toBe(0);
    expect(await requeueWaiting(client, "GPRIVATE", later(3))).toBe(1);
    expect((await claimNextJob(client, "w1", later(4), TTL))?.decisionId).toBe(here.id);
  });
});

describe("the job table on a SQLite file", () => {
  // Two connections in one process: every statement runs to its end before the other connection's next one, so the
  // select and the compare-and-swap of claims interleave freely. (A transaction held across awaits on one connection
  // would block the other synchronously; two processes, each with its own connection, are tested in
  // test/integration/two-processes.test.ts; PostgreSQL in test/postgres/.)
  it("never gives one job to two workers, across two connections to one file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "swf-jobs-"));
    dirs.push(dir);
    const path = join(dir, "jobs.db");
    const one = await fileDb(path);
    const two = await fileDb(path);
    for (let i = 0; i < 40; i++) await decision(one, `d${i}`);
    const claimedBy = new Map<number, string>();
    const work = async (client: SqlClient, owner: string) => {
      for (;;) {
        const job = await claimNextJob(client, owner, later(1), TTL);
        if (!job) return;
        expect(claimedBy.has(job.id), `job ${job.id} claimed twice`).toBe(false);
        claimedBy.set(job.id, owner);
        await finishJob(client, job, owner, { status: "done" });
      }
    };
    await Promise.all([work(one, "w1"), work(two, "w2"), work(one, "w3"), work(two, "w4")]);
    expect(claimedBy.size).toBe(40);
    expect(new Set(claimedBy.values()).size).toBeGreaterThan(1);
  });
});
