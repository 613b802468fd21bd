import type { Logger } from "@slack/bolt";
import type { Workspace } from "../store/workspace.js";
import { slackErrorCode } from "./slack-errors.js";
import type { WorkspaceClients } from "./workspace-clients.js";

/** Who is in which channel, as Slack says: what decides who may see a channel's decisions. */
export interface Membership {
  /** Whether the user is in the channel; false when Slack cannot say (the answer fails closed). */
  isMember(workspace: Workspace, channelId: string, userId: string): Promise<boolean>;
  /** Those of `channelIds` (of the workspace) the user is in. */
  channelsOf(workspace: Workspace, userId: string, channelIds: readonly string[]): Promise<string[]>;
}

export interface MembershipOptions {
  /** How long a channel's member list is trusted (default 60 s). */
  ttlMs?: number;
  now?: () => number;
  logger: Pick<Logger, "warn">;
}

const PAGE = 1000;
/** Channels asked about at once when a list spans many. */
const PARALLEL = 8;

/**
 * Channel members from `conversations.members`, every page, cached briefly per channel. A channel Slack will not
 * describe (a private one the bot is not in, a DM between other people, an error) has no members here: nobody is
 * shown its decisions but their requesters. Failures are not cached, so the next look asks again.
 */
export function createMembership(clients: WorkspaceClients, options: MembershipOptions): Membership {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; members: ReadonlySet<string> }>();
  const asking = new Map<string, Promise<ReadonlySet<string>>>();

  /** With the channel's workspace's own token (OAuth mode: no installation there, no members). */
  const fetchMembers = async (workspace: Workspace, channelId: string): Promise<ReadonlySet<string>> => {
    const members = new Set<string>();
    const client = await clients.forWorkspace(workspace);
    if (!client) throw new Error("not_installed");
    let cursor: string | undefined;
    do {
      const res = await client.conversations.members({ channel: channelId, limit: PAGE, ...(cursor ? { cursor } : {}) });
      for (const id of res.members ?? []) members.add(id);
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  };

  const membersOf = async (workspace: Workspace, channelId: string): Promise<ReadonlySet<string>> => {
    const cached = cache.get(channelId);
    if (cached && now() - cached.at < ttlMs) return cached.members;
    let pending = asking.get(channelId);
    if (!pending) {
      pending = fetchMembers(workspace, channelId)
        .then((members) => {
          cache.set(channelId, { at: now(), members });
          return members;
        })
        .catch((error: unknown) => {
          options.logger.warn(`members of ${channelId} unreadable (${slackErrorCode(error)}): its decisions are shown to nobody else`);
          return new Set<string>();
        })
        .finally(() => asking.delete(channelId));
      asking.set(channelId, pending);
    }
    return pending;
  };

  const isMember = async (workspace: Workspace, channelId: string, userId: string) => (await membersOf(workspace, channelId)).has(userId);

  return {
    isMember,
    async channelsOf(workspace, userId, channelIds) {
      const inside: string[] = [];
      for (let i = 0; i < channelIds.length; i += PARALLEL) {
        const batch = channelIds.slice(i, i + PARALLEL);
        const answers = await Promise.all(batch.map((id) => isMember(workspace, id, userId)));
        batch.forEach((id, j) => answers[j] && inside.push(id));
      }
      return inside;
    },
  };
}
