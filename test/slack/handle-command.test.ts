import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import type { Verdict } from "../../src/engine/verdict.js";
import type { DecisionAccess } from "../../src/slack/decision-access.js";
import { handleCommand } from "../../src/slack/handlers/handle-command.js";
import { fixedReviewSettings } from "../../src/slack/workspace-review-settings.js";
import { getDecisionByNumber, insertDecision } from "../../src/store/decisions.js";
import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";

// `show` called directly, on a real SQLite database with the real migrations.

/** Everyone may see everything here: visibility has tests of its own. */
function openAccess(db: SqlClient): DecisionAccess {
  return {
    viewer: async (_teamId, userId) => ({ userId, channelIds: ["C1"] }),
    canSee: async () => true,
    visibleDecision: (teamId, number) => getDecisionByNumber(db, teamId, number),
    extras: async () => ({}),
    resolveChannel: async () => null,
  };
}

const REVIEW = {
  requiredApprovals: 2,
  approvalReactions: ["white_check_mark"],
  rejectReactions: ["x"],
  reviewerUsers: [],
  reviewerGroup: undefined,
  reminderAfterMs: null,
};

const dbs: SqlClient[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});

/** What engine 1.1.0 stored for an OpenAI fine-tune: yes, with codes and no titles or steps. */
function engine1Verdict(): Verdict {
  return {
    fineTune: "yes",
    approach: "fine-tune",
    headline: 'Fine-tune "Ticket triage classifier": the gap is one training fixes.',
    warnings: [
      { code: "provider-finetune-closing", severity: "warning", message: "closing" },
      { code: "base-model-snapshot", severity: "info", message: "snapshot" },
    ],
    reasons: [],
    breakEven: null,
    method: { technique: "lora", hosting: "provider-api" },
    nextSteps: ["Fine-tune with LoRA."],
    engineVersion: "1.1.0",
  } as unknown as Verdict;
}

async function show(verdict: Verdict, today: string): Promise<string> {
  const db = await openDb(":memory:");
  dbs.push(db);
  const answers = validAnswers();
  const { decision } = await insertDecision(db, {
    teamId: "T1",
    channelId: "C1",
    requesterId: "UREQ",
    answers,
    verdict,
    decidedOn: "2026-11-24",
    submissionKey: "k1",
  });
  const acks: unknown[] = [];
  const args = {
    command: {
      text: `show ${decision.number}`,
      team_id: "T1",
      channel_id: "C1",
      user_id: "UREQ",
      trigger_id: "t",
      response_url: "https://example.invalid/r",
    },
    ack: async (reply?: unknown) => {
      acks.push(reply);
    },
    client: {},
  } as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs;
  await handleCommand({
    db,
    today: () => today,
    access: openAccess(db),
    reviewSettings: fixedReviewSettings(REVIEW),
    userNames: async () => (id) => id,
  })(args);
  expect(acks).toHaveLength(1);
  return JSON.stringify(acks[0]);
}

describe("show", () => {
  it("says when today's engine would decide a stored decision differently", async () => {
    const reply = await show(engine1Verdict(), "2027-02-01");
    expect(reply).toContain("Today's engine would decide this differently: not yet rather than yes");
    expect(reply).toContain("now blocking: OpenAI fine-tuning closed on 6 Jan 2027");
  });

  it("says nothing when today's engine decides the same", async () => {
    expect(await show(engine1Verdict(), "2026-11-24")).not.toContain("Today's engine");
    expect(await show(decide(validAnswers()), "2026-11-24")).not.toContain("Today's engine");
  });
});
