import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { reassess } from "../../engine/compare-verdicts.js";
import { getDecision, listDecisions } from "../../store/decisions.js";
import { buildDecisionDetail, buildDecisionList, buildHelp, type DecisionSummaryExtras } from "../builders/build-command-replies.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { firstStepView, type QuestionnaireDeps } from "../questionnaire-session.js";
import { readCommand } from "../readers/read-command.js";
import { viewArg } from "../view-arg.js";

export interface CommandDeps extends QuestionnaireDeps {
  summaryExtras?: (decisionIds: number[]) => DecisionSummaryExtras;
}

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function handleCommand(deps: CommandDeps) {
  return async ({ command, ack, client }: Args): Promise<void> => {
    const request = readCommand(command.text ?? "");
    if (request.kind === "open") {
      // The trigger expires 3 s after Slack sent it: the modal opens before any other work.
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: viewArg(
          firstStepView(deps, {
            teamId: command.team_id,
            userId: command.user_id,
            metadata: { channelId: command.channel_id, responseUrl: command.response_url },
            title: request.title,
          }),
        ),
      });
      return;
    }
    const extras = (ids: number[]) => deps.summaryExtras?.(ids) ?? {};
    if (request.kind === "help") {
      const reply = buildHelp(request.problem ? `:warning: ${escapeMrkdwn(request.problem)}` : undefined);
      await ack({ response_type: "ephemeral", ...reply });
      return;
    }
    const teamId = command.team_id;
    if (request.kind === "list") {
      const decisions = listDecisions(deps.db, { teamId, ...(request.all ? {} : { channelId: command.channel_id }) });
      const reply = buildDecisionList(decisions, request.all ? "in this workspace" : "in this channel", extras(decisions.map((d) => d.id)));
      await ack({ response_type: "ephemeral", ...reply });
      return;
    }
    const decision = getDecision(deps.db, request.id);
    if (!decision || decision.teamId !== teamId) {
      await ack({ response_type: "ephemeral", ...buildHelp(`:warning: There is no decision #${request.id}.`) });
      return;
    }
    const engineChange = reassess(decision, deps.today());
    await ack({ response_type: "ephemeral", ...buildDecisionDetail(decision, extras([decision.id]), engineChange?.summary) });
  };
}
