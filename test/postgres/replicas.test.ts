// Two real app processes on one real PostgreSQL server, against the Slack emulator: what running several replicas
// promises. Every replica posts (each runs a job worker); the reconcile and the model watch run in one at a time.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { acquireLease } from "../../src/store/lease.js";
import { openPostgres } from "../../src/store/open-postgres.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { REPO_ROOT } from "../cli/run-cli.js";
import { SlackDriver } from "../emulator/slack-driver.js";
import { SlackEmulator, type StoredMessage } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { type AppProcess, startAppProcess } from "../support/app-process.js";
import { CatalogServer, modelsDevSlice } from "../support/catalog-server.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import { CHANNEL, REQUESTER, REVIEWERS, SIGNING_SECRET } from "../support/harness.js";
import { describePostgres, startThrowawayPostgres, type ThrowawayPostgres, waitUntil } from "./postgres-suite.js";

const run = promisify(execFile);

interface Replica {
  name: string;
  app: AppProcess;
  driver: SlackDriver;
}

interface DecisionRow {
  id: number;
  title: string;
  messageTs: string | null;
  replyTs: string | null;
  status: string;
}

describePostgres("several replicas on one PostgreSQL server", () => {
  let server: ThrowawayPostgres;
  let url: string;
  let emulator: SlackEmulator;
  let catalog: CatalogServer;
  let db: SqlClient;
  const running: AppProcess[] = [];

  beforeAll(async () => {
    server = await startThrowawayPostgres();
    url = await server.createDatabase("swf");
    emulator = await SlackEmulator.start();
    for (const id of [REQUESTER, ...REVIEWERS]) emulator.addUser({ id, name: id.toLowerCase() });
    emulator.addChannel({ id: CHANNEL, name: "ml-decisions", members: [emulator.botUserId, REQUESTER, ...REVIEWERS] });
    // Every decision is on gpt-4o-2024-08-06 (the answers' base model); the catalog knows one newer version.
    catalog = await CatalogServer.start(modelsDevSlice({ openai: ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20"] }));
  }, 180_000);
  afterAll(async () => {
    for (const app of running) await app.kill("SIGKILL");
    await db?.close();
    await catalog?.stop();
    await emulator?.stop();
    await server?.stop();
  });

  const password = () => new URL(url).password;
  const env = (databaseUrl: string) => ({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    PORT: "0",
    DATABASE_URL: databaseUrl,
    MODEL_SOURCES: "models.dev",
    MODELS_DEV_URL: catalog.url,
  });
  const boot = async (name: string): Promise<Replica> => {
    const app = await startAppProcess(env(url), 120_000);
    running.push(app);
    return { name, app, driver: new SlackDriver({ emulator, appUrl: `http://127.0.0.1:${app.port}`, signingSecret: SIGNING_SECRET }) };
  };

  const decisions = () =>
    db.all<DecisionRow>(sql`select id, title, message_ts as "messageTs", reply_ts as "replyTs", status from decisions order by id`);
  const unfinishedJobs = async () =>
    (await db.all<{ n: number }>(sql`select count(*) as n from jobs where status in ('pending', 'running', 'waiting')`))[0]!.n;
  /** Our posts, by the job key the app puts in their metadata (`decision:<id>:verdict`, ...). */
  const postsWithKey = (prefix: string): StoredMessage[] =>
    emulator
      .messagesIn(CHANNEL)
      .flatMap((m) => [m, ...emulator.threadReplies(CHANNEL, m.ts)])
      .filter((m) => ((m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? "").startsWith(prefix));

  it("stops start-up with one plain line when the server is unreachable, the password wrong or the database missing", async () => {
    const target = new URL(url);
    const closedPort = new URL(url);
    closedPort.port = String(server.port === 65535 ? 65534 : server.port + 1);
    const wrongPassword = new URL(url);
    wrongPassword.password = "not-the-password";
    const missing = new URL(url);
    missing.pathname = "/nope";
    const where = `127.0.0.1:${target.port}`;
    const cases = [
      [closedPort, `DATABASE_URL: nothing answers at 127.0.0.1:${closedPort.port} (connection refused); is PostgreSQL running there?`],
      [wrongPassword, `DATABASE_URL: PostgreSQL at ${where} refused the password of user "swf"`],
      [missing, `DATABASE_URL: there is no database "nope" at ${where}; create it first (createdb nope)`],
    ] as const;
    const failures = await Promise.all(
      cases.map(([databaseUrl]) =>
        run(process.execPath, ["--import", "tsx", "src/main.ts"], {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH ?? "", ...env(databaseUrl.href) },
        }).catch((error: { code: number; stdout: string; stderr: string }) => error),
      ),
    );
    for (const [i, [, line]] of cases.entries()) {
      expect(failures[i]).toMatchObject({ code: 1, stdout: "", stderr: `should-we-finetune cannot start:\n  ${line}\n` });
    }
    expect(JSON.stringify(failures)).not.toContain(password());
  });

  it("serve a burst split across them, one killed mid-way and restarted: everything posted once, approvals counted across, one notice per newer model", async () => {
    // The app's own migrations, then the lease held by a replica elsewhere: neither process here holds it, so every
    // post below comes from a replica that does not hold the lease.
    db = await openPostgres(url);
    const now = new Date();
    await acquireLease(db, "background", "a-replica-on-another-host", now, new Date(now.getTime() + 3_600_000));

    let [a, b] = await Promise.all([boot("A"), boot("B")]);
    for (const replica of [a!, b!]) {
      const output = replica.app.output();
      expect(output).toContain("PostgreSQL; posting to Slack with any other replica; another replica runs the scheduled work");
      // The URL is logged as configured, its password masked.
      expect(output).toContain(`"database":"postgres://swf:[REDACTED]@127.0.0.1:${server.port}/swf"`);
      expect(output).not.toContain(password());
    }

    // A burst of submissions, half through each process; A is killed while posts are in flight.
    const N = 16;
    const through = (i: number) => (i % 2 === 0 ? a! : b!);
    const title = (i: number) => `Burst ${i} via ${through(i).name}`;
    // Each questionnaire walked to its last step first; the burst is of last steps, the submissions that store.
    const views = [];
    for (let i = 0; i < N; i++) {
      const before = emulator.callsTo("views.open").length;
      await through(i).driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
      const first = await emulator.waitFor(
        () => emulator.callsTo("views.open").length > before && emulator.lastView(),
        30_000,
        "views.open",
      );
      views.push(await toLastStep({ driver: through(i).driver, emulator }, first, validAnswers({ title: title(i) }), REQUESTER));
    }
    emulator.setLatency(40);
    const submitted = views.map((view, i) =>
      through(i)
        .driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(validAnswers({ title: title(i) }), view.view) })
        .then((res) => ({ title: title(i), status: res.status }))
        .catch(() => ({ title: title(i), status: 0 })),
    );
    await emulator.waitFor(() => emulator.callsTo("chat.postMessage").length >= 4, 60_000, "the first posts");
    await a!.app.kill("SIGKILL");
    const acknowledged = (await Promise.all(submitted)).filter((s) => s.status === 200).map((s) => s.title);
    // The kill really landed mid-burst: something was unacknowledged or not yet posted.
    expect(acknowledged.length < N || (await decisions()).some((d) => !d.replyTs)).toBe(true);
    expect(acknowledged.filter((t) => t.endsWith("via B"))).toHaveLength(N / 2);
    emulator.setLatency(0);
    a = await boot("A");

    const posted = await waitUntil(async () => {
      const all = await decisions();
      return all.every((d) => d.replyTs) && (await unfinishedJobs()) === 0 ? all : undefined;
    }, "every stored decision posted");
    for (const t of acknowledged) expect(posted.filter((d) => d.title === t)).toHaveLength(1);
    expect(new Set(posted.map((d) => d.title)).size).toBe(posted.length);

    // Two approvals each, at once: the first through the process the decision did not come through, the second through
    // the one it did.
    const received = (d: DecisionRow) => (d.title.endsWith("via A") ? a! : b!);
    const other = (d: DecisionRow) => (d.title.endsWith("via A") ? b! : a!);
    const react = (replica: Replica, userId: string, d: DecisionRow) =>
      replica.driver.sendReaction({ userId, reaction: "white_check_mark", channelId: CHANNEL, messageTs: d.messageTs! });
    const answers = await Promise.all(posted.flatMap((d) => [react(other(d), REVIEWERS[0], d), react(received(d), REVIEWERS[1], d)]));
    expect(answers.every((res) => res.status === 200)).toBe(true);
    await waitUntil(
      async () => (await decisions()).every((d) => d.status === "approved") && (await unfinishedJobs()) === 0,
      "all approved and told",
    );
    for (const d of posted) {
      expect(postsWithKey(`decision:${d.id}:verdict`)).toHaveLength(1);
      expect(postsWithKey(`decision:${d.id}:reasons`)).toHaveLength(1);
      expect(postsWithKey(`decision:${d.id}:status:`)).toHaveLength(1);
      expect(postsWithKey(`decision:${d.id}:verdict`)[0]!.ts).toBe(d.messageTs);
    }
    expect(emulator.callsTo("chat.postMessage").filter((c) => (c.response as { ok: boolean }).ok)).toHaveLength(3 * posted.length);

    // The lease comes free: one replica takes it and runs the watch; then it is killed, and the other takes over and
    // runs its own pass, which finds nothing new to tell.
    // The decisions are dated before gpt-4o-2024-11-20 came out, so it is news to them (the watch tells only news).
    await db.run(sql`update decisions set decided_on = '2024-09-01'`);
    await db.run(sql`delete from leases where name = 'background'`);
    const leaderLine = /this replica runs the scheduled work now/;
    const first = await Promise.any([a!, b!].map((r) => r.app.waitForOutput(leaderLine).then(() => r)));
    const firstPass = await first.app.waitForOutput(/model watch: \d+ models, (\d+) notices queued, 0 failed/);
    expect(Number(firstPass[1])).toBe(posted.length);
    await waitUntil(async () => (await unfinishedJobs()) === 0, "the notices posted");
    const survivor = first === a ? b! : a!;
    expect(survivor.app.output()).not.toMatch(/model watch:/);
    await first.app.kill("SIGKILL");
    await survivor.app.waitForOutput(leaderLine);
    const secondPass = await survivor.app.waitForOutput(/model watch: \d+ models, (\d+) notices queued, 0 failed/);
    expect(Number(secondPass[1])).toBe(0);
    for (const d of posted) {
      const notices = postsWithKey(`decision:${d.id}:notice:`);
      expect(notices).toHaveLength(1);
      expect(JSON.stringify(notices[0]!.blocks)).toContain("gpt-4o-2024-11-20");
    }
  }, 360_000);
});
