// `npm run demo`: the real app in HTTP mode against the in-repo Slack emulator, with a temporary database, playing
// one whole review. Needs no Slack account; prints what the bot posts as readable text.
import { readFileSync } from "node:fs";
import { parseAnswers } from "../src/engine/answers.js";
import { CHANNEL, REQUESTER, REVIEWERS, runReview, startHarness } from "../test/support/harness.js";

const say = (line = "") => process.stdout.write(`${line}\n`);
const file = new URL("../test/fixtures/answers/ticket-triage.json", import.meta.url);
const parsed = parseAnswers(JSON.parse(readFileSync(file, "utf8")));
if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));

const h = await startHarness();
try {
  say(`Slack emulator on ${h.emulator.url}, app on http://127.0.0.1:${h.app.port}/slack/events, database ${h.dbPath}`);
  say(`\n> ${REQUESTER} types: /should-we-finetune ${parsed.answers.title}`);
  const { view, decision } = await runReview(h, parsed.answers, { text: parsed.answers.title });
  const inputs = (view.view.blocks as Array<{ type: string }>).filter((b) => b.type === "input").length;
  say(
    `> the questionnaire opened (${inputs} fields); ${REQUESTER} filled it in from ${file.pathname.split("/").slice(-3).join("/")} and submitted`,
  );
  say(`> decision #${decision.id} stored and posted`);
  for (const reviewer of REVIEWERS.slice(0, 2)) {
    say(`> ${reviewer} reacts with :white_check_mark:`);
    await h.driver.sendReaction({ userId: reviewer, reaction: "white_check_mark", channelId: CHANNEL, messageTs: decision.messageTs! });
  }
  await h.emulator.waitFor(() => h.decision(decision.id)?.status === "approved", 5000, "approval");
  await h.emulator.waitFor(
    () => JSON.stringify(h.emulator.message(CHANNEL, decision.messageTs!)?.blocks).includes("Approved"),
    5000,
    "update",
  );
  say(`> decision #${decision.id} is ${h.decision(decision.id)?.status}\n`);
  say("What the bot posted in #ml-decisions:\n");
  say(h.emulator.render(CHANNEL));
} finally {
  await h.stop();
}
