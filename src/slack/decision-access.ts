import type { Logger } from "@slack/bolt";
import { decisionChannels, type Viewer } from "../store/decision-queries.js";
import { type Decision, getDecisionByNumber, queueMissingPermalinks } from "../store/decisions.js";
import { newerModelsWaiting } from "../store/model-notices.js";
import { talliesOf } from "../store/reviews.js";
import type { SqlClient } from "../store/sql-client.js";
import type { DecisionSummaryExtras } from "./builders/decision-row.js";
import type { Membership } from "./membership.js";
import type { ChannelRef } from "./readers/read-list-filter.js";
import { slackErrorCode } from "./slack-errors.js";
import type { WorkspaceClients } from "./workspace-clients.js";
import type { ReviewSettingsOf } from "./workspace-review-settings.js";

export interface DecisionAccessDeps {
  db: SqlClient;
  membership: Membership;
  /** Each workspace's review settings (the approvals a row counts toward). */
  reviewSettings: ReviewSettingsOf;
  /** conversations.info, to find a channel typed by name, with the workspace's own token. */
  clients: WorkspaceClients;
  logger: Logger;
  /** Slack work was queued (a link to fetch): the worker can start on it. */
  jobsQueued: () => void;
}

/**
 * Who may see which decisions, and what their rows need. The rule: a decision is shown to the members of its channel
 * (public or private, or a DM) and to its requester; nobody else, whatever surface they ask from.
 */
export interface DecisionAccess {
  viewer(teamId: string, userId: string): Promise<Viewer>;
  canSee(decision: Decision, userId: string): Promise<boolean>;
  /** A decision by its number, if this person may see it. */
  visibleDecision(teamId: string, number: number, userId: string): Promise<Decision | null>;
  /** Reviews, newer base models and the approvals rule for a list's rows; queues fetching links that are missing. */
  extras(decisions: readonly Decision[]): Promise<DecisionSummaryExtras>;
  /** A channel typed in a filter, among those the viewer is in; null when it is none of them. */
  resolveChannel(ref: ChannelRef, viewer: Viewer, teamId: string): Promise<string | null>;
}

export function decisionAccess(deps: DecisionAccessDeps): DecisionAccess {
  const { db, membership } = deps;
  const names = new Map<string, string>();

  const nameOf = async (teamId: string, channelId: string): Promise<string | undefined> => {
    if (!names.has(channelId)) {
      try {
        const client = await deps.clients.forWorkspace({ teamId });
        const res = client ? await client.conversations.info({ channel: channelId }) : undefined;
        if (res?.channel?.name) names.set(channelId, res.channel.name.toLowerCase());
      } catch (error) {
        deps.logger.debug(`channel ${channelId}: no name (${slackErrorCode(error)})`);
      }
    }
    return names.get(channelId);
  };
  const canSee = async (decision: Decision, userId: string) =>
    decision.requesterId === userId || (await membership.isMember(decision, decision.channelId, userId));

  return {
    async viewer(teamId, userId) {
      return { userId, channelIds: await membership.channelsOf({ teamId }, userId, await decisionChannels(db, teamId)) };
    },
    canSee,
    async visibleDecision(teamId, number, userId) {
      const decision = await getDecisionByNumber(db, teamId, number);
      return decision && (await canSee(decision, userId)) ? decision : null;
    },
    async extras(decisions) {
      const ids = decisions.map((d) => d.id);
      if (await queueMissingPermalinks(db, decisions)) deps.jobsQueued();
      return {
        tallies: await talliesOf(db, ids),
        newerModels: await newerModelsWaiting(db, ids),
        requiredApprovals: (await deps.reviewSettings(decisions[0] ?? { teamId: null })).requiredApprovals,
      };
    },
    async resolveChannel(ref, viewer, teamId) {
      if ("id" in ref) return viewer.channelIds.includes(ref.id) ? ref.id : null;
      for (const id of viewer.channelIds) if ((await nameOf(teamId, id)) === ref.name) return id;
      return null;
    },
  };
}
