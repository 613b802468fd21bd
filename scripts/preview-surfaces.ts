// `npx tsx scripts/preview-surfaces.ts [OUT_DIR]`: plays the questionnaire, three verdicts and the weeks after a verdict
// (reviews, revisions, lists, App Home) through the real app against the Slack emulator, saves every surface exactly as the app sent it (views.open / views.update / view
// pushes, messages, thread replies, ephemeral replies) as blockkit-preview input, and renders them for a desktop and
// a 390 px phone when the preview tool is found (BLOCKKIT_PREVIEW, default ../shared/tools/blockkit-preview/preview).
// OUT_DIR (default previews/, which git ignores) gets json/ and png/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Answers } from "../src/engine/answers.js";
import { ACTION, BLOCK, VIEW } from "../src/slack/ids.js";
import type { Json } from "../test/emulator/block-kit-checks.js";
import type { StoredMessage, StoredView } from "../test/emulator/slack-emulator.js";
import { validAnswers } from "../test/support/answers.js";
import { choose, findModel, formFill, walkQuestionnaire } from "../test/support/fill.js";
import { CHANNEL, type Harness, openQuestionnaire, REQUESTER, REVIEWERS, runReview, startHarness } from "../test/support/harness.js";

const out = resolve(process.argv[2] ?? "previews");
const jsonDir = join(out, "json");
rmSync(jsonDir, { recursive: true, force: true });
mkdirSync(jsonDir, { recursive: true });
const users = Object.fromEntries([REQUESTER, ...REVIEWERS].map((id) => [id, id.slice(1).toLowerCase()]));
const save = (name: string, surface: Json) =>
  writeFileSync(
    join(jsonDir, `${name}.json`),
    JSON.stringify({ app: "Should We Finetune", channel: "ml-decisions", users, ...surface }, null, 2),
  );
const modal = (name: string, title: string, view: StoredView, extra: Json = {}) =>
  save(name, { kind: "modal", title, view: view.view, ...extra });

/** A not-yet verdict with many warnings: the one a reviewer must read on a phone. */
const NOT_YET: Answers = validAnswers({
  title: "Contract clause extractor",
  task: "extraction",
  gaps: ["format", "knowledge"],
  tried: ["prompt-engineering"],
  evals: { hasEvalSet: false, hasHeldOutTestSet: false, hasPromptedBaseline: false },
  data: { labeledExamples: 350, quality: "noisy", versioned: false },
  volume: { requestsPerMonth: 20_000, tokensPerRequest: 1500 },
  taskChangeFrequency: "monthly",
  tasksServed: 3,
  baseModel: "gpt-4o",
  candidateModel: "gpt-4o-mini-2024-07-18",
  mlopsCapacity: false,
  costs: { trainingUsd: 3000, currentUsdPerMTok: 4.375, fineTunedUsdPerMTok: 0.6 },
});
const NOT_YET_UNKNOWNS = ["data.quality", "data.versioned", "mlopsCapacity", "taskChangeFrequency"];

async function questionnaire(h: Harness): Promise<void> {
  const first = await openQuestionnaire(h, { text: "Contract clause extractor" });
  modal("01-step1-opened", "Step 1 as it opens (title typed after the command)", first);
  const withGaps = await choose(h, first, "shortfall", "yes", REQUESTER, { title: "Contract clause extractor" });
  modal("02-step1-gaps-shown", "Step 1 after 'Yes, and we can say how': the gaps appear", withGaps);
  const empty = formFill({}, withGaps.view);
  const refused = await h.driver.sendViewSubmission({
    userId: REQUESTER,
    view: withGaps,
    values: { ...empty, shortfall: "yes" },
    clientChecks: false,
  });
  const errors = (refused.json as { errors?: Json }).errors ?? {};
  modal("03-step1-errors", "Step 1 submitted empty: errors in plain words", withGaps, { errors, values: { shortfall: "yes" } });

  const walked = await walkQuestionnaire(h, first, NOT_YET, { userId: REQUESTER, unknowns: NOT_YET_UNKNOWNS, stopAt: "evidence" });
  modal("04-step2-opened", "Step 2 as it opens", walked.views.at(-1)!);
  const scored = await choose(h, walked.views.at(-1)!, "evals.hasPromptedBaseline", "yes", REQUESTER);
  modal("05-step2-scores-shown", "Step 2 after 'scored: yes': the scores appear", scored);
  // Back to step 1 and closed: the answers so far become a draft.
  await h.driver.sendViewClosed({ userId: REQUESTER, view: scored });
  await h.driver.sendViewClosed({ userId: REQUESTER, view: walked.views[0]! });
  const resumed = await openQuestionnaire(h);
  modal("06-step1-draft", "Step 1 the next time: the draft offered back", resumed);
  await h.driver.sendViewClosed({ userId: REQUESTER, view: resumed });

  const costs = await walkQuestionnaire(
    h,
    await openQuestionnaire(h),
    { ...NOT_YET, gaps: ["latency-cost"], costs: undefined },
    {
      userId: REQUESTER,
      stopAt: "costs",
    },
  );
  const step3 = costs.views.at(-1)!;
  modal("07-step3-opened", "Step 3 for a latency and cost gap: the cost fields show", step3);
  await findModel(h, step3, "candidateModel", "gpt-4o-mini-2024-07-18", REQUESTER);
  const options = h.emulator.callsTo("block_suggestion").at(-1);
  process.stdout.write(`model menu for "gpt-4o-mini-2024-07-18": ${JSON.stringify(options?.response)}\n`);
  const priced = await choose(h, step3, "candidateModel", "gpt-4o-mini-2024-07-18", REQUESTER, { baseModel: "gpt-4o" });
  modal("08-step3-prices", "Step 3 after picking the models: prices filled in from the catalog", priced);
  await h.driver.sendViewClosed({ userId: REQUESTER, view: priced, cleared: true });
}

