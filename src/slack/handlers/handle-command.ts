import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { reassess } from "../../engine/compare-verdicts.js";
import { getDecision, listDecisions } from "../../store/decisions.js";
import { type Later, laterOr } from "../after-ack.js";
import { buildDecisionDetail, buildDecisionList, buildHelp, type DecisionSummaryExtras } from "../builders/build-command-replies.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { firstStepView, type QuestionnaireDeps } from "../questionnaire-session.js";
import { readCommand } from "../readers/read-command.js";
import { viewArg } from "../view-arg.js";

export interface CommandDeps extends QuestionnaireDeps {
  summaryExtras?: (decisionIds: number[]) => Promise<DecisionSummaryExtras>;
  later?: Later;
}

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function handleCommand(deps: CommandDeps) {
  return async ({ command, ack, client, logger }: Args): Promise<void> => {
    const request = readCommand(command.text ?? "");
    if (request.kind === "open") {
      // The trigger expires 3 s after Slack sent it: the ack goes at once, and the modal (with the user's draft, if
      // there is one) opens beside it.
      await ack();
      const start = {
        teamId: command.team_id,
        userId: command.user_id,
        metadata: { channelId: command.channel_id, responseUrl: command.response_url },
        title: request.title,
      };
      laterOr(deps.later, logger)("opening the questionnaire", async () =>
        client.views.open({ trigger_id: command.trigger_id, view: viewArg(await firstStepView(deps, start)) }),
      );
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
