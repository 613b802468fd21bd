import type { Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { describeVerdictChanges } from "../engine/compare-verdicts.js";
import {
  type Decision,
  getDecision,
  listOutbox,
  markAttempt,
  markMessagePosted,
  markRendered,
  markReplyPosted,
  markStatusAnnounced,
  markStatusAttempt,
  recordPostError,
  settleOutbox,
} from "../store/decisions.js";
import type { Db } from "../store/open-db.js";
import { reviewersOf } from "../store/reviews.js";
import type { SlackMessage } from "./builders/blocks.js";
import { buildApprovedReply, buildBackInReviewReply, buildChangesRequestedReply } from "./builders/build-review-replies.js";
import { buildVerdictMessage } from "./builders/build-verdict-message.js";
import { buildVerdictReply } from "./builders/build-verdict-reply.js";
import type { ReviewSettings } from "./review-settings.js";
import { slackErrorCode } from "./slack-errors.js";

export interface PublishDeps {
  db: Db;
  client: WebClient;
  review: ReviewSettings;
  logger: Logger;
  /** Sends an ephemeral note through a slash command's or shortcut's response_url. */
  respond?: (responseUrl: string, text: string) => Promise<void>;
}

export type PublishOutcome = "posted" | "pending";

const NOT_IN_CHANNEL = "not_in_channel";
/** Message metadata that marks our posts, so a post whose answer was lost can be found again. */
const METADATA_EVENT = "should_we_finetune_post";

interface Running {
  promise: Promise<PublishOutcome>;
  again: boolean;
}
/** Publications under way, per database connection and decision id. */
const runningByDb = new WeakMap<object, Map<number, Running>>();

function runningFor(db: Db): Map<number, Running> {
  let running = runningByDb.get(db.$client);
  if (!running) {
    running = new Map();
    runningByDb.set(db.$client, running);
  }
  return running;
}

/** The verdict message's content for the decision's current status and reviews. */
function verdictMessageFor(db: Db, decision: Decision, review: ReviewSettings): SlackMessage {
  const parent = decision.parentId ? getDecision(db, decision.parentId) : null;
  return buildVerdictMessage({
    decisionId: decision.id,
    title: decision.title,
    requesterId: decision.requesterId,
    verdict: decision.verdict,
    answers: decision.answers,
    unknownAnswers: decision.unknownAnswers,
    status: decision.status,
    approvers: reviewersOf(db, decision.id, "approve"),
    rejecters: reviewersOf(db, decision.id, "reject"),
    requiredApprovals: review.requiredApprovals,
    approvalReaction: review.approvalReactions[0] ?? "white_check_mark",
    rejectReaction: review.rejectReactions[0] ?? "x",
    parentId: decision.parentId,
    ...(parent ? { changes: describeVerdictChanges(parent, decision) } : {}),
  });
}

/**
 * Tells Slack everything it has not been told about a decision yet: the verdict message, the reasons reply, a
 * status reply, an update of the verdict message. Each step is recorded when Slack accepts it, and a post that
 * may have reached Slack before a crash is looked up before it is sent again: nothing is posted twice. Calls for
 * the same decision never overlap; one arriving during a run makes the run go round once more.
 */
export function publishDecision(deps: PublishDeps, decisionId: number, responseUrl?: string): Promise<PublishOutcome> {
  const running = runningFor(deps.db);
  const current = running.get(decisionId);
  if (current) {
    current.again = true;
    return current.promise;
  }
  const entry: Running = { again: false, promise: Promise.resolve("pending") };
  entry.promise = (async () => {
    let outcome: PublishOutcome;
    do {
      entry.again = false;
      outcome = await publish(deps, decisionId, responseUrl);
    } while (entry.again && outcome === "posted");
    return outcome;
  })().finally(() => running.delete(decisionId));
  running.set(decisionId, entry);
  return entry.promise;
}

async function publish(deps: PublishDeps, decisionId: number, responseUrl?: string): Promise<PublishOutcome> {
  const { db } = deps;
  try {
    let decision = getDecision(db, decisionId);
    if (!decision) return "posted";
    if (!decision.messageTs) {
      if (!(await postVerdict(deps, decision, responseUrl))) return "pending";
      decision = getDecision(db, decisionId)!;
    }
    if (!decision.replyTs) {
      await postReasons(deps, decision);
      decision = getDecision(db, decisionId)!;
    }
    if (decision.announcedStatusRevision < decision.statusRevision) {
      await postStatus(deps, decision);
      decision = getDecision(db, decisionId)!;
    }
    if (decision.renderedRevision < decision.messageRevision) {
      const revision = decision.messageRevision;
      const message = verdictMessageFor(db, decision, deps.review);
      await deps.client.chat.update({ channel: decision.channelId, ts: decision.messageTs!, ...message });
      markRendered(db, decision.id, revision);
    }
    settleOutbox(db, decisionId);
    return "posted";
  } catch (error) {
    const code = slackErrorCode(error);
    recordPostError(db, decisionId, code);
    deps.logger.warn(`decision #${decisionId}: Slack not updated yet (${code}); it will be retried`);
    return "pending";
  }
}

function metadata(decisionId: number, part: string) {
  return { event_type: METADATA_EVENT, event_payload: { decision_id: decisionId, part } };
}

/** Finds our own earlier post of this part, when a crash may have hidden Slack's answer from us. */
async function findEarlierPost(deps: PublishDeps, decision: Decision, threadTs: string | null, part: string): Promise<string | null> {
  const args = { channel: decision.channelId, include_all_metadata: true, limit: 200 };
  const res = threadTs ? await deps.client.conversations.replies({ ...args, ts: threadTs }) : await deps.client.conversations.history(args);
  const found = (res.messages ?? []).find((m) => {
    const meta = (m as { metadata?: { event_type?: string; event_payload?: { decision_id?: number; part?: string } } }).metadata;
    return meta?.event_type === METADATA_EVENT && meta.event_payload?.decision_id === decision.id && meta.event_payload.part === part;
  });
  return found?.ts ?? null;
}

/** Posts only if an earlier attempt did not get through; returns the message ts. */
async function postOnce(
  deps: PublishDeps,
  decision: Decision,
  part: string,
  attempted: boolean,
  threadTs: string | null,
  post: () => Promise<{ ts?: string }>,
): Promise<string> {
  if (attempted) {
    try {
      const earlier = await findEarlierPost(deps, decision, threadTs, part);
      if (earlier) return earlier;
    } catch (error) {
      // Without the history scopes the lookup cannot help; posting again is better than never posting.
      if (slackErrorCode(error) !== "missing_scope") throw error;
    }
  }
  return (await post()).ts as string;
}

async function postVerdict(deps: PublishDeps, decision: Decision, responseUrl?: string): Promise<boolean> {
  const { db, client } = deps;
  const revision = decision.messageRevision;
  const message = verdictMessageFor(db, decision, deps.review);
  const attempted = decision.postAttemptedAt !== null;
  const send = () => {
    markAttempt(db, decision.id, "verdict");
    return client.chat.postMessage({
      channel: decision.channelId,
      ...(decision.threadTs ? { thread_ts: decision.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      metadata: metadata(decision.id, "verdict"),
      unfurl_links: false,
    });
  };
  const ts = await postJoiningIfNeeded(deps, decision, () => postOnce(deps, decision, "verdict", attempted, decision.threadTs, send));
  if (!ts) {
    // Tell the requester once; later attempts (start, the bot joining) stay quiet.
    if (!decision.lastPostError?.startsWith(NOT_IN_CHANNEL)) await tellRequesterToInvite(deps, decision, responseUrl);
    return false;
  }
  markMessagePosted(db, decision.id, ts, decision.threadTs ?? ts, revision);
  return true;
}

async function postReasons(deps: PublishDeps, decision: Decision): Promise<void> {
  const reply = buildVerdictReply({
    decisionId: decision.id,
    verdict: decision.verdict,
    answers: decision.answers,
    unknownAnswers: decision.unknownAnswers,
  });
  const ts = await postOnce(deps, decision, "reasons", decision.replyAttemptedAt !== null, decision.threadTs, () => {
    markAttempt(deps.db, decision.id, "reply");
    return deps.client.chat.postMessage({
      channel: decision.channelId,
      thread_ts: decision.threadTs!,
      ...reply,
      metadata: metadata(decision.id, "reasons"),
      unfurl_links: false,
    });
  });
  markReplyPosted(deps.db, decision.id, ts);
}

function statusReply(deps: PublishDeps, decision: Decision): SlackMessage {
  if (decision.status === "approved") return buildApprovedReply(decision.id, reviewersOf(deps.db, decision.id, "approve"));
  if (decision.status === "changes-requested") {
    const rejecters = reviewersOf(deps.db, decision.id, "reject");
    return buildChangesRequestedReply(decision.id, rejecters[rejecters.length - 1] ?? decision.requesterId);
  }
  return buildBackInReviewReply(decision.id);
}

/** One thread reply for the latest status change (quick back-and-forth is told as where it ended). */
async function postStatus(deps: PublishDeps, decision: Decision): Promise<void> {
  const revision = decision.statusRevision;
  const part = `status:${revision}`;
  const attempted = decision.statusAttemptedRevision === revision;
  await postOnce(deps, decision, part, attempted, decision.threadTs, () => {
    markStatusAttempt(deps.db, decision.id, revision);
    return deps.client.chat.postMessage({
      channel: decision.channelId,
      thread_ts: decision.threadTs!,
      ...statusReply(deps, decision),
      metadata: metadata(decision.id, part),
    });
  });
  markStatusAnnounced(deps.db, decision.id, revision);
}

/** Posts; when the bot is not in the channel, joins a public one and tries once more. Null when it cannot get in. */
async function postJoiningIfNeeded(deps: PublishDeps, decision: Decision, post: () => Promise<string>): Promise<string | null> {
  try {
    return await post();
  } catch (error) {
    // A private channel the bot is not in is invisible to it: Slack answers channel_not_found there.
    if (![NOT_IN_CHANNEL, "channel_not_found"].includes(slackErrorCode(error))) throw error;
  }
  try {
    await deps.client.conversations.join({ channel: decision.channelId });
  } catch (error) {
    const code = slackErrorCode(error);
    recordPostError(deps.db, decision.id, `${NOT_IN_CHANNEL} (join: ${code})`);
    deps.logger.info(`decision #${decision.id}: cannot join ${decision.channelId} (${code}); waiting for an invite`);
    return null;
  }
  return post();
}

async function tellRequesterToInvite(deps: PublishDeps, decision: Decision, responseUrl?: string): Promise<void> {
  const text =
    `I can't post decision #${decision.id} here: this is a private channel and I'm not in it. ` +
    "Invite me with `/invite @should-we-finetune` and I'll post the verdict right away; nothing is lost.";
  try {
    if (responseUrl && deps.respond) {
      await deps.respond(responseUrl, text);
    } else {
      await deps.client.chat.postMessage({ channel: decision.requesterId, text });
    }
  } catch (error) {
    deps.logger.warn(`could not tell the requester of decision #${decision.id} (${slackErrorCode(error)})`);
  }
}

/** Resolves when no publication for this database is running (for a graceful stop). */
export async function publishingSettled(db: Db): Promise<void> {
  const running = runningFor(db);
  while (true) {
    const pending = [...running.values()].map((entry) => entry.promise);
    if (pending.length === 0) return;
    await Promise.allSettled(pending);
  }
}

export interface PendingScope {
  channelId?: string;
  /** The periodic retry skips decisions waiting for an invite: only the bot joining (or a restart) can help them. */
  skipAwaitingInvite?: boolean;
}

/** Works through the outbox (at start, when the bot joins a channel, and periodically). */
export async function publishPending(deps: PublishDeps, scope: PendingScope = {}): Promise<PublishOutcome[]> {
  const outcomes: PublishOutcome[] = [];
  for (const decision of listOutbox(deps.db, scope.channelId)) {
    if (scope.skipAwaitingInvite && !decision.messageTs && decision.lastPostError?.startsWith(NOT_IN_CHANNEL)) continue;
    outcomes.push(await publishDecision(deps, decision.id));
  }
  return outcomes;
}
