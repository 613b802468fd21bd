import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { getDecision } from "../../store/decisions.js";
import type { SqlClient } from "../../store/sql-client.js";
import { type Later, laterOr } from "../after-ack.js";
import { buildAnswersView } from "../builders/build-answers-view.js";
import { viewArg } from "../view-arg.js";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "View answers" on a verdict: the answers behind it, read-only, for anyone in the workspace that made it. */
export function handleViewAnswers(deps: { db: SqlClient; later?: Later }) {
  return async ({ ack, action, body, client, respond, logger }: Args): Promise<void> => {
    await ack();
    const id = /^\d{1,12}$/.test(action.value ?? "") ? Number(action.value) : Number.NaN;
    const decision = Number.isSafeInteger(id) ? await getDecision(deps.db, id) : null;
    const teamId = body.team?.id ?? body.user.team_id;
    if (!decision || decision.teamId !== teamId) {
      await respond({ response_type: "ephemeral", replace_original: false, text: "This decision is no longer on record." });
      return;
    }
    const view = buildAnswersView({ decisionId: decision.id, answers: decision.answers, unknownAnswers: decision.unknownAnswers });
    laterOr(deps.later, logger)("opening the answers", () => client.views.open({ trigger_id: body.trigger_id, view: viewArg(view) }));
  };
}
