import type { AllMiddlewareArgs, Logger, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Answers } from "../../engine/answers.js";
import { decide } from "../../engine/decide.js";
import type { FineTune } from "../../engine/verdict.js";
import { AlreadySupersededError, getDecision, insertDecision } from "../../store/decisions.js";
import type { ModelsAlreadyOut } from "../../store/job-payloads.js";
import type { SqlClient } from "../../store/sql-client.js";
import { storageProblem } from "../../store/storage-problem.js";
import { QUESTIONNAIRE_FIELDS } from "../questionnaire-fields.js";
import { readAnswers } from "../readers/read-answers.js";
import { readReviewMetadata } from "../readers/read-review-metadata.js";
import { UserId } from "../readers/read-slack-ids.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export interface SubmissionDeps {
  db: SqlClient;
  logger: Logger;
  /** Today, `YYYY-MM-DD`: the day a decision is made. */
  today: () => string;
  /** Newer versions of the answers' models already out on that day, by the catalog the app holds (the verdict names them). */
  alreadyOut?: (answers: Answers, decidedOn: string) => ModelsAlreadyOut;
  /** The verdict post was queued: the worker can start on it. */
  jobsQueued: () => void;
  /** A verdict was stored (for the metrics). */
  onVerdict?: (outcome: FineTune) => void;
}

export const LOST_CONTEXT_ERROR = "This form lost track of its channel. Close it and run the command again.";
const FIRST_FIELD = QUESTIONNAIRE_FIELDS[0]!.path;

export const notSavedError = (why: string) => `We couldn't save this decision: ${why}. Nothing was posted; try again in a minute.`;

/**
 * Valid answers are decided, stored and their verdict post queued in one transaction before the ack, so an
 * acknowledged submission is never lost. If that write fails, the modal stays open with the reason under the first
 * field. Invalid answers come back as errors under their fields, and nothing is stored.
 */
export function handleQuestionnaireSubmission(deps: SubmissionDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const metadata = readReviewMetadata(view.private_metadata);
    const requesterId = UserId.safeParse(body.user?.id);
    if (!metadata || !requesterId.success) {
      await ack({ response_action: "errors", errors: { title: LOST_CONTEXT_ERROR } });
      return;
    }
    const read = readAnswers(view.state?.values);
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    const teamId = body.team?.id ?? body.user.team_id ?? "";
    if (metadata.parentId) {
      // A revision replaces a decision of the same workspace and channel.
      const parent = await getDecision(deps.db, metadata.parentId);
      if (!parent || parent.teamId !== teamId || parent.channelId !== metadata.channelId) {
        await ack({ response_action: "errors", errors: { [FIRST_FIELD]: LOST_CONTEXT_ERROR } });
        return;
      }
    }
    const verdict = decide(read.answers);
    const decidedOn = deps.today();
    try {
      const { created } = await insertDecision(deps.db, {
        teamId,
        channelId: metadata.channelId,
        threadTs: metadata.threadTs,
        requesterId: requesterId.data,
        answers: read.answers,
        verdict,
        parentId: metadata.parentId,
        noticeId: metadata.noticeId,
        decidedOn,
        alreadyOut: alreadyOut(deps, read.answers, decidedOn),
        submissionKey: `view:${view.id}`,
        responseUrl: metadata.responseUrl,
      });
      if (created) deps.onVerdict?.(verdict.fineTune);
    } catch (error) {
      if (error instanceof AlreadySupersededError) {
        const problem = `Decision #${error.revised.number} was revised already, as #${error.by.number}: revise that one instead.`;
        await ack({ response_action: "errors", errors: { [FIRST_FIELD]: problem } });
        return;
      }
      deps.logger.error(`a questionnaire submission was not saved (view ${view.id}): ${(error as Error)?.message ?? String(error)}`);
      await ack({ response_action: "errors", errors: { [FIRST_FIELD]: notSavedError(storageProblem(error)) } });
      return;
    }
    await ack();
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
