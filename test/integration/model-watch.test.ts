import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION, VIEW } from "../../src/slack/ids.js";
import { validAnswers } from "../support/answers.js";
import { CatalogServer, modelsDevSlice } from "../support/catalog-server.js";
import { fillFromAnswers } from "../support/fill.js";
import { CHANNEL, type Harness, REQUESTER, REVIEWERS, runReview, startHarness } from "../support/harness.js";

let h: Harness;
let catalog: CatalogServer;
let clock: Date;

beforeEach(async () => {
  catalog = await CatalogServer.start(
    modelsDevSlice({
      openai: ["gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20", "gpt-4o-mini"],
      anthropic: ["claude-3-haiku-20240307"],
    }),
  );
  clock = new Date("2026-11-24T12:00:00Z");
  h = await startHarness({ MODEL_SOURCES: "models.dev", MODELS_DEV_URL: catalog.url }, { now: () => clock });
});
afterEach(async () => {
  await h.stop();
  await catalog.stop();
});

const notices = (threadTs: string) =>
  h.emulator
    .threadReplies(CHANNEL, threadTs)
    .filter(
      (m) =>
        JSON.stringify(m.blocks ?? []).includes(ACTION.reEvaluate) ||
        m.text?.includes("Newer base model") ||
        m.text?.includes("deprecated"),
    );

async function decisionOn(baseModel: string, title = `Decision on ${baseModel}`) {
  const { decision } = await runReview(h, validAnswers({ baseModel, title }));
  return decision;
}

function noticeButton(message: { blocks?: unknown[] }, actionId: string) {
  const actions = (
    message.blocks as Array<{ type: string; block_id?: string; elements?: Array<{ action_id: string; value: string }> }>
  ).find((b) => b.type === "actions");
  return { blockId: actions!.block_id!, element: actions!.elements!.find((e) => e.action_id === actionId)! };
}

async function click(message: { ts: string; blocks?: unknown[] }, actionId: string, userId: string = REVIEWERS[0]) {
  const { blockId } = noticeButton(message, actionId);
  const res = await h.driver.sendBlockAction({ userId, actionId, blockId, channelId: CHANNEL, messageTs: message.ts });
  expect(res.status).toBe(200);
  return res;
}

