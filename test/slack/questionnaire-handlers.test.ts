import type { ModalView } from "@slack/types";
import { afterEach, describe, expect, it } from "vitest";
import { decide } from "../../src/engine/decide.js";
import type { DecisionAccess } from "../../src/slack/decision-access.js";
import { type CommandDeps, handleCommand as commandHandler } from "../../src/slack/handlers/handle-command.js";
import { handleModelOptions } from "../../src/slack/handlers/handle-model-options.js";
import { handleQuestionnaireChange, handleStartOver } from "../../src/slack/handlers/handle-questionnaire-change.js";
import { handleQuestionnaireClosed } from "../../src/slack/handlers/handle-questionnaire-closed.js";
import { handleQuestionnaireStep } from "../../src/slack/handlers/handle-questionnaire-step.js";
import { EARLIER_STEP_ERROR, handleQuestionnaireSubmission } from "../../src/slack/handlers/handle-questionnaire-submission.js";
import { handleViewAnswers } from "../../src/slack/handlers/handle-view-answers.js";
import { VIEW } from "../../src/slack/ids.js";
import { answersToForm, type FormValues } from "../../src/slack/questionnaire/form-values.js";
import { type QuestionnaireDeps, stepView } from "../../src/slack/questionnaire-session.js";
import { readReviewMetadata } from "../../src/slack/readers/read-review-metadata.js";
import { listDecisions } from "../../src/store/decision-queries.js";
import { alreadyOutAtDecision, type Decision, insertDecision } from "../../src/store/decisions.js";
import { getDraft, saveDraft } from "../../src/store/drafts.js";
import { openDb } from "../../src/store/open-db.js";
import type { SqlClient } from "../../src/store/sql-client.js";
import { createModelDirectory } from "../../src/watcher/model-directory.js";
import type { Json } from "../emulator/block-kit-checks.js";
import { buildStateValues } from "../emulator/view-state.js";
import { validAnswers } from "../support/answers.js";
import { formFill } from "../support/fill.js";

// The questionnaire's handlers called directly (bolt-js style), with payload factories and a real SQLite database.

const dbs: SqlClient[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.close();
});

const ME = { teamId: "T1", userId: "UREQ" };

/** The decisions stored in ME's workspace, newest first. */
const storedDecisions = async (db: SqlClient) =>
  (await listDecisions(db, { teamId: ME.teamId, viewer: { userId: ME.userId, channelIds: ["C1"] }, limit: 50 })).decisions;

/** Opening the form reads none of the list's and show's parts. */
const handleCommand = (deps: QuestionnaireDeps & { later: typeof later }) => commandHandler(deps as unknown as CommandDeps);
const REVIEW = { channelId: "C1" };
const models = createModelDirectory(
  [
    {
      id: "gpt-4o",
      provider: "openai",
      releaseDate: null,
      releaseDateSource: "none",
      source: "bundled",
      price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10 },
    },
  ],
  "2026-07-02",
);

/** Work a handler leaves for after its ack, run at once and awaited by `settle`. */
const pending: Promise<unknown>[] = [];
const later = (_what: string, work: () => Promise<unknown>) => void pending.push(work());
const settle = async () => {
  await Promise.all(pending.splice(0));
};

async function setup(): Promise<QuestionnaireDeps & { later: typeof later }> {
  const db = await openDb(":memory:");
  dbs.push(db);
  return { db, today: () => "2026-11-24", models, later };
}

/** A step view as Slack echoes it in a payload: ids, hash, and the state of what the user entered. */
function payloadView(view: ModalView, entered: FormValues, ids = { id: "V2", root_view_id: "V1" }) {
  const json = view as unknown as Json;
  return {
    ...json,
    ...ids,
    hash: "1700000000.h1",
    state: { values: buildStateValues(json, formFill(entered, json), { clientChecks: false }) },
  };
}

const body = (view: unknown) => ({ team: { id: ME.teamId }, user: { id: ME.userId, team_id: ME.teamId }, view });

function recorder() {
  const acks: unknown[] = [];
  return { acks, ack: async (response?: unknown) => void acks.push(response) };
}

