// `npx tsx scripts/demo-workflow.ts`: the "Assess fine-tuning" workflow step, run twice against the in-repo Slack
// emulator (the real app over signed HTTP, a temporary database): once with good answers, once with a typo. Prints what
// the workflow gets back and what other apps read in the verdict's metadata.
import { readFileSync } from "node:fs";
import { parseAnswers } from "../src/engine/answers.js";
import { FUNCTION } from "../src/slack/ids.js";
import type { FunctionDefinition, WorkflowRun } from "../test/emulator/slack-emulator.js";
import { CHANNEL, REQUESTER, startHarness } from "../test/support/harness.js";

const say = (line = "") => process.stdout.write(`${line}\n`);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const parsed = parseAnswers(read("../test/fixtures/answers/ticket-triage.json"));
if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
const { title, baseModel, candidateModel, ...rest } = parsed.answers;
const manifest = read("../manifests/manifest.http.json") as { functions: Record<string, FunctionDefinition> };

const h = await startHarness();
try {
  h.emulator.declareFunctions(manifest.functions);
  const run = async (answers: string): Promise<WorkflowRun> => {
    const inputs = { channel: CHANNEL, requester: REQUESTER, title, production_model: baseModel, answers };
    say(`> a workflow reaches "Assess fine-tuning" with the title "${title}", ${baseModel} and ${answers.length} characters of answers`);
    const started = h.emulator.startWorkflowStep(FUNCTION.assessFineTuning, {
      ...inputs,
      ...(candidateModel ? { candidate_model: candidateModel } : {}),
    });
    await h.driver.sendFunctionExecuted(started);
    return h.emulator.waitFor(() =>
      h.emulator.workflowRun(started.id)?.state !== "running" ? h.emulator.workflowRun(started.id) : undefined,
    );
  };

  const good = await run(JSON.stringify(rest));
  say(`> the step completed; the workflow can branch on its outputs:\n${JSON.stringify(good.outputs, null, 2)}\n`);
  await h.settled();
  const decision = h.decisions().at(-1)!;
  say(
    `What other apps read in the verdict message's metadata:\n${JSON.stringify(h.emulator.message(CHANNEL, decision.messageTs!)?.metadata, null, 2)}\n`,
  );

  const typo = await run(JSON.stringify({ ...rest, tsk: rest.task, task: undefined }));
  say(`> the step failed, and the workflow shows: ${typo.error}\n`);
  say("What the bot posted in #ml-decisions:\n");
  say(h.emulator.render(CHANNEL));
} finally {
  await h.stop();
}
