import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Answers } from "../../src/engine/answers.js";
import { ACTION, BLOCK, VIEW } from "../../src/slack/ids.js";
import { validAnswers } from "../support/answers.js";
import { CatalogServer, modelsDevSlice } from "../support/catalog-server.js";
import { fillFromAnswers, toLastStep } from "../support/fill.js";
import { CHANNEL, type Harness, openQuestionnaire, REQUESTER, REVIEWERS, runReview, startHarness, WAIT_MS } from "../support/harness.js";

// The model watch over signed HTTP, against a slice of the recorded models.dev catalog served on loopback: decisions
// are made on a given day (`today`), and the watch runs later (`clock`).

let h: Harness;
let catalog: CatalogServer;
let clock: Date;
let today: string;

const SLICE = {
  openai: ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20", "gpt-4o-mini", "gpt-4.1"],
  mistral: ["mistral-large-2411", "mistral-large-2512"],
  anthropic: ["claude-3-haiku-20240307"],
};
const env = () => ({ MODEL_SOURCES: "models.dev", MODELS_DEV_URL: catalog.url });

beforeEach(async () => {
  catalog = await CatalogServer.start(modelsDevSlice(SLICE));
  clock = new Date("2026-11-24T12:00:00Z");
  today = "2024-09-01";
  h = await startHarness(env(), { now: () => clock, today: () => today });
});
afterEach(async () => {
  await h.stop();
  await catalog.stop();
});

/** Every notice in a thread: the replies that are about one of the decision's models. */
const notices = (threadTs: string) =>
  h.emulator.threadReplies(CHANNEL, threadTs).filter((m) => m.text?.includes("Newer version of") || m.text?.includes(" is deprecated"));
const shown = (message: { blocks?: unknown[] } | undefined) => JSON.stringify(message?.blocks ?? []);

async function decisionOn(baseModel: string, extra: Partial<Answers> = {}) {
  const { decision } = await runReview(h, validAnswers({ baseModel, title: `Decision on ${baseModel}`, asOf: today, ...extra }));
  return decision;
}

async function click(message: { ts: string }, actionId: string, userId: string = REVIEWERS[0]) {
  const res = await h.driver.sendBlockAction({
    userId,
    actionId,
    blockId: BLOCK.modelNoticeActions,
    channelId: CHANNEL,
    messageTs: message.ts,
  });
  expect(res.status).toBe(200);
}

const updated = (ts: string, text: string) =>
  h.emulator.waitFor(
    () => {
      const m = h.emulator.message(CHANNEL, ts);
      return shown(m).includes(text) ? m : undefined;
    },
    WAIT_MS,
    `notice shows "${text}"`,
  );