describe("base-model watch, end to end", () => {
  it("pings the decision's thread once, naming every newer version, and never again — across restarts too", async () => {
    const a = await decisionOn("gpt-4o-2024-05-13");
    const b = await decisionOn("gpt-4o-2024-05-13", "Another team on the same model");
    const current = await decisionOn("gpt-4o-2024-11-20");

    await h.checkModels();
    expect(catalog.requests).toBe(1);
    const [notice] = notices(a.threadTs!);
    expect(notices(a.threadTs!)).toHaveLength(1);
    expect(notices(b.threadTs!)).toHaveLength(1);
    expect(notices(current.threadTs!)).toHaveLength(0);
    const text = JSON.stringify(notice!.blocks);
    expect(text).toContain("gpt-4o-2024-08-06");
    expect(text).toContain("gpt-4o-2024-11-20");
    expect(text).toContain("released 2024-11-20");
    expect(text).not.toContain("gpt-4o-mini");
    expect(text).toContain(`<@${REQUESTER}>`);
    for (const id of [ACTION.reEvaluate, ACTION.ignoreVersion, ACTION.snoozeVersion]) expect(text).toContain(id);

    await h.checkModels();
    expect(catalog.requests).toBe(2);
    await h.restart({ MODEL_SOURCES: "models.dev", MODELS_DEV_URL: catalog.url });
    await h.checkModels();
    expect(notices(a.threadTs!)).toHaveLength(1);
    expect(notices(b.threadTs!)).toHaveLength(1);

    const listed = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: "list" });
    expect(JSON.stringify(listed.json)).toContain("newer base model");
    await h.driver.sendAppHomeOpened(REQUESTER);
    const home = await h.emulator.waitFor(() => h.emulator.homeView(REQUESTER), 10_000, "home published");
    expect(JSON.stringify(home.view)).toContain("newer base model: `gpt-4o-2024-08-06`");
  });

  it("announces a version only once it is MODEL_MIN_AGE_DAYS old", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13");
    clock = new Date("2024-11-21T00:00:00Z"); // gpt-4o-2024-11-20 is one day old
    await h.checkModels();
    expect(JSON.stringify(notices(d.threadTs!)[0]!.blocks)).not.toContain("gpt-4o-2024-11-20");
    clock = new Date("2024-11-24T00:00:00Z");
    await h.checkModels();
    const all = notices(d.threadTs!);
    expect(all).toHaveLength(2);
    expect(JSON.stringify(all[1]!.blocks)).toContain("gpt-4o-2024-11-20");
    expect(JSON.stringify(all[1]!.blocks)).not.toContain("gpt-4o-2024-08-06");
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
    30_000,
  );

  it("a notice Slack accepted just before the app went down is not announced again", async () => {
    // Slow to give up on a call, and quick to stop: the stop leaves the notice's post in flight, as a crash would.
    await h.restart({ MODEL_SOURCES: "models.dev", MODELS_DEV_URL: catalog.url }, { slackTimeoutMs: 600_000, stopGraceMs: 100 });
    const d = await decisionOn("gpt-4o-2024-05-13");
    h.emulator.failNext("chat.postMessage", { hang: true, afterEffect: true });
    await h.app.checkModelsNow();
    await h.emulator.waitFor(() => h.emulator.callsTo("chat.postMessage").some((c) => c.status === 0), 10_000, "the notice in flight");
    expect(notices(d.threadTs!)).toHaveLength(1);
    await h.app.stop();
    expect(h.jobs(d.id).find((j) => j.kind === "post-notice")).toMatchObject({ status: "running", maybeSent: true });
    h.emulator.releaseHung();

    await h.restart({ MODEL_SOURCES: "models.dev", MODELS_DEV_URL: catalog.url });
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

  it("Ignore keeps those versions quiet", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13");
    await h.checkModels();
    const notice = notices(d.threadTs!)[0]!;
    await click(notice, ACTION.ignoreVersion);
    const updated = await h.emulator.waitFor(
      () => {
        const m = h.emulator.message(CHANNEL, notice.ts);
        return JSON.stringify(m?.blocks).includes("Ignored by") ? m : undefined;
      },
      10_000,
      "notice updated",
    );
    expect(JSON.stringify(updated.blocks)).not.toContain(ACTION.reEvaluate);
    clock = new Date("2027-06-01T00:00:00Z");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
  });

  it("Snooze keeps them quiet for 30 days, then tells again", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13");
    await h.checkModels();
    await click(notices(d.threadTs!)[0]!, ACTION.snoozeVersion);
    await h.emulator.waitFor(
      () => JSON.stringify(h.emulator.message(CHANNEL, notices(d.threadTs!)[0]!.ts)?.blocks).includes("Snoozed until 2026-12-24"),
      10_000,
      "snoozed",
    );
    clock = new Date("2026-12-20T00:00:00Z");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
    clock = new Date("2026-12-25T00:00:00Z");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(2);
  });

  it("Re-evaluate opens the questionnaire pre-filled with the new base model and posts the new verdict in the same thread, with what changed", async () => {
    const d = await decisionOn("gpt-4o-2024-05-13", "Re-evaluated decision");
    await h.checkModels();
    const notice = notices(d.threadTs!)[0]!;
    await click(notice, ACTION.reEvaluate, REQUESTER);
    const view = await h.emulator.waitFor(
      () => {
        const v = h.emulator.lastView();
        return v?.view.callback_id === VIEW.questionnaire && JSON.stringify(v.view.blocks).includes("Re-evaluating") ? v : undefined;
      },
      10_000,
      "pre-filled questionnaire",
    );
    const prefilled = JSON.stringify(view.view.blocks);
    expect(prefilled).toContain('"initial_value":"gpt-4o-2024-11-20"');
    expect(prefilled).toContain('"initial_value":"Re-evaluated decision"');

    const changed = validAnswers({
      baseModel: "gpt-4o-2024-11-20",
      title: "Re-evaluated decision",
      evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 91, targetScore: 90 },
    });
    const res = await h.driver.sendViewSubmission({ userId: REQUESTER, view, values: fillFromAnswers(changed) });
    expect(res.status).toBe(200);
    const child = await h.emulator.waitFor(
      () => h.decisions().find((x) => x.parentId === d.id && x.replyTs),
      10_000,
      "re-evaluation posted",
    );
    expect(child.threadTs).toBe(d.threadTs);
    expect(child.verdict.fineTune).toBe("no");
    const message = JSON.stringify(h.emulator.message(CHANNEL, child.messageTs!)!.blocks);
    expect(message).toContain(`#${child.number} (revises #${d.number})`);
    expect(message).toContain("*What you changed:*");
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

    // The re-evaluated version no longer waits for review, and the next pass stays quiet about it.
    const listed = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text: `show ${d.number}` });
    expect(JSON.stringify(listed.json)).not.toContain("gpt-4o-2024-11-20");
    await h.checkModels();
    expect(notices(d.threadTs!)).toHaveLength(1);
  });

  it("warns once when a catalog marks the recorded base model deprecated", async () => {
    const d = await decisionOn("claude-3-haiku-20240307");
    await h.checkModels();
    await h.checkModels();
    const warnings = h.emulator.threadReplies(CHANNEL, d.threadTs!).filter((m) => m.text?.includes("deprecated"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.text).toContain("claude-3-haiku-20240307");
  });
});
