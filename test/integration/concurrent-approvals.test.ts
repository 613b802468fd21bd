// Many reviewers reacting at once on one decision: the quorum is reached once, announced once, and every approver is
// stored once. Every reaction is a real signed Events API delivery to the running app (the emulator plays Slack), fired
// together with Promise.all so the deliveries overlap in the app; duplicates reuse an event id as Slack's retries do.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Decision } from "../../src/store/decisions.js";
import { validAnswers } from "../support/answers.js";
import { CHANNEL, type Harness, runReview, startHarness } from "../support/harness.js";

const REQUIRED = 3;
const CROWD = Array.from({ length: 20 }, (_, i) => `UREV${String(i + 1).padStart(2, "0")}`);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ REQUIRED_APPROVALS: String(REQUIRED) });
  const channel = h.emulator.channel(CHANNEL)!;
  for (const id of CROWD) {
    h.emulator.addUser({ id, name: id.toLowerCase() });
    channel.members.push(id);
  }
});
afterAll(async () => {
  await h.stop();
});

const texts = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify([m.text, m.blocks]);

interface ReviewRow {
  reviewer_id: string;
  kind: string;
  reaction: string;
}

/** What another process would read: a fresh read-only connection to the app's SQLite file. */
function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(h.dbPath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const reviewRows = (decisionId: number) =>
  readDb((db) => db.prepare("SELECT reviewer_id, kind, reaction FROM reviews WHERE decision_id = ?").all(decisionId) as ReviewRow[]);
const processedEvents = (ids: readonly string[]) =>
  readDb((db) => {
    const stmt = db.prepare("SELECT COUNT(*) AS n FROM processed_events WHERE event_id = ?");
    return ids.map((id) => (stmt.get(id) as { n: number }).n);
  });

/** Status replies in the verdict's thread (the first reply, reasons and next steps, is not one). */
const STATUS_REPLY = /is approved by|requested changes on decision|is back in review/;
const statusReplies = (ts: string) => h.emulator.threadReplies(CHANNEL, ts).filter((m) => STATUS_REPLY.test(m.text ?? ""));

/** Waits until every Slack write the reviews queued has run (nothing pending or running), and returns the decision. */
async function settled(decisionId: number): Promise<Decision> {
  await h.settled();
  return h.decision(decisionId)!;
}

/** The status replies queued for a decision: one per status change told (changes before it ran are told as one). */
const statusJobs = (decisionId: number) => h.jobs(decisionId).filter((j) => j.kind === "post-status");

interface Delivery {
  userId: string;
  reaction: string;
  eventId: string;
  retryNum?: number;
}

/** Fisher-Yates with a small fixed-seed generator: the same order on every run. */
function shuffle<T>(items: T[], seed: number): void {
  let state = seed;
  for (let i = items.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

let seq = 0;
const eventId = (tag: string) => {
  seq += 1;
  return `EvCONC${tag}${seq}`;
};

const deliver = (ts: string, d: Delivery) =>
  h.driver.sendReaction({
    userId: d.userId,
    reaction: d.reaction,
    channelId: CHANNEL,
    messageTs: ts,
    eventId: d.eventId,
    ...(d.retryNum ? { retryNum: d.retryNum } : {}),
  });

describe("many reviewers approving at once", () => {
  it("reaches the quorum once, with one announcement, and stores every approver once", async () => {
    const { decision } = await runReview(h, validAnswers({ title: "Crowd approval" }));
    const ts = decision.messageTs!;
    expect(h.decision(decision.id)?.status).toBe("in-review");

    const deliveries: Delivery[] = CROWD.map((userId, i) => ({
      userId,
      // Slack appends the skin tone to the name; it is still an approval.
      reaction: i % 4 === 1 ? `white_check_mark::skin-tone-${(i % 5) + 2}` : "white_check_mark",
      eventId: eventId("A"),
    }));
    // Slack's retries of a delivery repeat its event id (with X-Slack-Retry-Num); they arrive while the first is handled.
    const retries = deliveries.filter((_, i) => i % 5 === 0).map((d) => ({ ...d, retryNum: 1 }));
    // A reviewer adding the same approval twice, once with a skin tone: two events, one approval.
    const sameReviewerAgain = [0, 7, 13].map((i) => ({
      userId: CROWD[i]!,
      reaction: "white_check_mark::skin-tone-4",
      eventId: eventId("B"),
    }));
    const all = [...deliveries, ...retries, ...sameReviewerAgain];
    // A fixed shuffle, so retries and repeats are not simply sent after their originals.
    shuffle(all, 7);

    const responses = await Promise.all(all.map((d) => deliver(ts, d)));
    expect(responses.map((r) => r.status)).toEqual(all.map(() => 200));

    const final = await settled(decision.id);
    expect(final.status).toBe("approved");
    // One status change happened (in review → approved), and it was announced once.
    expect(statusJobs(decision.id).map((j) => j.status)).toEqual(["done"]);

    const replies = statusReplies(ts);
    expect(replies, h.emulator.render(CHANNEL)).toHaveLength(1);
    expect(replies[0]!.text).toContain(`decision #${decision.number} is approved by`);
    // Reasons + the one announcement; nothing else in the thread.
    expect(h.emulator.threadReplies(CHANNEL, ts)).toHaveLength(2);
    const approvedPosts = h.emulator
      .callsTo("chat.postMessage")
      .filter((c) => c.args.thread_ts === ts && String(c.args.text ?? "").includes("is approved by"));
    expect(approvedPosts).toHaveLength(1);

    // The verdict message was updated to show the approval, naming the approvers stored.
    const message = h.emulator.message(CHANNEL, ts)!;
    expect(texts(message)).toContain("*Approved* by");
    const rows = reviewRows(decision.id);
    expect(rows.every((r) => r.kind === "approve" && r.reaction === "white_check_mark")).toBe(true);
    expect(rows.map((r) => r.reviewer_id).sort()).toEqual([...CROWD].sort());
    for (const id of CROWD) expect(texts(message)).toContain(`<@${id}>`);
    // Every distinct event was claimed exactly once.
    const ids = [...new Set(all.map((d) => d.eventId))];
    expect(processedEvents(ids)).toEqual(ids.map(() => 1));
    // The requester is not among them and no one was told off for reacting.
    expect(h.emulator.callsTo("chat.postEphemeral")).toEqual([]);
  });
});

describe("a reject racing the quorum", () => {
  // Whichever commits first wins (src/engine/review-status.ts): approved is final, and a standing request for changes
  // holds off the quorum. Exactly one status change, one status reply saying where it ended, and every review kept.
  const orders = [
    { name: "the reject sent first", rejectAt: 0 },
    { name: "the reject sent last", rejectAt: 1 },
    { name: "the reject among all three approvals", rejectAt: 2, allAtOnce: true },
    { name: "the reject sent twice (a retry) with the quorum", rejectAt: 1, retryReject: true },
  ];

  it.each(orders)("ends in one of the two statuses with one status reply: $name", async ({ rejectAt, allAtOnce, retryReject }) => {
    const { decision } = await runReview(h, validAnswers({ title: `Race ${rejectAt}` }));
    const ts = decision.messageTs!;
    const [a1, a2, a3, rejecter] = [CROWD[0]!, CROWD[1]!, CROWD[2]!, CROWD[19]!];

    const approvals: Delivery[] = [a1, a2, a3].map((userId) => ({ userId, reaction: "white_check_mark", eventId: eventId("R") }));
    const reject: Delivery = { userId: rejecter, reaction: "x", eventId: eventId("X") };
    let racing: Delivery[];
    if (allAtOnce) {
      racing = [...approvals];
    } else {
      // The first approvals land; then the quorum-making approval and the reject arrive together.
      for (const d of approvals.slice(0, REQUIRED - 1)) expect((await deliver(ts, d)).status).toBe(200);
      await h.emulator.waitFor(() => texts(h.emulator.message(CHANNEL, ts)!).includes(`${REQUIRED - 1} so far`), 10_000, "counted");
      racing = approvals.slice(REQUIRED - 1);
    }
    racing.splice(rejectAt, 0, reject);
    if (retryReject) racing.push({ ...reject, retryNum: 1 });
    const responses = await Promise.all(racing.map((d) => deliver(ts, d)));
    expect(responses.map((r) => r.status)).toEqual(racing.map(() => 200));

    const final = await settled(decision.id);
    expect(["approved", "changes-requested"]).toContain(final.status);
    // Every review is on record whichever won: three approvals and one reject, each once.
    const rows = reviewRows(decision.id);
    expect(
      rows
        .filter((r) => r.kind === "approve")
        .map((r) => r.reviewer_id)
        .sort(),
    ).toEqual([a1, a2, a3].sort());
    expect(rows.filter((r) => r.kind === "reject").map((r) => r.reviewer_id)).toEqual([rejecter]);

    // One status change, told once, and the thread says where it ended.
    expect(statusJobs(decision.id).map((j) => j.status)).toEqual(["done"]);
    const replies = statusReplies(ts);
    expect(replies, h.emulator.render(CHANNEL)).toHaveLength(1);
    const message = texts(h.emulator.message(CHANNEL, ts)!);
    if (final.status === "approved") {
      expect(replies[0]!.text).toContain(`decision #${decision.number} is approved by`);
      expect(message).toContain("*Approved* by");
      expect(message).not.toContain("*Changes requested*");
    } else {
      expect(replies[0]!.text).toContain(`<@${rejecter}> requested changes on decision #${decision.id}`);
      expect(message).toContain(`*Changes requested* by <@${rejecter}>`);
      expect(message).not.toContain("*Approved*");
    }
    expect(processedEvents([reject.eventId])).toEqual([1]);
  });
});