function fakeClient(updateError?: string) {
  const calls: Array<{ method: string; args: Json }> = [];
  const call =
    (method: string, answer: Json = { ok: true }) =>
    async (args: Json) => {
      // As Slack does, a view sent as JSON text is read as the view.
      calls.push({ method, args: typeof args.view === "string" ? { ...args, view: JSON.parse(args.view) } : args });
      if (method === "views.update" && updateError)
        throw Object.assign(new Error(updateError), { code: "slack_webapi_platform_error", data: { ok: false, error: updateError } });
      return answer;
    };
  return {
    calls,
    client: {
      views: { update: call("views.update"), open: call("views.open") },
      chat: { postMessage: call("chat.postMessage", { ok: true, ts: "1700000000.000100" }) },
    },
  };
}

const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => "error" as never,
  setName: () => undefined,
};

describe("a step's submission", () => {
  it("pushes the next step and keeps the answers as the user's draft", async () => {
    const deps = await setup();
    const entered = answersToForm(validAnswers());
    const view = payloadView(stepView(deps, "problem", REVIEW, entered), entered);
    const { acks, ack } = recorder();
    await handleQuestionnaireStep(deps, "problem")({ ack, body: body(view), view } as never);
    const pushed = acks[0] as { response_action: string; view: Json };
    expect(pushed.response_action).toBe("push");
    expect(pushed.view.callback_id).toBe(VIEW.questionnaireEvidence);
    expect(JSON.parse(String(pushed.view.private_metadata)).values.title).toBe("Ticket triage classifier");
    expect(await getDraft(deps.db, ME)).toMatchObject({
      session: "V1",
      values: { title: "Ticket triage classifier", task: "classification" },
    });
  });

  it("carries where the review goes, a re-evaluation's notice included, to the next step", async () => {
    const deps = await setup();
    const entered = answersToForm(validAnswers());
    const review = { ...REVIEW, threadTs: "100.1", parentId: 3, noticeId: 5 };
    const view = payloadView(stepView(deps, "problem", review, entered), entered);
    const { acks, ack } = recorder();
    await handleQuestionnaireStep(deps, "problem")({ ack, body: body(view), view } as never);
    const pushed = acks[0] as { view: Json };
    expect(readReviewMetadata(String(pushed.view.private_metadata))).toEqual(review);
  });

  it("answers problems in plain words under their fields, and keeps nothing", async () => {
    const deps = await setup();
    const entered = { ...answersToForm(validAnswers()), title: " ", tasksServed: "0" };
    const view = payloadView(stepView(deps, "problem", REVIEW, entered), entered);
    const { acks, ack } = recorder();
    await handleQuestionnaireStep(deps, "problem")({ ack, body: body(view), view } as never);
    expect(acks).toEqual([
      { response_action: "errors", errors: { title: "Give the decision a name", tasksServed: "A model serves at least one task" } },
    ]);
    expect(await getDraft(deps.db, ME)).toBeNull();
  });

  it("on the last step, sends the team back for a problem on an earlier step, and stores nothing", async () => {
    const deps = await setup();
    const answers = validAnswers();
    const { title: _title, ...withoutTitle } = answersToForm(answers);
    const view = payloadView(stepView(deps, "costs", REVIEW, withoutTitle), withoutTitle, { id: "V3", root_view_id: "V1" });
    const { acks, ack } = recorder();
    let queued = 0;
    await handleQuestionnaireSubmission({ ...deps, logger, jobsQueued: () => void queued++ })({ ack, body: body(view), view } as never);
    expect(acks).toEqual([{ response_action: "errors", errors: { baseModel: EARLIER_STEP_ERROR } }]);
    expect(queued).toBe(0);
    expect(await storedDecisions(deps.db)).toEqual([]);
  });

  it("on the last step, decides, keeps what was not known, drops the draft and closes every step", async () => {
    const deps = await setup();
    const answers = validAnswers({ evals: { ...validAnswers().evals, hasHeldOutTestSet: false } });
    const values = answersToForm(answers, ["evals.hasHeldOutTestSet"]);
    await saveDraft(deps.db, ME, "V1", values);
    const view = payloadView(stepView(deps, "costs", REVIEW, values), values, { id: "V3", root_view_id: "V1" });
    const { acks, ack } = recorder();
    let queued = 0;
    await handleQuestionnaireSubmission({ ...deps, logger, jobsQueued: () => void queued++ })({ ack, body: body(view), view } as never);
    expect(acks).toEqual([{ response_action: "clear" }]);
    // Its verdict post was queued, for the worker.
    expect(queued).toBe(1);
    const [stored] = await storedDecisions(deps.db);
    expect(stored?.answers).toEqual(answers);
    expect(stored?.verdict).toEqual(decide(answers));
    expect(stored?.unknownAnswers).toEqual(["evals.hasHeldOutTestSet"]);
    expect(await getDraft(deps.db, ME)).toBeNull();
  });

  it("on the last step, stores the day the decision is made and the newer versions already out that day", async () => {
    const deps = await setup();
    const values = answersToForm(validAnswers());
    const view = payloadView(stepView(deps, "costs", REVIEW, values), values, { id: "V3", root_view_id: "V1" });
    const out = [{ model: "gpt-4o-2024-08-06", versions: [{ id: "gpt-4o-2024-11-20", releaseDate: "2024-11-20", source: "models.dev" }] }];
    const asked: string[] = [];
    const alreadyOut = (answers: { baseModel: string }, decidedOn: string) => {
      asked.push(`${answers.baseModel} on ${decidedOn}`);
      return out;
    };
    const { ack } = recorder();
    await handleQuestionnaireSubmission({ ...deps, logger, jobsQueued: () => undefined, alreadyOut })({
      ack,
      body: body(view),
      view,
    } as never);
    const [stored] = await storedDecisions(deps.db);
    expect(asked).toEqual(["gpt-4o-2024-08-06 on 2026-11-24"]);
    expect(await alreadyOutAtDecision(deps.db, stored!.id)).toEqual(out);
  });
});

