import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { fieldsOf, type StepId } from "../questionnaire/fields.js";
import { readForm } from "../questionnaire/read-form.js";
import { keepDraft, nextStep, type QuestionnaireDeps, readStepContext, reviewPart, stepView } from "../questionnaire-session.js";
import { errorsForView } from "../readers/read-step-values.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export const LOST_CONTEXT_ERROR = "This form lost track of its channel. Close it and run the command again.";

/** The block id of the view's first input, where an error about the whole form is shown. */
export function firstInputId(blocks: unknown): string {
  const first = Array.isArray(blocks) ? blocks.find((b) => (b as { type?: unknown } | null)?.type === "input") : undefined;
  const id = (first as { block_id?: unknown } | undefined)?.block_id;
  return typeof id === "string" ? id : "title";
}

/** The problems of one step's fields, keyed by the view's block ids. */
export function stepErrors(step: StepId, errors: Record<string, string>, blocks: unknown): Record<string, string> {
  const own = new Set(fieldsOf(step).map((f) => f.path));
  const mine = Object.fromEntries(Object.entries(errors).filter(([path]) => own.has(path)));
  return errorsForView(mine, blocks);
}

/**
 * Steps 1 and 2: checks this step's answers and pushes the next step (so its Back button returns here); the answers
 * so far are kept as the user's draft. Problems come back under their fields.
 */
export function handleQuestionnaireStep(deps: QuestionnaireDeps, step: Exclude<StepId, "costs">) {
  return async ({ ack, body, view, logger }: Args): Promise<void> => {
    const context = await readStepContext(deps.db, { body, view });
    if (!context) {
      await ack({ response_action: "errors", errors: { [firstInputId(view.blocks)]: LOST_CONTEXT_ERROR } });
      return;
    }
    const errors = stepErrors(step, readForm(context.values).errors, view.blocks);
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    // The draft is a convenience: a failed save must not stop the team going on.
    await keepDraft(deps.db, context).catch((error: unknown) =>
      logger.warn(`a questionnaire draft was not saved: ${(error as Error)?.message ?? String(error)}`),
    );
    const next = stepView(deps, nextStep(step)!, reviewPart(context.metadata), context.values, { prefilled: context.metadata.prefilled });
    await ack({ response_action: "push", view: next });
  };
}
