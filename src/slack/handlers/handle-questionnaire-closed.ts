import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewClosedAction } from "@slack/bolt";
import { hasAnswers, keepDraft, type QuestionnaireDeps, readStepContext } from "../questionnaire-session.js";

type Args = SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs;

/**
 * Cancel (or Back): what the team entered so far is kept as their draft, offered back the next time they start. It is
 * stored before the close is acknowledged, as a submission is.
 */
export function handleQuestionnaireClosed(deps: QuestionnaireDeps) {
  return async ({ ack, body, view, logger }: Args): Promise<void> => {
    const context = await readStepContext(deps.db, { body, view });
    if (context && hasAnswers(context.values)) {
      await keepDraft(deps.db, context).catch((error: unknown) =>
        logger.warn(`a questionnaire draft was not saved: ${(error as Error)?.message ?? String(error)}`),
      );
    }
    await ack();
  };
}