async function verdict(h: Harness, name: string, answers: Answers, unknowns: string[] = []): Promise<number> {
  const { decision } = await runReview(h, answers, { unknowns });
  const message = h.emulator.message(CHANNEL, decision.messageTs!)!;
  save(`${name}-message`, { kind: "message", title: `${answers.title}: the verdict in the channel`, message, replies: 1 });
  const reply = h.emulator.threadReplies(CHANNEL, decision.messageTs!)[0]!;
  save(`${name}-thread`, { kind: "thread", title: `${answers.title}: the first thread reply`, parent: message, message: reply });
  return decision.id;
}

/**
 * The watch's surfaces: a verdict made on an older day names the versions already out then, and a watch pass tells the
 * thread about each of its models' later ones (the bundled catalog, so nothing leaves the machine).
 */
async function watch(h: Harness): Promise<void> {
  await h.restart({}, { today: () => "2024-09-01" });
  const answers = validAnswers({
    title: "Invoice field extractor",
    baseModel: "gpt-4o-2024-05-13",
    candidateModel: "gpt-4o-mini-2024-07-18",
    asOf: "2024-09-01",
  });
  const { decision } = await runReview(h, answers);
  const message = h.emulator.message(CHANNEL, decision.messageTs!)!;
  save("17-already-out-message", { kind: "message", title: "A verdict naming a newer version already out", message, replies: 3 });
  await h.checkModels();
  const notices = h.emulator.threadReplies(CHANNEL, decision.messageTs!).filter((m) => m.text?.includes("Newer version of"));
  notices.forEach((notice, i) =>
    save(`18-model-notice-${i + 1}`, { kind: "thread", title: "A model notice in the verdict's thread", parent: message, message: notice }),
  );
  process.stdout.write(`model notices: ${notices.length}\n`);
  const opens = h.emulator.callsTo("views.open").length;
  const blockId = BLOCK.modelNoticeActions;
  await h.driver.sendBlockAction({
    userId: REQUESTER,
    actionId: ACTION.reEvaluate,
    blockId,
    channelId: CHANNEL,
    messageTs: notices[0]!.ts,
  });
  await h.emulator.waitFor(() => h.emulator.callsTo("views.open").length > opens, 3000, "re-evaluation opened");
  modal("19-re-evaluate", "Re-evaluate on a notice: step 1, pre-filled", h.emulator.lastView()!);
}

/**
 * Reviews' surfaces, over the weeks after a verdict (reviewers named, reminders on): a reminder, Approve, Request
 * changes with a reason, Revise answers, the revision and the verdict it supersedes, list, show, the record, App Home.
 */