describe("a choice that changes the form", () => {
  const change = async (deps: QuestionnaireDeps, view: Json, updateError?: string, blockId = "shortfall") => {
    const { calls, client } = fakeClient(updateError);
    const { acks, ack } = recorder();
    await handleQuestionnaireChange(deps)({ ack, body: body(view), action: { block_id: blockId }, client, logger } as never);
    await settle();
    expect(acks).toEqual([undefined]);
    return calls;
  };

  it("redraws the step with the fields it reveals, passing the view's hash", async () => {
    const deps = await setup();
    const view = payloadView(stepView(deps, "problem", REVIEW, {}), { title: "Kept", shortfall: "yes" });
    const [update] = await change(deps, view);
    expect(update?.args).toMatchObject({ view_id: "V2", hash: "1700000000.h1" });
    const blocks = JSON.stringify((update!.args.view as Json).blocks);
    expect(blocks).toContain('"block_id":"gaps"');
    expect(blocks).toContain('"initial_value":"Kept"');
  });

  it("fills in a picked model's price in a new input, since Slack keeps an input's old content", async () => {
    const deps = await setup();
    const values = { ...answersToForm(validAnswers()), costFigures: "yes" };
    const view = payloadView(
      stepView(deps, "costs", REVIEW, { ...values, baseModel: "" }),
      { ...values, baseModel: "gpt-4o" },
      { id: "V3", root_view_id: "V1" },
    );
    const [update] = await change(deps, view, undefined, "baseModel");
    const price = ((update!.args.view as Json).blocks as Json[]).find((b) => String(b.block_id).startsWith("costs.currentUsdPerMTok"))!;
    expect(price.block_id).toBe("costs.currentUsdPerMTok~1");
    expect((price.element as Json).initial_value).toBe("4.375");
  });

  it("does not redraw for a model picked while no price shows", async () => {
    const deps = await setup();
    const values = { ...answersToForm(validAnswers()), costFigures: "no" };
    const view = payloadView(stepView(deps, "costs", REVIEW, values), values, { id: "V3", root_view_id: "V1" });
    expect(await change(deps, view, undefined, "baseModel")).toEqual([]);
  });

  it("leaves a view that changed meanwhile as it is (hash_conflict) and one already closed (not_found)", async () => {
    const deps = await setup();
    const view = payloadView(stepView(deps, "problem", REVIEW, {}), { shortfall: "yes" });
    expect(await change(deps, view, "hash_conflict")).toHaveLength(1);
    expect(await change(deps, view, "not_found")).toHaveLength(1);
    await expect(change(deps, view, "invalid_arguments")).rejects.toThrow("invalid_arguments");
  });

  it("Start over drops the draft and draws the first step empty, in new inputs", async () => {
    const deps = await setup();
    await saveDraft(deps.db, ME, "V0", { title: "Old draft" });
    const first = stepView(deps, "problem", REVIEW, { title: "Old draft" }, { draftSavedAt: "2026-11-20T10:00:00.000Z" });
    const view = payloadView(first, { title: "Old draft" });
    const { calls, client } = fakeClient();
    const { ack } = recorder();
    await handleStartOver(deps)({ ack, body: body(view), client, logger } as never);
    await settle();
    expect(await getDraft(deps.db, ME)).toBeNull();
    const drawn = JSON.stringify((calls[0]!.args.view as Json).blocks);
    expect(drawn).toContain('"block_id":"title~1"');
    expect(drawn).not.toContain("Old draft");
    expect(drawn).not.toContain("Continuing your draft");
  });
});

