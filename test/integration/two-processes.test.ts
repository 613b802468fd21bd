// Two app processes on one database file, as in an overlapping deploy: both serve Slack, one (the lease holder) posts.
// A burst of submissions and reviews split across them is posted exactly once, and when the holder stops, the other
// takes over the posting.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackDriver } from "../emulator/slack-driver.js";
import { SlackEmulator, type StoredMessage } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { type AppProcess, startAppProcess } from "../support/app-process.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import { CHANNEL, REQUESTER, REVIEWERS, SIGNING_SECRET } from "../support/harness.js";
import { readDecisions, readJobs } from "../support/read-db.js";

let emulator: SlackEmulator;
let dir: string;
const apps: AppProcess[] = [];

beforeEach(async () => {
  emulator = await SlackEmulator.start();
  for (const id of [REQUESTER, ...REVIEWERS]) emulator.addUser({ id, name: id.toLowerCase() });
  emulator.addChannel({ id: CHANNEL, name: "ml-decisions", members: [emulator.botUserId, REQUESTER, ...REVIEWERS] });
  dir = mkdtempSync(join(tmpdir(), "swf-two-"));
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.kill("SIGKILL");
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function boot(): Promise<{ app: AppProcess; driver: SlackDriver }> {
  const app = await startAppProcess({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    PORT: "0",
    DATABASE_PATH: join(dir, "app.db"),
    MODEL_SOURCES: "bundled",
  });
  apps.push(app);
  return { app, driver: new SlackDriver({ emulator, appUrl: `http://127.0.0.1:${app.port}`, signingSecret: SIGNING_SECRET }) };
}

const dbPath = () => join(dir, "app.db");
/** Every job has run: nothing pending or running, in either process. */
const allJobsRun = () => readJobs(dbPath()).every((j) => j.status === "done");

function postsWithKey(prefix: string): StoredMessage[] {
  const all = emulator.messagesIn(CHANNEL).flatMap((m) => [m, ...emulator.threadReplies(CHANNEL, m.ts)]);
  return all.filter((m) => ((m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? "").startsWith(prefix));
}

async function submitVia(driver: SlackDriver, title: string) {
  const before = emulator.callsTo("views.open").length;
  await driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
  const first = await emulator.waitFor(() => emulator.callsTo("views.open").length > before && emulator.lastView(), 10_000, "views.open");
  const answers = validAnswers({ title });
  const view = await toLastStep({ driver, emulator }, first, answers, REQUESTER);
  const res = await driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(answers, view.view) });
  expect(res.status).toBe(200);
}

describe("two app processes on one database file", () => {
  it("post every verdict, reply and approval exactly once, and hand the posting over when the holder stops", async () => {
    const a = await boot();
    const b = await boot();
    expect(a.app.output()).toContain("posting to Slack");
    expect(b.app.output()).toContain("another process posts to Slack");

    const N = 16;
    for (let i = 0; i < N; i++) await submitVia(i % 2 === 0 ? a.driver : b.driver, `Split ${i}`);
    const posted = await emulator.waitFor(
      () => {
        const all = readDecisions(dbPath());
        return all.length === N && all.every((d) => d.messageTs) ? all : undefined;
      },
      60_000,
      "every verdict posted",
    );
    // Two approvals each, the first through one process and the second through the other, all at once.
    await Promise.all(
      posted.flatMap((d, i) => [
        (i % 2 ? a : b).driver.sendReaction({
          userId: REVIEWERS[0],
          reaction: "white_check_mark",
          channelId: CHANNEL,
          messageTs: d.messageTs!,
        }),
        (i % 2 ? b : a).driver.sendReaction({
          userId: REVIEWERS[1],
          reaction: "white_check_mark",
          channelId: CHANNEL,
          messageTs: d.messageTs!,
        }),
      ]),
    );
    await emulator.waitFor(
      () => readDecisions(dbPath()).every((d) => d.status === "approved") && allJobsRun(),
      60_000,
      "all approved and told",
    );

    for (const d of readDecisions(dbPath())) {
      expect(postsWithKey(`decision:${d.id}:verdict`)).toHaveLength(1);
      expect(postsWithKey(`decision:${d.id}:reasons`)).toHaveLength(1);
      expect(postsWithKey(`decision:${d.id}:status:`)).toHaveLength(1);
    }
    expect(emulator.callsTo("chat.postMessage")).toHaveLength(3 * N);

    // The holder stops (a deploy's old copy): the other takes the lease and posts what comes in next.
    await a.app.kill("SIGTERM");
    await submitVia(b.driver, "After the handover");
    const after = await emulator.waitFor(
      () => readDecisions(dbPath()).find((d) => d.title === "After the handover" && d.replyTs),
      60_000,
      "posted by the other process",
    );
    expect(postsWithKey(`decision:${after.id}:verdict`)).toHaveLength(1);
    expect(b.app.output()).toContain("this process posts to Slack now");
  }, 120_000);
});
