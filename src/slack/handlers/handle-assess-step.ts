import type { AllMiddlewareArgs, Logger, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Answers } from "../../engine/answers.js";
import { decide } from "../../engine/decide.js";
import type { FineTune } from "../../engine/verdict.js";
import { insertDecision } from "../../store/decisions.js";
import type { ModelsAlreadyOut } from "../../store/job-payloads.js";
import type { SqlClient } from "../../store/sql-client.js";
import { readStepInputs } from "../readers/read-step-inputs.js";
import { slackErrorCode } from "../slack-errors.js";

type Args = SlackEventMiddlewareArgs<"function_executed"> & AllMiddlewareArgs;

export interface AssessStepDeps {
  db: SqlClient;
  logger: Logger;
  /** Today, `YYYY-MM-DD`: the day a decision is made. */
  today: () => string;
  /** Newer versions of the answers' models already out on that day (the verdict names them). */
  alreadyOut?: (answers: Answers, decidedOn: string) => ModelsAlreadyOut;
  /** The verdict post and the step's completion were queued: the worker can start on them. */
  jobsQueued: () => void;
  onVerdict?: (outcome: FineTune) => void;
}

/**
 * The "Assess fine-tuning" Workflow Builder step (docs/workflow-step.md). Inputs that cannot be decided end the step at
 * once with an error naming what to fix. Otherwise the decision is stored with its verdict post and the step's
 * completion queued, in one transaction, before Slack hears back: the worker posts the verdict, then completes the step
 * with it. The same run delivered again finds its decision by the execution id and queues nothing twice.
 */
export function handleAssessStep(deps: AssessStepDeps) {
  return async ({ event, body, inputs, fail }: Args): Promise<void> => {
    const read = readStepInputs(inputs);
    if (!read.ok) {
      try {
        await fail({ error: read.error });
      } catch (error) {
        // This run was ended already (the same event delivered again): nothing is left to tell.
        if (slackErrorCode(error) !== "execution_not_in_running_state") throw error;
      }
      return;
    }
    const { channelId, requesterId, answers } = read.request;
    const verdict = decide(answers);
    const decidedOn = deps.today();
    const enterpriseId = (body as { enterprise_id?: unknown }).enterprise_id;
    const { created } = await insertDecision(deps.db, {
      teamId: body.team_id,
      ...(typeof enterpriseId === "string" && enterpriseId !== "" ? { enterpriseId } : {}),
      channelId,
      requesterId,
      answers,
      verdict,
      decidedOn,
      alreadyOut: alreadyOut(deps, answers, decidedOn),
      submissionKey: `step:${event.function_execution_id}`,
      functionExecutionId: event.function_execution_id,
    });
    if (created) deps.onVerdict?.(verdict.fineTune);
    deps.jobsQueued();
  };
}

/** What was already out, or nothing when the catalog cannot say (a verdict is never held up by the watch). */
function alreadyOut(deps: AssessStepDeps, answers: Answers, decidedOn: string): ModelsAlreadyOut {
  try {
    return deps.alreadyOut?.(answers, decidedOn) ?? [];
  } catch (error) {
    deps.logger.warn(`newer versions already out not worked out: ${(error as Error)?.message ?? String(error)}`);
    return [];
  }
}