describe("the model watch, end to end", () => {
  it("tells a decision about each of its models once, names what was already out in the verdict, and never tells old news", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13", { candidateModel: "mistral-large-2407" });
    // The verdict names the version out before the decision's day (from the catalog the app holds), and only that one.
    const verdict = shown(h.emulator.message(CHANNEL, d.messageTs!));
    expect(verdict).toContain(
      "`gpt-4o-2024-08-06`, a newer version of the production model, is already out: consider scoring the prompted baseline on it first.",
    );
    expect(verdict).not.toContain("gpt-4o-2024-11-20");

    await h.checkModels();
    expect(catalog.requests).toBe(1);
    const told = notices(d.threadTs!);
    expect(told).toHaveLength(2);
    const [production, tuned] = told.map(shown);
    expect(production).toContain("`gpt-4o-2024-05-13`, the production model of decision #");
    expect(production).toContain("`gpt-4o-2024-11-20`, released 2024-11-20 (per <https://models.dev|models.dev>)");
    expect(production).not.toContain("gpt-4o-2024-08-06");
    expect(production).toContain("prompted baseline may now meet the target");
    expect(tuned).toContain("`mistral-large-2407`, the model to fine-tune of decision #");
    expect(tuned).toContain("mistral-large-2411");
    expect(tuned).toContain("mistral-large-2512");
    for (const notice of told) expect(shown(notice)).toContain(`<@${REQUESTER}>`);
    for (const id of [ACTION.reEvaluate, ACTION.ignoreVersion, ACTION.snoozeVersion]) expect(production).toContain(id);

    // A decision made after every version came out hears nothing; the verdict named them all.
    today = "2026-11-24";
    const late = await decisionOn("gpt-4o-2024-05-13");
    expect(shown(h.emulator.message(CHANNEL, late.messageTs!))).toContain(
      "Newer versions of the production model and the model to fine-tune are already out (`gpt-4o-2024-11-20`, `gpt-4o-2024-08-06`)",
    );
    await h.checkModels();
    await h.restart(env(), { now: () => clock, today: () => today });
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(2);
    expect(notices(late.threadTs!)).toHaveLength(0);

    const listed = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: "list" });
    expect(JSON.stringify(listed.json)).toContain("gpt-4o-2024-11-20");
  });

  it("announces a version only once it is MODEL_MIN_AGE_DAYS old", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13");
    clock = new Date("2024-11-21T00:00:00Z"); // gpt-4o-2024-11-20 is one day old
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(0);
    clock = new Date("2024-11-24T00:00:00Z");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
  });

  it.each([
    ["500s", { status: 500 as const }],
    ["429 with Retry-After", { status: 429 as const, retryAfterSec: 1 }],
  ])(
    "when Slack answers %s, the notice is retried until it is posted, once, and the next passes stay quiet",
    async (_name, fault) => {
      const d = await decisionOn("gpt-4o-2024-05-13");
      h.emulator.failNext("chat.postMessage", fault, 4);
      await h.checkModels();
      expect(h.emulator.callsTo("chat.postMessage").filter((c) => c.status === fault.status)).toHaveLength(4);
      expect(notices(d.threadTs!)).toHaveLength(1);
      await h.checkModels();
      expect(notices(d.threadTs!)).toHaveLength(1);
    },
    60_000,
  );

  it("a notice Slack accepted just before the app went down is not announced again", async () => {
    // Slow to give up on a call, and quick to stop: the stop leaves the notice's post in flight, as a crash would.
    await h.restart(env(), { slackTimeoutMs: 600_000, stopGraceMs: 100, now: () => clock, today: () => today });
    const d = await decisionOn("gpt-4o-2024-05-13");
    h.emulator.failNext("chat.postMessage", { hang: true, afterEffect: true });
    await h.app.checkModelsNow();
    await h.emulator.waitFor(() => h.emulator.callsTo("chat.postMessage").some((c) => c.status === 0), WAIT_MS, "the notice in flight");
    expect(notices(d.threadTs!)).toHaveLength(1);
    await h.app.stop();
    expect(h.jobs(d.id).find((j) => j.kind === "post-notice")).toMatchObject({ status: "running", maybeSent: true });
    h.emulator.releaseHung();

    await h.restart(env(), { now: () => clock, today: () => today });
    await h.settled();
    expect(h.jobs(d.id).find((j) => j.kind === "post-notice")).toMatchObject({ status: "done", slackTs: notices(d.threadTs!)[0]!.ts });
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
  });

  it("a failing catalog is skipped without stopping the pass", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13");
    catalog.fail = true;
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(0);
    catalog.fail = false;
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
  });

  it("Ignore keeps those versions quiet, and the notice says who ignored them, without its buttons", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13");
    await h.checkModels();
    const notice = notices(d.threadTs!)[0]!;
    await click(notice, ACTION.ignoreVersion);
    const after = await updated(notice.ts, `Ignored by <@${REVIEWERS[0]}>`);
    expect(shown(after)).not.toContain(ACTION.reEvaluate);
    expect(shown(after)).toContain("gpt-4o-2024-11-20");
    clock = new Date("2027-06-01T00:00:00Z");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
  });

  it("Snooze keeps a notice quiet for 30 days, then tells it again", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13");
    await h.checkModels();
    await click(notices(d.threadTs!)[0]!, ACTION.snoozeVersion, REQUESTER);
    await updated(notices(d.threadTs!)[0]!.ts, `Snoozed until 2026-12-24 by <@${REQUESTER}>`);
    clock = new Date("2026-12-20T00:00:00Z");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
    clock = new Date("2026-12-25T00:00:00Z");
    await h.checkModels();
    const again = notices(d.threadTs!);
    expect(again).toHaveLength(2);
    expect(shown(again[1])).toContain("gpt-4o-2024-11-20");
    expect(shown(again[1])).toContain(ACTION.snoozeVersion);
  });

  it("Re-evaluate opens the questionnaire with the newer version, and the notice then says who re-evaluated it, as which decision", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13");
    await h.checkModels();
    const notice = notices(d.threadTs!)[0]!;
    await click(notice, ACTION.reEvaluate, REQUESTER);
    const view = await h.emulator.waitFor(
      () => {
        const v = h.emulator.lastView();
        return v?.view.callback_id === VIEW.questionnaire && JSON.stringify(v.view.blocks).includes("Re-evaluating") ? v : undefined;
      },
      WAIT_MS,
      "pre-filled questionnaire",
    );
    expect(JSON.stringify(view.view.blocks)).toContain('"initial_value":"Decision on gpt-4o-2024-05-13"');

    today = "2026-11-24";
    const changed = validAnswers({
      baseModel: "gpt-4o-2024-11-20",
      title: "Decision on gpt-4o-2024-05-13",
      evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 91, targetScore: 90 },
    });
    const last = await toLastStep(h, view, changed, REQUESTER);
    // The last step offers the newer model, already picked.
    expect(JSON.stringify(last.view.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"gpt-4o-2024-11-20"},"value":"gpt-4o-2024-11-20"}',
    );
    const res = await h.driver.sendViewSubmission({ userId: REQUESTER, view: last, values: fillFromAnswers(changed, last.view) });
    expect(res.status).toBe(200);
    const child = await h.emulator.waitFor(
      () => h.decisions().find((x) => x.parentId === d.id && x.replyTs),
      WAIT_MS,
      "re-evaluation posted",
    );
    expect(child.threadTs).toBe(d.threadTs);
    expect(child.verdict.fineTune).toBe("no");
    const message = JSON.stringify(h.emulator.message(CHANNEL, child.messageTs!)!.blocks);
    expect(message).toContain(`*What you changed from #${d.number}:*`);
    expect(message).toContain("Model in production today: gpt-4o-2024-05-13 → gpt-4o-2024-11-20");
    expect(message).toContain("*Verdict changed:* :large_green_circle: Fine-tune → :red_circle: Don't fine-tune");
    // The new verdict is shown in the channel too, opening with what changed; the old one says it was replaced.
    const broadcast = h.emulator.messagesIn(CHANNEL).find((m) => m.ts === child.messageTs);
    expect(broadcast?.replyBroadcast).toBe(true);
    expect(broadcast?.text).toMatch(/^Verdict changed: Fine-tune → Don't fine-tune/);
    await h.emulator.waitFor(
      () => JSON.stringify(h.emulator.message(CHANNEL, d.messageTs!)?.blocks).includes(`Superseded by #${child.number}`),
      10_000,
      "the old verdict says it was superseded",
    );

    const after = await updated(notice.ts, `Re-evaluated by <@${REQUESTER}> as decision #${child.number}`);
    expect(shown(after)).not.toContain(ACTION.ignoreVersion);

    // The re-evaluated version no longer waits, and the next pass stays quiet about it.
    const shownDecision = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: `show ${d.number}` });
    expect(JSON.stringify(shownDecision.json)).not.toContain("newer base model");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
    expect(notices(child.threadTs!).filter((m) => m.ts !== notice.ts)).toHaveLength(0);
  });

  it("warns once when a catalog marks a decision's model deprecated, with the date, a link to the source and the buttons", async () => {
    const d = await decisionOn("claude-3-haiku-20240307");
    await h.checkModels();
    await h.checkModels();
    const warnings = notices(d.threadTs!);
    expect(warnings).toHaveLength(1);
    const text = shown(warnings[0]);
    expect(text).toContain("`claude-3-haiku-20240307`, the production model and the model to fine-tune of decision #");
    expect(text).toContain("is deprecated as of 2026-11-24 (per <https://models.dev|models.dev>)");
    for (const id of [ACTION.reEvaluate, ACTION.ignoreVersion, ACTION.snoozeVersion]) expect(text).toContain(id);
  });
});

