import type { JobContext, JobResult } from "../../delivery/worker.js";
import { type Decision, getDecision } from "../../store/decisions.js";
import { StepPayload } from "../../store/job-payloads.js";
import { COMMAND, WORKFLOW_OUTPUT } from "../ids.js";
import { slackErrorCode } from "../slack-errors.js";
import { BadPayloadError, type DeliveryDeps, type JobTask } from "./delivery-deps.js";

/** What the "Assess fine-tuning" step returns to its workflow (the manifests declare these outputs and their types). */
export function buildStepOutputs(decision: Pick<Decision, "number" | "verdict">, threadLink: string): Record<string, string | number> {
  return {
    [WORKFLOW_OUTPUT.verdict]: decision.verdict.headline,
    [WORKFLOW_OUTPUT.fineTune]: decision.verdict.fineTune,
    [WORKFLOW_OUTPUT.decisionNumber]: decision.number,
    [WORKFLOW_OUTPUT.threadLink]: threadLink,
  };
}

/** The error a workflow shows when the decision was saved but its verdict never made it into the channel. */
export const notPostedStepError = (number: number) =>
  `Decision #${number} was saved, but its verdict could not be posted in the channel (the person who asked was told why). ` +
  `\`${COMMAND} show ${number}\` shows it.`;

const done: JobResult = { outcome: "done" };

/** The verdict's link, asked of Slack when the verdict job could not keep it. */
async function linkOf(deps: DeliveryDeps, context: JobContext, channel: string, messageTs: string): Promise<string> {
  await context.renew();
  const { permalink } = await deps.client.chat.getPermalink({ channel, message_ts: messageTs });
  if (!permalink) throw new Error("chat.getPermalink answered without a permalink");
  return permalink;
}

/**
 * Hands the verdict back to the workflow step that asked for it, once the verdict is posted (the step's completion is
 * queued after the verdict post, and a decision's jobs run in order). A verdict that could not be posted ends the step
 * with an error instead, so the workflow is not left waiting.
 */
export const completeStep: JobTask = async (deps, job, context) => {
  const parsed = StepPayload.safeParse(job.payload);
  if (!parsed.success) throw new BadPayloadError(`job ${job.id}: ${parsed.error.message}`);
  const execution = parsed.data.functionExecutionId;
  const decision = job.decisionId ? await getDecision(deps.db, job.decisionId) : null;
  if (!decision) return done;
  try {
    if (!decision.messageTs) {
      await context.renew();
      await deps.client.functions.completeError({ function_execution_id: execution, error: notPostedStepError(decision.number) });
      return done;
    }
    const permalink = decision.permalink ?? (await linkOf(deps, context, decision.channelId, decision.messageTs));
    await context.renew();
    await deps.client.functions.completeSuccess({ function_execution_id: execution, outputs: buildStepOutputs(decision, permalink) });
    return done;
  } catch (error) {
    // An earlier attempt may have completed the step already, and only Slack's answer was lost on the way.
    if (job.lookFirst && slackErrorCode(error) === "execution_not_in_running_state") return done;
    throw error;
  }
};