describe("a revision's form", () => {
  const revised = async (deps: QuestionnaireDeps) => {
    const answers = validAnswers({ title: "Stored answers", data: { labeledExamples: 2000, quality: "noisy", versioned: true } });
    const { decision } = await insertDecision(deps.db, {
      teamId: "T1",
      channelId: "C1",
      threadTs: "1.1",
      requesterId: "UREQ",
      answers,
      verdict: decide(answers),
      unknownAnswers: ["data.quality"],
      decidedOn: "2026-11-01",
      submissionKey: "k",
    });
    return { ...REVIEW, threadTs: "1.1", parentId: decision.id };
  };

  it("is kept as a draft of that revision when closed, apart from the user's new-decision draft", async () => {
    const deps = await setup();
    const review = await revised(deps);
    await saveDraft(deps.db, ME, "V0", { title: "A new one" });
    const view = payloadView(stepView(deps, "problem", review, {}), { title: "Half revised" });
    const { ack } = recorder();
    await handleQuestionnaireClosed(deps)({ ack, body: body(view), view } as never);
    expect((await getDraft(deps.db, { ...ME, revises: review.parentId }))?.values).toMatchObject({ title: "Half revised" });
    expect((await getDraft(deps.db, ME))?.values).toEqual({ title: "A new one" });
  });

  it("Start over goes back to the decision's answers, Don't know included, keeping what it revises", async () => {
    const deps = await setup();
    const review = await revised(deps);
    await saveDraft(deps.db, { ...ME, revises: review.parentId }, "V0", { title: "Half revised" });
    const intro = "Revising decision #1";
    const first = stepView(deps, "problem", review, { title: "Half revised" }, { draftSavedAt: "2026-11-20T10:00:00.000Z", intro });
    const view = payloadView(first, { title: "Half revised" });
    const { calls, client } = fakeClient();
    await handleStartOver(deps)({ ack: async () => undefined, body: body(view), client, logger } as never);
    await settle();
    expect(await getDraft(deps.db, { ...ME, revises: review.parentId })).toBeNull();
    const drawn = calls[0]!.args.view as Json;
    expect(JSON.stringify(drawn.blocks)).toContain('"initial_value":"Stored answers"');
    expect(JSON.stringify(drawn.blocks)).toContain(intro);
    expect(JSON.stringify(drawn.blocks)).not.toContain("Continuing your draft");
    expect(JSON.parse(drawn.private_metadata as string)).toMatchObject({
      parentId: review.parentId,
      values: { "data.quality": "unknown", asOf: "2026-11-24" },
    });
  });
});

