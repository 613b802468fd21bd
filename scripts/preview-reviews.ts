// `npx tsx scripts/preview-reviews.ts [OUT_DIR]`: plays the weeks after a verdict through the real app against the
// Slack emulator (a reminder, Approve, Request changes with a reason, Revise answers, list, show, the decision record,
// App Home), saves each surface exactly as the app sent it as blockkit-preview input, and renders them for a desktop
// and a 390 px phone when the preview tool is found (BLOCKKIT_PREVIEW, default ../shared/tools/blockkit-preview/preview).
// OUT_DIR (default previews/reviews, which git ignores) gets json/ and png/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ACTION, BLOCK, VIEW } from "../src/slack/ids.js";
import type { Json } from "../test/emulator/block-kit-checks.js";
import type { StoredMessage } from "../test/emulator/slack-emulator.js";
import { validAnswers } from "../test/support/answers.js";
import { walkQuestionnaire } from "../test/support/fill.js";
import { CHANNEL, REQUESTER, REVIEWERS, runReview, startHarness } from "../test/support/harness.js";

const out = resolve(process.argv[2] ?? "previews/reviews");
const jsonDir = join(out, "json");
rmSync(jsonDir, { recursive: true, force: true });
mkdirSync(jsonDir, { recursive: true });
const [ALICE, BOB, CAROL] = REVIEWERS;
const users = Object.fromEntries([REQUESTER, ...REVIEWERS].map((id) => [id, id.slice(1).toLowerCase()]));
const save = (name: string, surface: Json) =>
  writeFileSync(
    join(jsonDir, `${name}.json`),
    JSON.stringify({ app: "Should We Finetune", channel: "ml-decisions", users, ...surface }, null, 2),
  );
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
  message("01-verdict-in-review", "The verdict: reviewers named, what approving means, Approve / Request changes", verdict());
  clock = Date.parse(decision.reviewOpenedAt!) + 2 * 86_400_000;
  await h.remind();
  const reminder = h.emulator.threadReplies(CHANNEL, decision.messageTs!).find((m) => m.text.startsWith(":alarm_clock:"))!;
  reply("02-reminder", "Two days later: a reminder naming who has not reviewed", reminder, verdict());
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
  message("03-verdict-approved", "Approved: one by reaction, one with the button", verdict(), {
    reactions: [{ name: "white_check_mark", count: 1 }],
  });
  const approved = h.emulator.threadReplies(CHANNEL, decision.messageTs!).find((m) => m.text.includes("is approved by"))!;
  reply("04-approved-reply", "The requester hears the outcome", approved, verdict());

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
  save("05-reason-form", { kind: "modal", title: "Request changes asks why", view: form.view, values: { [BLOCK.reasonInput]: reason } });
  await h.driver.sendViewSubmission({ userId: CAROL!, view: form, values: { [BLOCK.reasonInput]: reason } });
  await h.emulator.waitFor(() => h.decision(old.id)?.status === "changes-requested", 30_000, "changes requested");
  await h.settled();
  message("06-verdict-changes-requested", "Changes requested: who and why, and Revise answers", oldVerdict());
  const request = h.emulator.threadReplies(CHANNEL, old.messageTs!).find((m) => m.text.includes("requested changes"))!;
  reply("07-changes-requested-reply", "The requester is told, with Revise answers", request, oldVerdict());

  await h.driver.sendReaction({ userId: ALICE!, reaction: "x", channelId: CHANNEL, messageTs: old.messageTs! });
  await h.settled();
  const prompt = h.emulator.ephemeralsIn(CHANNEL, ALICE).find((m) => m.text.includes("You requested changes"))!;
  save("08-reason-prompt", { kind: "ephemeral", title: "A ❌ reaction: its reviewer is asked why", message: asMessage(prompt) });

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
  save("09-revise-form", { kind: "modal", title: "Revise answers: the first step with the stored answers", view: questionnaire.view });
  const revised = validAnswers({
    title: "Support reply drafting",
    evals: { hasEvalSet: true, hasHeldOutTestSet: true, hasPromptedBaseline: true, baselineScore: 91, targetScore: 90 },
  });
  await walkQuestionnaire(h, questionnaire, revised, { userId: REQUESTER });
  const child = await h.emulator.waitFor(() => h.decisions().find((d) => d.parentId === old.id && d.replyTs), 30_000, "revision");
  await h.settled();
  message(
    "10-revision-broadcast",
    "The revision, shown in the channel: what changed first",
    h.emulator.message(CHANNEL, child.messageTs!)!,
  );
  message("11-old-verdict-superseded", "The old verdict: superseded, no buttons", oldVerdict());

  // Finding it again.
  for (const [name, title, text] of [
    ["12-list", "list: this channel", "list"],
    ["13-list-filter", "list status:superseded", "list status:superseded"],
    ["14-search", "search", "search reply drafting"],
    ["15-show", "show: link, lineage, reasons, answers", `show ${old.number}`],
    ["16-show-markdown", "show --markdown: the decision record", `show ${child.number} --markdown`],
    ["17-show-missing", "A number nobody can see", "show 99999999999999999999999"],
  ] as const) {
    const res = await h.driver.sendSlashCommand({ userId: ALICE!, channelId: CHANNEL, text });
    ephemeral(name, title, `/should-we-finetune ${text}`, res.json);
  }
  for (let i = 0; i < 12; i++) await runReview(h, validAnswers({ title: `Older decision ${i + 1}` }));
  const many = await h.driver.sendSlashCommand({ userId: ALICE!, channelId: CHANNEL, text: "list all" });
  ephemeral("18-list-paged", "list all: a page, and Older decisions", "/should-we-finetune list all", many.json);
  await h.driver.sendAppHomeOpened(REQUESTER);
  const home = await h.emulator.waitFor(() => h.emulator.homeView(REQUESTER), 30_000, "home");
  save("19-home", { kind: "home", title: "App Home: rows with links, paging", view: home.view });
} finally {
  await h.stop();
}

const tool = process.env.BLOCKKIT_PREVIEW ?? resolve("../shared/tools/blockkit-preview/preview");
if (existsSync(tool)) {
  execFileSync(tool, [jsonDir, join(out, "png")], { stdio: "inherit" });
  process.stdout.write(`previews in ${join(out, "png")}\n`);
} else {
  process.stdout.write(`surfaces saved in ${jsonDir}; set BLOCKKIT_PREVIEW to render them\n`);
}
