import type { WebClient } from "@slack/web-api";
import type { Logger } from "@slack/bolt";
import { describeVerdictChanges } from "../engine/compare-verdicts.js";
import type { Decision } from "../store/decisions.js";
import { getDecision, listUnposted, markMessagePosted, markReplyPosted, recordPostError } from "../store/decisions.js";
import type { Db } from "../store/open-db.js";
import { reviewersOf } from "../store/reviews.js";
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
const inFlight = new Map<number, Promise<PublishOutcome>>();

/** The verdict message's content for the decision's current status and reviews. */
export function verdictMessageFor(db: Db, decision: Decision, review: ReviewSettings) {
  const parent = decision.parentId ? getDecision(db, decision.parentId) : null;
  return buildVerdictMessage({
    decisionId: decision.id,
    title: decision.title,
    baseModel: decision.baseModel,
    requesterId: decision.requesterId,
    verdict: decision.verdict,
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
 * Posts a stored decision's verdict and its thread reply, whichever Slack has not accepted yet. Each step is recorded
 * as soon as Slack accepts it, so a retry never posts a step twice. One publication per decision at a time.
 */
export function publishDecision(deps: PublishDeps, decisionId: number, responseUrl?: string): Promise<PublishOutcome> {
  const running = inFlight.get(decisionId);
  if (running) return running;
  const run = publish(deps, decisionId, responseUrl).finally(() => inFlight.delete(decisionId));
  inFlight.set(decisionId, run);
  return run;
}

async function publish(deps: PublishDeps, decisionId: number, responseUrl?: string): Promise<PublishOutcome> {
  const { db, client, logger } = deps;
  let decision = getDecision(db, decisionId);
  if (!decision || decision.postedAt) return "posted";
  try {
    if (!decision.messageTs) {
      const message = verdictMessageFor(db, decision, deps.review);
      const posted = await postJoiningIfNeeded(deps, decision, () =>
        client.chat.postMessage({
          channel: decision!.channelId,
          ...(decision!.threadTs ? { thread_ts: decision!.threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
        }),
      );
      if (!posted) {
        // Tell the requester once; later attempts (start, the bot joining) stay quiet.
        if (!decision.lastPostError?.startsWith(NOT_IN_CHANNEL)) await tellRequesterToInvite(deps, decision, responseUrl);
        return "pending";
      }
      markMessagePosted(db, decision.id, posted, decision.threadTs ?? posted);
      decision = getDecision(db, decision.id)!;
    }
    const reply = buildVerdictReply(decision.id, decision.verdict);
    const replied = await client.chat.postMessage({
      channel: decision.channelId,
      thread_ts: decision.threadTs!,
      text: reply.text,
      blocks: reply.blocks,
      unfurl_links: false,
    });
    markReplyPosted(db, decision.id, replied.ts as string);
    return "posted";
  } catch (error) {
    const code = slackErrorCode(error);
    recordPostError(db, decisionId, code);
    logger.warn(`decision #${decisionId} not posted yet (${code}); it will be retried`);
    return "pending";
  }
}

/** Posts; on `not_in_channel` joins a public channel and tries once more. Null when the bot cannot get in. */
async function postJoiningIfNeeded(
  deps: PublishDeps,
  decision: Decision,
  post: () => Promise<{ ts?: string }>,
): Promise<string | null> {
  try {
    return (await post()).ts as string;
  } catch (error) {
    // A private channel the bot is not in is invisible to it: Slack answers channel_not_found there.
    if (!["not_in_channel", "channel_not_found"].includes(slackErrorCode(error))) throw error;
  }
  try {
    await deps.client.conversations.join({ channel: decision.channelId });
  } catch (error) {
    const code = slackErrorCode(error);
    recordPostError(deps.db, decision.id, `${NOT_IN_CHANNEL} (join: ${code})`);
    deps.logger.info(`decision #${decision.id}: cannot join ${decision.channelId} (${code}); waiting for an invite`);
    return null;
  }
  return (await post()).ts as string;
}

async function tellRequesterToInvite(deps: PublishDeps, decision: Decision, responseUrl?: string): Promise<void> {
  const text =
    `I can't post decision #${decision.id} here: this is a private channel and I'm not in it. ` +
    `Invite me with \`/invite @should-we-finetune\` and I'll post the verdict right away; nothing is lost.`;
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

export interface PendingScope {
  channelId?: string;
  /** The periodic retry skips decisions waiting for an invite: only the bot joining (or a restart) can help them. */
  skipAwaitingInvite?: boolean;
}

/** Posts every decision Slack has not accepted yet (at start, when the bot joins a channel, and periodically). */
export async function publishPending(deps: PublishDeps, scope: PendingScope = {}): Promise<PublishOutcome[]> {
  const outcomes: PublishOutcome[] = [];
  for (const decision of listUnposted(deps.db, scope.channelId)) {
    if (scope.skipAwaitingInvite && decision.lastPostError?.startsWith(NOT_IN_CHANNEL)) continue;
    outcomes.push(await publishDecision(deps, decision.id));
  }
  return outcomes;
}