describe("the questionnaire's model menus", () => {
  it("offer what a watch pass read, beside the copy of the catalog that ships with the app", async () => {
    // A release the bundled copy cannot know: a later gpt-4o, only in the catalog served here.
    const slice = modelsDevSlice(SLICE) as Record<string, { models: Record<string, unknown> }>;
    const openai = slice.openai!.models;
    openai["gpt-4o-2026-11-20"] = { ...(openai["gpt-4o-2024-11-20"] as object), id: "gpt-4o-2026-11-20", release_date: "2026-11-20" };
    catalog.body = slice;
    const last = await toLastStep(h, await openQuestionnaire(h), validAnswers(), REQUESTER);
    const blockId = String((last.view.blocks as { block_id?: string }[]).find((b) => b.block_id?.startsWith("baseModel"))?.block_id);
    const offered = async () => {
      const res = await h.driver.sendBlockSuggestion({ userId: REQUESTER, view: last, blockId, actionId: "value", value: "gpt-4o-2026" });
      return res.options.map((o) => `${o.value} (${(o.description as { text: string }).text})`);
    };
    expect(await offered()).toEqual(["gpt-4o-2026 (Not in the catalogs: use it as typed)"]);
    await h.checkModels();
    expect(await offered()).toEqual([
      "gpt-4o-2026-11-20 (openai · $2.5 in, $10 out per 1M tokens)",
      "gpt-4o-2026 (Not in the catalogs: use it as typed)",
    ]);
  });
});

describe("MODEL_WATCH_POLICY", () => {
  it("reaches the watch pass", async () => {
    today = "2025-01-01";
    const d = await decisionOn("gpt-4o-2024-11-20");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(0);
    await h.restart({ ...env(), MODEL_WATCH_POLICY: "product-line" }, { now: () => clock, today: () => today });
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
    expect(shown(notices(d.threadTs!)[0])).toContain("`gpt-4.1`");
  });
});
