import type { Workspace } from "../../store/workspace.js";

interface EventEnvelope {
  team_id?: unknown;
  enterprise_id?: unknown;
  is_enterprise_install?: unknown;
  authorizations?: Array<{ is_enterprise_install?: unknown }>;
  event?: { type?: unknown; tokens?: { bot?: unknown } };
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * Which installation an `app_uninstalled` or `tokens_revoked` event is about: the organization for an org-wide
 * install, the workspace otherwise. Undefined when the envelope names neither.
 */
export function readInstallationEvent(body: unknown): Workspace | undefined {
  const envelope = (body ?? {}) as EventEnvelope;
  const enterpriseId = text(envelope.enterprise_id);
  const orgWide = envelope.is_enterprise_install === true || envelope.authorizations?.[0]?.is_enterprise_install === true;
  if (orgWide && enterpriseId) return { teamId: null, enterpriseId };
  const teamId = text(envelope.team_id);
  return teamId ? { teamId, enterpriseId: enterpriseId ?? null } : undefined;
}

/** Whether a `tokens_revoked` event revokes bot tokens (user tokens are not ours: the app asks for none). */
export function revokesBotTokens(body: unknown): boolean {
  const bot = (body as EventEnvelope | undefined)?.event?.tokens?.bot;
  return Array.isArray(bot) && bot.length > 0;
}
