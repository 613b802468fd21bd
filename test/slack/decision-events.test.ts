import { describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import { buildDecisionEvent, DECISION_EVENT_TYPES, DecisionEventPayload } from "../../src/slack/decision-events.js";
import { validAnswers } from "../support/answers.js";

const verdict = decide(validAnswers());
const decision = { number: 7, teamId: "T1", channelId: "CGENERAL", threadTs: "1700000000.000100", verdict, status: "in-review" as const };

// The contract other apps read (README, "Events other apps can use"): these keys, per event type, and nothing else.
const COMMON = ["channel_id", "decision_number", "fine_tune", "key", "status", "team_id", "thread_ts", "verdict"];

describe("decision events in message metadata", () => {
  it.each([
    ["decision_posted", decision, undefined, COMMON, "in-review"],
    ["decision_approved", { ...decision, status: "approved" as const }, undefined, COMMON, "approved"],
    ["decision_superseded", decision, 9, [...COMMON, "superseded_by"].sort(), "superseded"],
  ] as const)("%s carries a small stable payload", (type, source, supersededBy, keys, status) => {
    const event = buildDecisionEvent(type, source, "decision:7:verdict", supersededBy);
    expect(event.event_type).toBe(type);
    expect(Object.keys(event.event_payload).sort()).toEqual(keys);
    expect(DecisionEventPayload.parse(event.event_payload)).toEqual(event.event_payload);
    expect(event.event_payload).toMatchObject({
      key: "decision:7:verdict",
      decision_number: 7,
      team_id: "T1",
      channel_id: "CGENERAL",
      thread_ts: "1700000000.000100",
      verdict: verdict.headline,
      fine_tune: verdict.fineTune,
      status,
    });
  });

  it("leaves out the thread of a verdict that starts its own, rather than sending a null Slack would refuse", () => {
    const event = buildDecisionEvent("decision_posted", { ...decision, threadTs: null }, "k");
    expect(event.event_payload).not.toHaveProperty("thread_ts");
    expect(Object.values(event.event_payload)).not.toContain(null);
  });

  it("uses event types Slack accepts (letters, digits, underscores)", () => {
    for (const type of DECISION_EVENT_TYPES) expect(type).toMatch(/^[a-z_]+$/);
  });
});
