import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION, BLOCK, VIEW } from "../../src/slack/ids.js";
import { answersToForm } from "../../src/slack/questionnaire/form-values.js";
import type { Json } from "../emulator/block-kit-checks.js";
import type { StoredView } from "../emulator/slack-emulator.js";
import { validAnswers } from "../support/answers.js";
import { choose, findModel, formFill, walkQuestionnaire } from "../support/fill.js";
import { CHANNEL, type Harness, openQuestionnaire, REQUESTER, REVIEWERS, startHarness, WAIT_MS } from "../support/harness.js";
import { readDb } from "../support/read-db.js";

// The questionnaire as a person meets it, over signed HTTP against the Slack emulator: three steps with fields that
// appear when they matter, a draft that survives Cancel, a model picked from a menu whose price fills itself in.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const inputIds = (view: StoredView) => (view.view.blocks as Json[]).filter((b) => b.type === "input").map((b) => String(b.block_id));
/** The user's draft as stored, read as another process would. */
const draftOf = (userId: string) =>
  readDb(h.dbPath, (db) => {
    const row = db.prepare(`select "values" from drafts where team_id = ? and user_id = ?`).get(h.emulator.teamId, userId) as
      | { values: string }
      | undefined;
    return row ? { values: JSON.parse(row.values) as Record<string, unknown> } : null;
  });

/** A latency and cost gap, a "Don't know" or two, and no prices: the catalog gives them. */
const ANSWERS = validAnswers({
  title: "Support answer drafter",
  task: "generation",
  gaps: ["latency-cost"],
  tried: ["prompt-engineering", "prompt-caching"],
  volume: { requestsPerMonth: 3_000_000, tokensPerRequest: 1200 },
  baseModel: "gpt-4o",
  candidateModel: "gpt-4o-mini-2024-07-18",
  costs: { trainingUsd: 2000 },
});

