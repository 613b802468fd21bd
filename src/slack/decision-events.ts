import { z } from "zod";
import { REVIEW_STATUSES } from "../engine/review-status.js";
import { FINE_TUNE_ANSWERS } from "../engine/verdict.js";
import type { Decision } from "../store/decisions.js";
import { METADATA_EVENT } from "./ids.js";

export const DECISION_EVENT_TYPES = [
  METADATA_EVENT.decisionPosted,
  METADATA_EVENT.decisionApproved,
  METADATA_EVENT.decisionSuperseded,
] as const;
export type DecisionEventType = (typeof DECISION_EVENT_TYPES)[number];

/**
 * What other apps read in the message metadata of a verdict or status message. A published contract (README, "Events
 * other apps can use"): add fields, never rename or drop one.
 */
export const DecisionEventPayload = z.strictObject({
  /** This app's own: the post's idempotency key, which finds the post again after a crash. Not for other apps. */
  key: z.string(),
  decision_number: z.number().int().positive(),
  team_id: z.string(),
  channel_id: z.string(),
  /** The thread the message is in; absent when the message starts its own thread (the event's message_ts is then it). */
  thread_ts: z.string().optional(),
  /** The verdict in one sentence. */
  verdict: z.string(),
  fine_tune: z.enum(FINE_TUNE_ANSWERS),
  status: z.enum([...REVIEW_STATUSES, "superseded"]),
  /** decision_superseded only: the number of the decision that replaces it. */
  superseded_by: z.number().int().positive().optional(),
});
export type DecisionEventPayload = z.infer<typeof DecisionEventPayload>;

export interface DecisionEvent {
  event_type: DecisionEventType;
  event_payload: DecisionEventPayload;
}

/** The metadata of a message that tells other apps about a decision; `key` is the post's idempotency key. */
export function buildDecisionEvent(
  type: DecisionEventType,
  decision: Pick<Decision, "number" | "teamId" | "channelId" | "threadTs" | "verdict" | "status">,
  key: string,
  supersededBy?: number,
): DecisionEvent {
  const superseded = type === METADATA_EVENT.decisionSuperseded && supersededBy !== undefined;
  return {
    event_type: type,
    event_payload: {
      key,
      decision_number: decision.number,
      team_id: decision.teamId,
      channel_id: decision.channelId,
      ...(decision.threadTs ? { thread_ts: decision.threadTs } : {}),
      verdict: decision.verdict.headline,
      fine_tune: decision.verdict.fineTune,
      status: superseded ? "superseded" : decision.status,
      ...(superseded ? { superseded_by: supersededBy } : {}),
    },
  };
}
