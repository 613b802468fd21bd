import type { AllMiddlewareArgs, Logger, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Answers } from "../../engine/answers.js";
import { decide } from "../../engine/decide.js";
import type { FineTune } from "../../engine/verdict.js";
import { AlreadySupersededError, getDecision, insertDecision } from "../../store/decisions.js";
import { deleteDraft } from "../../store/drafts.js";
import type { ModelsAlreadyOut } from "../../store/job-payloads.js";
import { storageProblem } from "../../store/storage-problem.js";
import { readForm } from "../questionnaire/read-form.js";
import { type QuestionnaireDeps, readStepContext } from "../questionnaire-session.js";
import { firstInputId, LOST_CONTEXT_ERROR, stepErrors } from "./handle-questionnaire-step.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export interface SubmissionDeps extends QuestionnaireDeps {
  logger: Logger;
  /** Newer versions of the answers' models already out on that day, by the catalog the app holds (the verdict names them). */
  alreadyOut?: (answers: Answers, decidedOn: string) => ModelsAlreadyOut;
  /** The verdict post was queued: the worker can start on it. */
  jobsQueued: () => void;
  /** A verdict was stored (for the metrics). */
  onVerdict?: (outcome: FineTune) => void;
}

export { LOST_CONTEXT_ERROR };

export const EARLIER_STEP_ERROR = "An answer on an earlier step needs a look: go Back to it.";

export const notSavedError = (why: string) => `We couldn't save this decision: ${why}. Nothing was posted; try again in a minute.`;

/**
 * The last step. Valid answers are decided, stored and their verdict post queued in one transaction before the ack,
 * so an acknowledged submission is never lost; the draft is dropped and every step closes. If that write fails, the
 * step stays open with the reason under its first field. Problems come back under their fields, and nothing is stored.
 */
export function handleQuestionnaireSubmission(deps: SubmissionDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const context = await readStepContext(deps.db, { body, view });
    if (!context) {
      await ack({ response_action: "errors", errors: { [firstInputId(view.blocks)]: LOST_CONTEXT_ERROR } });
      return;
    }
    const reading = readForm(context.values);
    if (!reading.answers) {
      const errors = stepErrors("costs", reading.errors, view.blocks);
      if (Object.keys(errors).length === 0) errors[firstInputId(view.blocks)] = EARLIER_STEP_ERROR;
      await ack({ response_action: "errors", errors });
      return;
    }
    const { metadata } = context;
    if (metadata.parentId) {
      // A revision replaces a decision of the same workspace and channel.
      const parent = await getDecision(deps.db, metadata.parentId);
      if (!parent || parent.teamId !== context.key.teamId || parent.channelId !== metadata.channelId) {
        await ack({ response_action: "errors", errors: { [firstInputId(view.blocks)]: LOST_CONTEXT_ERROR } });
        return;
      }
    }
    const verdict = decide(reading.answers);
    const decidedOn = deps.today();
    try {
      const { created } = await insertDecision(deps.db, {
        teamId: context.key.teamId,
        enterpriseId: body.enterprise?.id ?? undefined,
        channelId: metadata.channelId,
        threadTs: metadata.threadTs,
        requesterId: context.key.userId,
        answers: reading.answers,
        verdict,
        unknownAnswers: reading.unknowns,
        parentId: metadata.parentId,
        noticeId: metadata.noticeId,
        decidedOn,
        alreadyOut: alreadyOut(deps, reading.answers, decidedOn),
        submissionKey: `view:${view.id}`,
        responseUrl: metadata.responseUrl,
      });
      if (created) deps.onVerdict?.(verdict.fineTune);
    } catch (error) {
      if (error instanceof AlreadySupersededError) {
        const problem = `Decision #${error.revised.number} was revised already, as #${error.by.number}: revise that one instead.`;
        await ack({ response_action: "errors", errors: { [firstInputId(view.blocks)]: problem } });
        return;
      }
      deps.logger.error(`a questionnaire submission was not saved (view ${view.id}): ${(error as Error)?.message ?? String(error)}`);
      await ack({ response_action: "errors", errors: { [firstInputId(view.blocks)]: notSavedError(storageProblem(error)) } });
      return;
    }
    // The decision is stored: a draft left behind (a failure here) would only be offered once more.
    await deleteDraft(deps.db, context.key).catch((error: unknown) =>
      deps.logger.warn(`the draft of ${context.key.userId} was not dropped: ${(error as Error)?.message ?? String(error)}`),
    );
    await ack({ response_action: "clear" });
    deps.jobsQueued();
  };
}

/** What was already out, or nothing when the catalog cannot say (a verdict is never held up by the watch). */
function alreadyOut(deps: SubmissionDeps, answers: Answers, decidedOn: string): ModelsAlreadyOut {
  try {
    return deps.alreadyOut?.(answers, decidedOn) ?? [];
  } catch (error) {
    deps.logger.warn(`newer versions already out not worked out: ${(error as Error)?.message ?? String(error)}`);
    return [];
  }
}