describe("the questionnaire, step by step", () => {
  it("fills three steps, reveals fields when they matter, keeps a closed form as a draft and posts the verdict", async () => {
    // Step 1: the gaps appear once the team says the system falls short.
    const first = await openQuestionnaire(h, { text: ANSWERS.title });
    expect(first.view.callback_id).toBe(VIEW.questionnaire);
    expect(inputIds(first)).not.toContain("gaps");
    const withGaps = await choose(h, first, "shortfall", "yes", REQUESTER, { title: ANSWERS.title });
    expect(inputIds(withGaps)).toContain("gaps");
    // What was typed before the redraw is still there.
    expect(JSON.stringify(withGaps.view.blocks)).toContain(`"initial_value":"${ANSWERS.title}"`);

    // Steps 2 and 3 are pushed; the team stops on step 3 and closes the form.
    const walked = await walkQuestionnaire(h, first, ANSWERS, { userId: REQUESTER, unknowns: ["data.versioned"], stopAt: "costs" });
    const [, second, third] = walked.views;
    expect(second!.view.callback_id).toBe(VIEW.questionnaireEvidence);
    expect(inputIds(second!)).toEqual(expect.arrayContaining(["evals.baselineScore", "evals.targetScore"]));
    expect(third!.view.callback_id).toBe(VIEW.questionnaireCosts);
    expect(third!.previousViewId).toBe(second!.id);
    // A latency or cost gap asks for costs without asking whether there are cost figures.
    expect(inputIds(third!)).toEqual(expect.arrayContaining(["costs.trainingUsd", "costs.currentUsdPerMTok"]));
    expect(inputIds(third!)).not.toContain("costFigures");
    for (const view of walked.views) expect(inputIds(view).length).toBeLessThanOrEqual(12);
    const closed = await h.driver.sendViewClosed({ userId: REQUESTER, view: third!, cleared: true });
    expect(closed?.status).toBe(200);
    expect(draftOf(REQUESTER)?.values).toMatchObject({ title: ANSWERS.title, gaps: ["latency-cost"], "data.versioned": "unknown" });

    // Next time: the draft is offered back, filled in.
    const again = await openQuestionnaire(h);
    expect(JSON.stringify(again.view.blocks)).toContain("Continuing your draft from <!date^");
    expect(JSON.stringify(again.view.blocks)).toContain(`"initial_value":"${ANSWERS.title}"`);
    const resumed = await walkQuestionnaire(h, again, ANSWERS, { userId: REQUESTER, unknowns: ["data.versioned"], stopAt: "costs" });
    const costs = resumed.views.at(-1)!;

    // Picking the model to fine-tune from the menu fills in both prices, with where they came from.
    await findModel(h, costs, "candidateModel", "gpt-4o-mini-2024-07-18", REQUESTER);
    const picked = await choose(h, costs, "candidateModel", "gpt-4o-mini-2024-07-18", REQUESTER, { baseModel: "gpt-4o" });
    const priceInputs = (picked.view.blocks as Json[]).filter(
      (b) => String(b.block_id).startsWith("costs.") && String(b.block_id).includes("PerMTok"),
    );
    expect(priceInputs.map((b) => [b.block_id, (b.element as Json).initial_value])).toEqual([
      ["costs.currentUsdPerMTok~1", "4.375"],
      ["costs.fineTunedUsdPerMTok~1", "0.2625"],
    ]);
    expect(JSON.stringify(priceInputs)).toContain("From models.dev (copy in this app), 2 Jul 2026.");

    // The team keeps the filled-in prices and gives its own training cost and volume.
    const fill = formFill(
      {
        baseModel: "gpt-4o",
        candidateModel: "gpt-4o-mini-2024-07-18",
        "volume.requestsPerMonth": "3000000",
        "volume.tokensPerRequest": "1200",
        compliance: "none",
        "costs.trainingUsd": "2000",
      },
      picked.view,
    );
    for (const b of priceInputs) delete fill[String(b.block_id)];
    const submitted = await h.driver.sendViewSubmission({ userId: REQUESTER, view: picked, values: fill });
    expect(submitted.json).toEqual({ response_action: "clear" });
    expect(resumed.views.every((v) => h.emulator.view(v.id)?.open === false)).toBe(true);

    const decision = await h.emulator.waitFor(() => h.decisions().find((d) => d.title === ANSWERS.title && d.replyTs), 5000, "posted");
    expect(decision.answers.costs).toEqual({ trainingUsd: 2000, currentUsdPerMTok: 4.375, fineTunedUsdPerMTok: 0.2625 });
    expect(decision.answers.data.versioned).toBe(false);
    expect(decision.unknownAnswers).toEqual(["data.versioned"]);
    expect(draftOf(REQUESTER)).toBeNull();

    // The verdict names the break-even, says what was not known, and opens the answers behind it.
    const message = h.emulator.message(CHANNEL, decision.messageTs!)!;
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain("*Break-even:* Saving");
    expect(shown).toContain("didn't know data versioning");
    const reply = JSON.stringify(h.emulator.threadReplies(CHANNEL, decision.messageTs!)[0]!.blocks);
    expect(reply).toContain("You didn't know whether the data is versioned, so we took it that the data is not versioned.");
    const opens = h.emulator.callsTo("views.open").length;
    const click = await h.driver.sendBlockAction({
      userId: REVIEWERS[0],
      actionId: ACTION.viewAnswers,
      blockId: BLOCK.verdictActions,
      message,
    });
    expect(click.status).toBe(200);
    const answersView = await h.emulator.waitFor(() => h.emulator.callsTo("views.open")[opens], 3000, "answers opened");
    expect(answersView.response.ok).toBe(true);
    const answersText = JSON.stringify(answersView.args.view);
    expect(answersText).toContain("Model you would fine-tune");
    expect(answersText).toContain("`gpt-4o-mini-2024-07-18`");
    expect(answersText).toContain("Don't know _(decided as if the data is not versioned)_");

    // Its foot offers the decision record, pushed over the answers.
    const answersModal = h.emulator.view(String((answersView.response as { view: { id: string } }).view.id))!;
    const pushes = h.emulator.callsTo("views.push").length;
    const exported = await h.driver.sendBlockAction({
      userId: REVIEWERS[0],
      actionId: ACTION.exportRecord,
      blockId: BLOCK.answersExport,
      view: answersModal,
    });
    expect(exported.status).toBe(200);
    const record = await h.emulator.waitFor(() => h.emulator.callsTo("views.push")[pushes], WAIT_MS, "record pushed");
    expect(record.response.ok).toBe(true);
    const recordText = JSON.stringify(record.args.view);
    expect(recordText).toContain(`as a decision record (Markdown)`);
    expect(recordText).toContain(`# ${decision.number}. ${ANSWERS.title}`);
    expect(recordText).toContain("## Context");
  });

  it("Back returns to the step before, and what was typed on the step left is kept", async () => {
    const user = REVIEWERS[1];
    const answers = validAnswers({ title: "Back and forth" });
    const walked = await walkQuestionnaire(h, await openQuestionnaire(h, { userId: user }), answers, { userId: user, stopAt: "costs" });
    const [, second, costs] = walked.views;
    // Typed on step 3, then Back: Slack closes step 3 (the app is told, with what was entered) and step 2 shows again.
    await findModel(h, costs!, "baseModel", "gpt-4.1", user);
    const typed = { ...formFill({}, costs!.view), baseModel: "gpt-4.1", "volume.requestsPerMonth": "5000" };
    await h.driver.sendViewClosed({ userId: user, view: costs!, values: typed });
    expect(h.emulator.view(costs!.id)?.open).toBe(false);
    expect(h.emulator.view(second!.id)?.open).toBe(true);
    // Next again: step 3 comes back with what was typed on it.
    const res = await h.driver.sendViewSubmission({ userId: user, view: second!, values: formFill(answersToForm(answers), second!.view) });
    expect((res.json as Json).response_action).toBe("push");
    const pushed = res.ack!.view as Json;
    const again = JSON.stringify(pushed.blocks);
    expect(again).toContain('"initial_value":"5000"');
    expect(again).toContain('"value":"gpt-4.1"');
    const third = h.emulator.view(String(pushed.id))!;
    await h.driver.sendViewClosed({ userId: user, view: third, cleared: true });
  });

  it("Start over drops the draft and empties the form", async () => {
    const user = REVIEWERS[2];
    const first = await openQuestionnaire(h, { userId: user, text: "To be dropped" });
    await h.driver.sendViewClosed({ userId: user, view: first });
    expect(draftOf(user)?.values.title).toBe("To be dropped");
    const offered = await openQuestionnaire(h, { userId: user });
    const updates = h.emulator.callsTo("views.update").length;
    await h.driver.sendBlockAction({ userId: user, view: offered, blockId: BLOCK.draft, actionId: ACTION.startOver });
    await h.emulator.waitFor(() => h.emulator.callsTo("views.update").length > updates, 3000, "emptied");
    const emptied = h.emulator.view(offered.id)!;
    expect(JSON.stringify(emptied.view.blocks)).not.toContain("To be dropped");
    expect(JSON.stringify(emptied.view.blocks)).not.toContain("Continuing your draft");
    expect(inputIds(emptied)).toContain("title~1");
    expect(draftOf(user)).toBeNull();
  });

  it("lets a redraw that lost a race go (hash_conflict), and the next choice redraws the form", async () => {
    const first = await openQuestionnaire(h);
    h.emulator.failNext("views.update", { error: "hash_conflict" });
    const updates = h.emulator.callsTo("views.update").length;
    await h.driver.sendBlockAction({ userId: REQUESTER, view: first, blockId: "shortfall", actionId: "value", value: "yes" });
    await h.emulator.waitFor(() => h.emulator.callsTo("views.update").length > updates, 3000, "the refused redraw");
    expect(h.emulator.callsTo("views.update").at(-1)?.response).toMatchObject({ ok: false, error: "hash_conflict" });
    const redrawn = await choose(h, first, "shortfall", "yes", REQUESTER);
    expect(inputIds(redrawn)).toContain("gaps");
    await h.driver.sendViewClosed({ userId: REQUESTER, view: redrawn });
  });
});
