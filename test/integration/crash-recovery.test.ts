import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Decision } from "../../src/store/decisions.js";
import { SlackDriver } from "../emulator/slack-driver.js";
import { SlackEmulator, type StoredMessage } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { type AppProcess, startAppProcess } from "../support/app-process.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import { CHANNEL, REQUESTER, REVIEWERS, SIGNING_SECRET } from "../support/harness.js";
import { readDb, readDecisions, readJobs } from "../support/read-db.js";

let emulator: SlackEmulator;
let dir: string;
let app: AppProcess | undefined;

beforeEach(async () => {
  emulator = await SlackEmulator.start();
  for (const id of [REQUESTER, ...REVIEWERS]) emulator.addUser({ id, name: id.toLowerCase() });
  emulator.addChannel({ id: CHANNEL, name: "ml-decisions", members: [emulator.botUserId, REQUESTER, ...REVIEWERS] });
  dir = mkdtempSync(join(tmpdir(), "swf-crash-"));
});
afterEach(async () => {
  await app?.kill("SIGKILL");
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

const dbPath = () => join(dir, "app.db");
const boot = async () => {
  app = await startAppProcess({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    PORT: "0",
    DATABASE_PATH: dbPath(),
    MODEL_SOURCES: "bundled",
  });
  return new SlackDriver({ emulator, appUrl: `http://127.0.0.1:${app.port}`, signingSecret: SIGNING_SECRET });
};

const stored = (): Decision[] => readDecisions(dbPath());
const integrity = () => readDb(dbPath(), (db) => db.pragma("integrity_check", { simple: true }) as string);
/** Every job has run (none pending or running): nothing more will be posted. */
const allJobsRun = () => readJobs(dbPath()).every((j) => j.status !== "pending" && j.status !== "running");

/** Our posts for a decision, by the job key the app puts in their metadata (`decision:<id>:verdict`, ...). */
function postsOf(decisionId: number, part: string): StoredMessage[] {
  const all = emulator.messagesIn(CHANNEL).flatMap((m) => [m, ...emulator.threadReplies(CHANNEL, m.ts)]);
  return all.filter(
    (m) => (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key === `decision:${decisionId}:${part}`,
  );
}

async function openViews(driver: SlackDriver, n: number) {
  const views = [];
  for (let i = 0; i < n; i++) {
    await driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL });
    views.push(await emulator.waitFor(() => emulator.callsTo("views.open").length === i + 1 && emulator.lastView(), 10_000, "views.open"));
  }
  return views;
}

describe("a crash (SIGKILL) and a restart on the same database", () => {
  it("stores every acknowledged submission and posts each verdict exactly once", async () => {
    let driver = await boot();
    const N = 24;
    const answers = (i: number) => validAnswers({ title: `Burst ${i}` });
    const views = await Promise.all(
      (await openViews(driver, N)).map((view, i) => toLastStep({ driver, emulator }, view, answers(i), REQUESTER)),
    );
    emulator.setLatency(40); // a slow Slack: posts are in flight when the kill lands
    let acks = 0;
    const results = views.map((view, i) =>
      driver
        .sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(answers(i), view.view) })
        .then((r) => {
          if (r.status === 200) acks++;
          return { title: `Burst ${i}`, status: r.status };
        })
        .catch(() => ({ title: `Burst ${i}`, status: 0 })),
    );
    await emulator.waitFor(() => acks >= N / 3, 10_000, "a third acknowledged");
    await app!.kill("SIGKILL");
    const settled = await Promise.all(results);
    const acknowledged = settled.filter((r) => r.status === 200).map((r) => r.title);
    const atKill = stored();
    // The kill really landed mid-burst: something was unacknowledged or not yet posted.
    expect(acknowledged.length < N || atKill.some((d) => !d.replyTs)).toBe(true);
    expect(integrity()).toBe("ok");

    emulator.setLatency(0);
    driver = await boot();
    await emulator.waitFor(
      () => {
        const all = stored();
        return all.length > 0 && all.every((d) => d.replyTs) && allJobsRun();
      },
      30_000,
      "every stored decision posted",
    );

    const after = stored();
    for (const title of acknowledged) expect(after.filter((d) => d.title === title)).toHaveLength(1);
    for (const d of after) {
      expect(postsOf(d.id, "verdict")).toHaveLength(1);
      expect(postsOf(d.id, "reasons")).toHaveLength(1);
      expect(postsOf(d.id, "verdict")[0]!.ts).toBe(d.messageTs);
    }
    expect(new Set(after.map((d) => d.title)).size).toBe(after.length);
    expect(integrity()).toBe("ok");
  }, 60_000);

  it("finds a post Slack accepted just before the crash instead of posting it again", async () => {
    const driver = await boot();
    const [first] = await openViews(driver, 1);
    const answers = validAnswers({ title: "Lost answer" });
    const view = await toLastStep({ driver, emulator }, first!, answers, REQUESTER);
    emulator.setAnswerDelay(30_000); // Slack takes the post; the app never hears back
    const res = await driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(answers, view.view) });
    expect(res.status).toBe(200);
    await emulator.waitFor(() => emulator.callsTo("chat.postMessage").length === 1, 10_000, "verdict reached Slack");
    await app!.kill("SIGKILL");
    const [decision] = stored();
    expect(decision?.messageTs).toBeNull();
    // The attempt was marked before the call: the job is claimed by the dead process, maybe sent.
    expect(readJobs(dbPath(), decision!.id).find((j) => j.kind === "post-verdict")).toMatchObject({ status: "running", maybeSent: true });

    emulator.setAnswerDelay(0);
    await boot();
    const posted = await emulator.waitFor(() => stored().find((d) => d.replyTs), 30_000, "posted after restart");
    expect(emulator.callsTo("conversations.history").length).toBeGreaterThan(0);
    expect(postsOf(posted.id, "verdict")).toHaveLength(1);
    expect(postsOf(posted.id, "reasons")).toHaveLength(1);
    expect(posted.messageTs).toBe(postsOf(posted.id, "verdict")[0]!.ts);
  }, 60_000);

  it("finds it even when more than 200 newer messages came in meanwhile, paging through the history", async () => {
    const driver = await boot();
    const [first] = await openViews(driver, 1);
    const answers = validAnswers({ title: "Buried" });
    const view = await toLastStep({ driver, emulator }, first!, answers, REQUESTER);
    emulator.setAnswerDelay(30_000);
    await driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(answers, view.view) });
    await emulator.waitFor(() => emulator.callsTo("chat.postMessage").length === 1, 10_000, "verdict reached Slack");
    await app!.kill("SIGKILL");
    emulator.setAnswerDelay(0);
    for (let i = 0; i < 250; i++) emulator.addMessage({ channel: CHANNEL, user: REVIEWERS[i % 3]!, text: `chatter ${i}` });

    await boot();
    const posted = await emulator.waitFor(() => stored().find((d) => d.replyTs), 30_000, "posted after restart");
    const pages = emulator.callsTo("conversations.history");
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.some((c) => typeof c.args.cursor === "string")).toBe(true);
    expect(postsOf(posted.id, "verdict")).toHaveLength(1);
    expect(posted.messageTs).toBe(postsOf(posted.id, "verdict")[0]!.ts);
  }, 60_000);

  it("an approval whose reply never left before the crash is announced after restart, once", async () => {
    let driver = await boot();
    const [first] = await openViews(driver, 1);
    const answers = validAnswers({ title: "Approve across a crash" });
    const view = await toLastStep({ driver, emulator }, first!, answers, REQUESTER);
    await driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(answers, view.view) });
    const decision = await emulator.waitFor(() => stored().find((d) => d.replyTs), 10_000, "posted");
    await driver.sendReaction({ userId: REVIEWERS[0], reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    await emulator.waitFor(
      () => JSON.stringify(emulator.message(CHANNEL, decision.messageTs!)!.blocks).includes("1 so far"),
      10_000,
      "first approval shown",
    );
    emulator.setAnswerDelay(30_000);
    await driver.sendReaction({ userId: REVIEWERS[1], reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    await emulator.waitFor(
      () => emulator.threadReplies(CHANNEL, decision.messageTs!).some((m) => m.text.includes("is approved")),
      10_000,
      "approval reply reached Slack",
    );
    await app!.kill("SIGKILL");
    emulator.setAnswerDelay(0);
    driver = await boot();
    await emulator.waitFor(() => stored().find((x) => x.id === decision.id)?.status === "approved" && allJobsRun(), 30_000, "status told");
    const replies = emulator.threadReplies(CHANNEL, decision.messageTs!).filter((m) => m.text.includes("is approved"));
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(emulator.message(CHANNEL, decision.messageTs!)!.blocks)).toContain("*Approved* by");
  }, 60_000);
});
