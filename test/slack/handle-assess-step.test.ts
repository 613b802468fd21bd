import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AssessStepDeps, handleAssessStep } from "../../src/slack/handlers/handle-assess-step.js";
import { FUNCTION } from "../../src/slack/ids.js";
import { getDecisionByNumber } from "../../src/store/decisions.js";
import { listJobs } from "../../src/store/jobs.js";
import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { validAnswers } from "../support/answers.js";

// The step's handler called directly (bolt-js style), on a real SQLite database with the real migrations.

type Args = SlackEventMiddlewareArgs<"function_executed"> & AllMiddlewareArgs;

let db: SqlClient;
let queued: number;
let failures: string[];
let failWith: Error | undefined;

beforeEach(async () => {
  db = await openDb(":memory:");
  queued = 0;
  failures = [];
  failWith = undefined;
});
afterEach(async () => db.close());

const decisionCount = async () => Number((await db.all<{ n: number }>(sql`select count(*) as n from decisions`))[0]?.n);

const deps = (): AssessStepDeps => ({
  db,
  logger: { debug() {}, info() {}, warn() {}, error() {} } as unknown as AssessStepDeps["logger"],
  today: () => "2026-11-24",
  jobsQueued: () => {
    queued++;
  },
});

const { title, baseModel, ...rest } = validAnswers();
const INPUTS = { channel: "CTEAM", requester: "UREQ", title, production_model: baseModel, answers: JSON.stringify(rest) };

/** What Bolt hands the listener for a `function_executed` event of this step. */
function args(inputs: Record<string, unknown>, executionId = "Fx0001"): Args {
  const event = {
    type: "function_executed",
    function: { callback_id: FUNCTION.assessFineTuning },
    inputs,
    function_execution_id: executionId,
    workflow_execution_id: "Wx0001",
    bot_access_token: "xwfp-run",
    event_ts: "1700000000.000100",
  };
  const fail = async ({ error }: { error: string }) => {
    failures.push(error);
    if (failWith) throw failWith;
    return { ok: true };
  };
  return { event, body: { team_id: "TTEAM", event }, inputs, fail } as unknown as Args;
}

describe("handleAssessStep", () => {
  it("stores the decision with its verdict post and then the step's completion queued, once per run", async () => {
    await handleAssessStep(deps())(args(INPUTS));
    await handleAssessStep(deps())(args(INPUTS));
    expect(await decisionCount()).toBe(1);
    const decision = await getDecisionByNumber(db, "TTEAM", 1);
    expect(decision).toMatchObject({ channelId: "CTEAM", requesterId: "UREQ", title });
    const jobs = await listJobs(db, { decisionId: decision!.id });
    expect(jobs.map((j) => [j.kind, j.payload])).toEqual([
      ["post-verdict", {}],
      ["complete-step", { functionExecutionId: "Fx0001" }],
    ]);
    expect(queued).toBe(2);
    expect(failures).toEqual([]);
  });

  it("ends the run with the reading's error and stores nothing", async () => {
    await handleAssessStep(deps())(args({ ...INPUTS, answers: "not json" }));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^"Answers \(JSON\)" is not valid JSON/);
    expect(await decisionCount()).toBe(0);
    expect(queued).toBe(0);
  });

  it("lets a run ended already pass quietly, and any other failure to end it reach Slack's redelivery", async () => {
    failWith = Object.assign(new Error("An API error occurred: execution_not_in_running_state"), {
      data: { ok: false, error: "execution_not_in_running_state" },
    });
    await expect(handleAssessStep(deps())(args({ ...INPUTS, title: "" }))).resolves.toBeUndefined();
    failWith = Object.assign(new Error("An API error occurred: internal_error"), { data: { ok: false, error: "internal_error" } });
    await expect(handleAssessStep(deps())(args({ ...INPUTS, title: "" }))).rejects.toThrow(/internal_error/);
  });
});