describe("closing the form", () => {
  it("keeps what was entered as a draft, without the decision date", async () => {
    const deps = await setup();
    const view = payloadView(
      stepView(deps, "costs", REVIEW, { title: "Closed" }),
      { baseModel: "gpt-4o", asOf: "2026-11-01" },
      { id: "V3", root_view_id: "V1" },
    );
    const { ack } = recorder();
    await handleQuestionnaireClosed(deps)({ ack, body: body(view), view } as never);
    expect(await getDraft(deps.db, ME)).toMatchObject({ session: "V1", values: { title: "Closed", baseModel: "gpt-4o" } });
    expect((await getDraft(deps.db, ME))?.values.asOf).toBeUndefined();
  });

  it("keeps no draft of a form closed untouched", async () => {
    const deps = await setup();
    const view = payloadView(stepView(deps, "problem", REVIEW, {}), {});
    await handleQuestionnaireClosed(deps)({ ...recorder(), body: body(view), view } as never);
    expect(await getDraft(deps.db, ME)).toBeNull();
  });

  it("offers the draft back the next time the command opens the form", async () => {
    const deps = await setup();
    await saveDraft(deps.db, ME, "V1", { title: "Half done", task: "extraction" });
    const { calls, client } = fakeClient();
    const command = {
      text: "",
      team_id: "T1",
      user_id: "UREQ",
      channel_id: "C1",
      trigger_id: "1.2.3",
      response_url: "https://hooks.example/r",
    };
    await handleCommand(deps)({ command, ack: async () => undefined, client, logger } as never);
    await settle();
    const opened = JSON.stringify(calls[0]!.args.view);
    expect(opened).toContain("Continuing your draft from <!date^");
    expect(opened).toContain('"initial_value":"Half done"');
    expect(opened).toContain('"value":"extraction"');
  });
});

describe("the model menus' options", () => {
  it("answers from memory: the catalog's matches and what was typed", async () => {
    const acks: unknown[] = [];
    const ack = async (options: unknown) => void acks.push(options);
    await handleModelOptions({ models })({ ack, payload: { value: "gpt-4" } } as never);
    await handleModelOptions({})({ ack, payload: { value: "mine" } } as never);
    expect(JSON.stringify(acks[0])).toContain('"value":"gpt-4o"');
    expect(JSON.stringify(acks[1])).toContain('"value":"mine"');
  });
});

describe("View answers", () => {
  it("opens the answers of a decision of the channel it was pressed in, to someone who may see it, and of no other", async () => {
    const deps = await setup();
    const answers = validAnswers();
    const { decision } = await insertDecision(deps.db, {
      teamId: "T1",
      channelId: "GSECRET",
      requesterId: "UREQ",
      answers,
      verdict: decide(answers),
      decidedOn: "2026-11-24",
      submissionKey: "k",
    });
    const members = new Set(["UREQ", "UBOB"]);
    const access = { canSee: async (d: Decision, userId: string) => d.channelId === "GSECRET" && members.has(userId) } as DecisionAccess;
    const run = async (press: { teamId?: string; channelId?: string; userId?: string }) => {
      const { calls, client } = fakeClient();
      const responses: unknown[] = [];
      const teamId = press.teamId ?? "T1";
      const args = {
        ack: async () => undefined,
        action: { value: String(decision.id) },
        body: {
          team: { id: teamId },
          user: { id: press.userId ?? "UBOB", team_id: teamId },
          container: { type: "message", channel_id: press.channelId ?? "GSECRET", message_ts: "1700000000.000100" },
          trigger_id: "1.2.3",
        },
        client,
        respond: async (r: unknown) => void responses.push(r),
      };
      await handleViewAnswers({ ...deps, access })(args as never);
      await settle();
      return { calls, responses };
    };
    const member = await run({});
    expect((member.calls[0]!.args.view as Json).callback_id).toBe(VIEW.answers);
    expect(JSON.stringify(member.calls[0]!.args.view)).toContain(`Answers behind #${decision.number}`);
    for (const press of [{ teamId: "T2" }, { channelId: "CGENERAL" }, { userId: "UOUT" }]) {
      const refused = await run(press);
      expect(refused.calls).toEqual([]);
      expect(JSON.stringify(refused.responses)).toContain("not one you can see here");
    }
  });
});
