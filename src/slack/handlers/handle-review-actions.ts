import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { type Later, laterOr } from "../after-ack.js";
import type { ActionPlace } from "../readers/read-action-place.js";
import { readActionPlace, readDecisionId } from "../readers/read-action-place.js";
import {
  approveByButton,
  type ButtonOutcome,
  NOT_OURS,
  type ReviewButtonDeps,
  reasonFormByButton,
  requestChangesByButton,
  reviseByButton,
} from "../review-buttons.js";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Press = (deps: ReviewButtonDeps, place: ActionPlace, decisionId: number) => Promise<ButtonOutcome>;

/** Approve, Request changes, Give a reason, Revise answers: checked against where the press came from, then done. */
function handleReviewButton(deps: ReviewButtonDeps & { later?: Later }, press: Press) {
  return async ({ ack, action, body, client, respond, logger }: Args): Promise<void> => {
    await ack();
    const place = readActionPlace(body);
    const decisionId = readDecisionId(action.value);
    const outcome: ButtonOutcome = place && decisionId ? await press(deps, place, decisionId) : { note: NOT_OURS };
    if ("note" in outcome) {
      await respond({ response_type: "ephemeral", replace_original: false, text: outcome.note });
    } else if ("view" in outcome) {
      const { view } = outcome;
      laterOr(deps.later, logger)("opening a form", () => client.views.open({ trigger_id: body.trigger_id, view }));
    } else {
      logger.debug(`${action.action_id} by ${body.user.id}: ${outcome.done}`);
    }
  };
}

export const handleApprove = (deps: ReviewButtonDeps & { later?: Later }) =>
  handleReviewButton(deps, (d, place) => approveByButton(d, place));
export const handleRequestChanges = (deps: ReviewButtonDeps & { later?: Later }) =>
  handleReviewButton(deps, (d, place) => requestChangesByButton(d, place));
export const handleGiveReason = (deps: ReviewButtonDeps & { later?: Later }) => handleReviewButton(deps, reasonFormByButton);
export const handleRevise = (deps: ReviewButtonDeps & { later?: Later }) => handleReviewButton(deps, reviseByButton);
