import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { decide } from "../../engine/decide.js";
import { insertDecision } from "../../store/decisions.js";
import { deleteDraft } from "../../store/drafts.js";
import { setNoticeState } from "../../store/model-notices.js";
import { type PublishDeps, publishDecision } from "../publish-decision.js";
import { readForm } from "../questionnaire/read-form.js";
import { type QuestionnaireDeps, readStepContext } from "../questionnaire-session.js";
import { firstInputId, LOST_CONTEXT_ERROR, stepErrors } from "./handle-questionnaire-step.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export { LOST_CONTEXT_ERROR };

export const EARLIER_STEP_ERROR = "An answer on an earlier step needs a look: go Back to it.";

/**
 * The last step. Valid answers are decided and stored before the ack, so an acknowledged submission is never lost,
 * the draft is dropped, and every step closes; the verdict is posted after the ack. Problems come back under their
 * fields, and nothing is stored.
 */
export function handleQuestionnaireSubmission(deps: PublishDeps & QuestionnaireDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const context = readStepContext(deps.db, { body, view });
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
    const { decision } = insertDecision(deps.db, {
      teamId: context.key.teamId,
      channelId: metadata.channelId,
      threadTs: metadata.threadTs,
      requesterId: context.key.userId,
      answers: reading.answers,
      verdict: decide(reading.answers),
      unknownAnswers: reading.unknowns,
      parentId: metadata.parentId,
      submissionKey: `view:${view.id}`,
    });
    deleteDraft(deps.db, context.key);
    // A re-evaluation takes up the newer base model its parent was told about.
    if (metadata.parentId) setNoticeState(deps.db, metadata.parentId, [reading.answers.baseModel], "re-evaluated");
    await ack({ response_action: "clear" });
    await publishDecision(deps, decision.id, metadata.responseUrl);
  };
}
