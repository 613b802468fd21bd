import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { reassess } from "../../engine/compare-verdicts.js";
import { getDecision, listDecisions } from "../../store/decisions.js";
import type { SqlClient } from "../../store/sql-client.js";
import { type Later, laterOr } from "../after-ack.js";
import { buildDecisionDetail, buildDecisionList, buildHelp, type DecisionSummaryExtras } from "../builders/build-command-replies.js";
import { buildQuestionnaire } from "../builders/build-questionnaire.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { readCommand } from "../readers/read-command.js";

export interface CommandDeps {
  db: SqlClient;
  today: () => string;
  summaryExtras?: (decisionIds: number[]) => Promise<DecisionSummaryExtras>;
  later?: Later;
}

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function handleCommand(deps: CommandDeps) {
  return async ({ command, ack, client, logger }: Args): Promise<void> => {
    const request = readCommand(command.text ?? "");
    if (request.kind === "open") {
      // The trigger expires 3 s after Slack sent it: the ack goes at once, and the modal opens beside it.
      await ack();
      const view = buildQuestionnaire({
        metadata: { channelId: command.channel_id, responseUrl: command.response_url },
        initial: request.title ? { title: request.title } : {},
        today: deps.today(),
      });
      laterOr(deps.later, logger)("opening the questionnaire", () => client.views.open({ trigger_id: command.trigger_id, view }));
      return;
    }
    const extras = async (ids: number[]) => (await deps.summaryExtras?.(ids)) ?? {};
    if (request.kind === "help") {
      const reply = buildHelp(request.problem ? `:warning: ${escapeMrkdwn(request.problem)}` : undefined);
      await ack({ response_type: "ephemeral", ...reply });
      return;
    }
    const teamId = command.team_id;
    if (request.kind === "list") {
      const decisions = await listDecisions(deps.db, { teamId, ...(request.all ? {} : { channelId: command.channel_id }) });
      const scope = request.all ? "in this workspace" : "in this channel";
      const reply = buildDecisionList(decisions, scope, await extras(decisions.map((d) => d.id)));
      await ack({ response_type: "ephemeral", ...reply });
      return;
    }
    const decision = await getDecision(deps.db, request.id);
    if (!decision || decision.teamId !== teamId) {
      await ack({ response_type: "ephemeral", ...buildHelp(`:warning: There is no decision #${request.id}.`) });
      return;
    }
    const engineChange = reassess(decision, deps.today());
    await ack({ response_type: "ephemeral", ...buildDecisionDetail(decision, await extras([decision.id]), engineChange?.summary) });
  };
}
