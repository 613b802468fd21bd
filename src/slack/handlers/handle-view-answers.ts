import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { getDecision } from "../../store/decisions.js";
import type { SqlClient } from "../../store/sql-client.js";
import { type Later, laterOr } from "../after-ack.js";
import { buildAnswersView } from "../builders/build-answers-view.js";
import type { DecisionAccess } from "../decision-access.js";
import { readActionPlace, readDecisionId } from "../readers/read-action-place.js";
import { viewArg } from "../view-arg.js";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export const NOT_YOURS_TO_SEE = "This decision is not one you can see here.";

/**
 * "View answers" on a verdict: the answers behind it, read-only. The button names a decision by id, so it opens only
 * for a decision of the channel it was pressed in, to someone who may see that decision (docs/reviews.md#who-sees-what).
 */
export function handleViewAnswers(deps: { db: SqlClient; access: DecisionAccess; later?: Later }) {
  return async ({ ack, action, body, client, respond, logger }: Args): Promise<void> => {
    await ack();
    const place = readActionPlace(body);
    const id = readDecisionId(action.value);
    const decision = place && id ? await getDecision(deps.db, id) : null;
    const visible =
      place &&
      decision &&
      decision.teamId === place.teamId &&
      decision.channelId === place.channelId &&
      (await deps.access.canSee(decision, place.userId));
    if (!decision || !visible) {
      await respond({ response_type: "ephemeral", replace_original: false, text: NOT_YOURS_TO_SEE });
      return;
    }
    const view = buildAnswersView({
      decisionId: decision.id,
      number: decision.number,
      answers: decision.answers,
      unknownAnswers: decision.unknownAnswers,
    });
    laterOr(deps.later, logger)("opening the answers", () => client.views.open({ trigger_id: body.trigger_id, view: viewArg(view) }));
  };
}