async function reviews(): Promise<void> {
  const [ALICE, BOB, CAROL] = REVIEWERS;
  const asMessage = (m: StoredMessage) => ({ text: m.text, blocks: m.blocks ?? [] });
  const message = (name: string, title: string, m: StoredMessage, extra: Json = {}) =>
    save(name, { kind: "message", title, message: asMessage(m), ...extra });
  const reply = (name: string, title: string, m: StoredMessage, parent: StoredMessage) =>
    save(name, { kind: "thread", title, message: asMessage(m), parent: asMessage(parent) });
  const ephemeral = (name: string, title: string, command: string, body: unknown) =>
    save(name, { kind: "ephemeral", title, command, message: body as Json });
  let clock = Date.now();
  const h = await startHarness({ REVIEWERS: REVIEWERS.join(","), REVIEW_REMINDER_AFTER: "2d" }, { now: () => new Date(clock) });
  try {
    // A review nobody approves: the verdict asks the reviewers, then a reminder, then Approve.
    const { decision } = await runReview(h, validAnswers({ title: "Ticket triage classifier" }));
    const verdict = () => h.emulator.message(CHANNEL, decision.messageTs!)!;
    message("21-verdict-in-review", "The verdict: reviewers named, what approving means, Approve / Request changes", verdict());
    clock = Date.parse(decision.reviewOpenedAt!) + 2 * 86_400_000;
    await h.remind();
    const reminder = h.emulator.threadReplies(CHANNEL, decision.messageTs!).find((m) => m.text.startsWith(":alarm_clock:"))!;
    reply("22-reminder", "Two days later: a reminder naming who has not reviewed", reminder, verdict());
    await h.driver.sendReaction({ userId: ALICE!, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
    const block = BLOCK.verdictActions;
    await h.driver.sendBlockAction({
      userId: BOB!,
      actionId: ACTION.approveDecision,
      blockId: block,
      channelId: CHANNEL,
      messageTs: decision.messageTs!,
    });
    await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", 30_000, "approved");
    await h.settled();
    message("23-verdict-approved", "Approved: one by reaction, one with the button", verdict(), {
      reactions: [{ name: "white_check_mark", count: 1 }],
    });
    const approved = h.emulator.threadReplies(CHANNEL, decision.messageTs!).find((m) => m.text.includes("is approved by"))!;
    reply("24-approved-reply", "The requester hears the outcome", approved, verdict());

    // Changes requested with the button, a reason, then Revise answers.
    const { decision: old } = await runReview(h, validAnswers({ title: "Support reply drafting" }));
    const oldVerdict = () => h.emulator.message(CHANNEL, old.messageTs!)!;
    await h.driver.sendBlockAction({
      userId: CAROL!,
      actionId: ACTION.requestChanges,
      blockId: block,
      channelId: CHANNEL,
      messageTs: old.messageTs!,
    });
    const form = await h.emulator.waitFor(
      () => h.emulator.openedViews().find((v) => v.open && v.view.callback_id === VIEW.changeReason),
      30_000,
      "form",
    );
    const reason = "The baseline was scored on last year's tickets: re-score it on this quarter's before we decide.";
    save("25-reason-form", { kind: "modal", title: "Request changes asks why", view: form.view, values: { [BLOCK.reasonInput]: reason } });
    await h.driver.sendViewSubmission({ userId: CAROL!, view: form, values: { [BLOCK.reasonInput]: reason } });
    await h.emulator.waitFor(() => h.decision(old.id)?.status === "changes-requested", 30_000, "changes requested");
    await h.settled();
    message("26-verdict-changes-requested", "Changes requested: who and why, and Revise answers", oldVerdict());
    const request = h.emulator.threadReplies(CHANNEL, old.messageTs!).find((m) => m.text.includes("requested changes"))!;
    reply("27-changes-requested-reply", "The requester is told, with Revise answers", request, oldVerdict());

    await h.driver.sendReaction({ userId: ALICE!, reaction: "x", channelId: CHANNEL, messageTs: old.messageTs! });
    await h.settled();
    const prompt = h.emulator.ephemeralsIn(CHANNEL, ALICE).find((m) => m.text.includes("You requested changes"))!;
    save("28-reason-prompt", { kind: "ephemeral", title: "A ❌ reaction: its reviewer is asked why", message: asMessage(prompt) });

    await h.driver.sendBlockAction({
      userId: REQUESTER,
      actionId: ACTION.reviseAnswers,
      blockId: BLOCK.changeRequestActions,
      message: request,
    });
    const questionnaire = await h.emulator.waitFor(
      () => h.emulator.openedViews().find((v) => v.open && JSON.stringify(v.view.blocks).includes("Revising decision")),
      30_000,
      "questionnaire",
    );
    save("29-revise-form", { kind: "modal", title: "Revise answers: the first step with the stored answers", view: questionnaire.view });
    const revised = validAnswers({
      title: "Support reply drafting",
      evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 91, targetScore: 90 },
    });
    await walkQuestionnaire(h, questionnaire, revised, { userId: REQUESTER });
    const child = await h.emulator.waitFor(() => h.decisions().find((d) => d.parentId === old.id && d.replyTs), 30_000, "revision");
    await h.settled();
    message(
      "30-revision-broadcast",
      "The revision, shown in the channel: what changed first",
      h.emulator.message(CHANNEL, child.messageTs!)!,
    );
    message("31-old-verdict-superseded", "The old verdict: superseded, no buttons", oldVerdict());

    // Finding it again.
    for (const [name, title, text] of [
      ["32-list", "list: this channel", "list"],
      ["33-list-filter", "list status:superseded", "list status:superseded"],
      ["34-search", "search", "search reply drafting"],
      ["35-show", "show: link, lineage, reasons, answers", `show ${old.number}`],
      ["36-show-markdown", "show --markdown: the decision record", `show ${child.number} --markdown`],
      ["37-show-missing", "A number nobody can see", "show 99999999999999999999999"],
    ] as const) {
      const res = await h.driver.sendSlashCommand({ userId: ALICE!, channelId: CHANNEL, text });
      ephemeral(name, title, `/should-we-finetune ${text}`, res.json);
    }
    for (let i = 0; i < 12; i++) await runReview(h, validAnswers({ title: `Older decision ${i + 1}` }));
    const many = await h.driver.sendSlashCommand({ userId: ALICE!, channelId: CHANNEL, text: "list all" });
    ephemeral("38-list-paged", "list all: a page, and Older decisions", "/should-we-finetune list all", many.json);
    await h.driver.sendAppHomeOpened(REQUESTER);
    const home = await h.emulator.waitFor(() => h.emulator.homeView(REQUESTER), 30_000, "home");
    save("39-home", { kind: "home", title: "App Home: rows with links, paging", view: home.view });
  } finally {
    await h.stop();
  }
}

const h = await startHarness();
try {
  await questionnaire(h);
  const notYet = await verdict(h, "10-not-yet", NOT_YET, NOT_YET_UNKNOWNS);
  await verdict(
    h,
    "11-yes",
    validAnswers({
      title: "Ticket triage classifier",
      candidateModel: "gpt-4.1-mini",
      costs: { trainingUsd: 500, currentUsdPerMTok: 4.375, fineTunedUsdPerMTok: 1.2 },
    }),
  );
  await verdict(h, "12-no", validAnswers({ title: "Support bot tone", gaps: ["knowledge"], tried: ["prompt-engineering"] }));

  const message = h.emulator.message(CHANNEL, h.decision(notYet)!.messageTs!)!;
  const opens = h.emulator.callsTo("views.open").length;
  await h.driver.sendBlockAction({ userId: REVIEWERS[0], actionId: ACTION.viewAnswers, blockId: "verdict_actions", message });
  await h.emulator.waitFor(() => h.emulator.callsTo("views.open").length > opens, 3000, "answers opened");
  const answersOpen = h.emulator.callsTo("views.open").at(-1)!;
  save("13-answers", { kind: "modal", title: "View answers: read-only", view: answersOpen.args.view as Json });
  const answersModal = h.emulator.view(String((answersOpen.response as { view: { id: string } }).view.id))!;
  const pushes = h.emulator.callsTo("views.push").length;
  await h.driver.sendBlockAction({ userId: REVIEWERS[0], actionId: ACTION.exportRecord, blockId: BLOCK.answersExport, view: answersModal });
  await h.emulator.waitFor(() => h.emulator.callsTo("views.push").length > pushes, 3000, "record pushed");
  save("13-answers-record", {
    kind: "modal",
    title: "Decision record (Markdown), over the answers",
    view: h.emulator.callsTo("views.push").at(-1)!.args.view as Json,
  });

  for (const reviewer of REVIEWERS.slice(0, 2)) {
    await h.driver.sendReaction({ userId: reviewer, reaction: "white_check_mark", channelId: CHANNEL, messageTs: message.ts });
  }
  await h.emulator.waitFor(() => JSON.stringify(h.emulator.message(CHANNEL, message.ts)?.blocks).includes("Approved"), 5000, "approved");
  save("14-not-yet-approved", {
    kind: "message",
    title: "The not-yet verdict once approved",
    message: h.emulator.message(CHANNEL, message.ts)!,
    replies: 2,
  });

  for (const [name, text] of [
    ["15-help", "help"],
    ["16-show", `show ${h.decision(notYet)!.number}`],
  ] as const) {
    const res = await h.driver.sendSlashCommand({ userId: REQUESTER, channelId: CHANNEL, text });
    save(name, {
      kind: "ephemeral",
      title: `/should-we-finetune ${text}`,
      command: `/should-we-finetune ${text}`,
      message: res.json as Json,
    });
  }
  await watch(h);
} finally {
  await h.stop();
}
await reviews();

const tool = process.env.BLOCKKIT_PREVIEW ?? resolve("../shared/tools/blockkit-preview/preview");
if (existsSync(tool)) {
  execFileSync(tool, [jsonDir, join(out, "png")], { stdio: "inherit" });
  process.stdout.write(`rendered into ${join(out, "png")}\n`);
} else {
  process.stdout.write(`saved ${jsonDir}; set BLOCKKIT_PREVIEW to the blockkit-preview script to render it\n`);
}
