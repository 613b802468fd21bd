import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { type Later, laterOr } from "../after-ack.js";
import { buildHelp } from "../builders/build-command-replies.js";
import type { DecisionAccess } from "../decision-access.js";
import { showDecision } from "../decision-detail.js";
import { listPage } from "../decision-lists.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import { firstStepView, type QuestionnaireDeps } from "../questionnaire-session.js";
import { readCommand } from "../readers/read-command.js";
import type { ListRequest } from "../readers/read-list-filter.js";
import type { ListQuery } from "../readers/read-paging.js";
import type { UserNames } from "../user-names.js";
import { viewArg } from "../view-arg.js";
import type { ReviewSettingsOf } from "../workspace-review-settings.js";

export interface CommandDeps extends QuestionnaireDeps {
  access: DecisionAccess;
  reviewSettings: ReviewSettingsOf;
  userNames: UserNames;
  later?: Later;
}

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What a list is called, from what was asked: "in this channel", "you can see, status in-review". */
function listTitle(list: ListRequest): string {
  if (list.scope === "channel") return "in this channel";
  const parts = [
    ...(list.text ? [`matching "${list.text}"`] : []),
    ...(list.channel ? ["name" in list.channel ? `in #${list.channel.name}` : "in that channel"] : []),
    ...(list.model ? [`model ${list.model}`] : []),
    ...(list.status ? [`status ${list.status}`] : []),
    ...(list.verdict ? [`verdict ${list.verdict}`] : []),
  ];
  return parts.length > 0 ? `you can see, ${parts.join(", ")}` : "you can see";
}

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
    if (request.kind === "help") {
      const reply = buildHelp(request.problem ? `:warning: ${escapeMrkdwn(request.problem)}` : undefined);
      await ack({ response_type: "ephemeral", ...reply });
      return;
    }
    const teamId = command.team_id;
    const userId = command.user_id;
    if (request.kind === "list") {
      const { list } = request;
      const viewer = await deps.access.viewer(teamId, userId);
      let channelId: string | undefined = list.scope === "channel" ? command.channel_id : undefined;
      if (list.channel) {
        const found = await deps.access.resolveChannel(list.channel, viewer, teamId);
        if (!found) {
          const problem = ":warning: No decisions you can see in that channel: you are not in it, or it has none.";
          await ack({ response_type: "ephemeral", ...buildHelp(problem) });
          return;
        }
        channelId = found;
      }
      const query: ListQuery = {
        filter: { channelId, model: list.model, status: list.status, verdict: list.verdict, text: list.text },
        title: listTitle(list),
      };
      await ack({ response_type: "ephemeral", ...(await listPage(deps.db, deps.access, { teamId, viewer, query })) });
      return;
    }
    const reply = await showDecision(deps, { teamId, userId, number: request.number, markdown: request.markdown });
    await ack({ response_type: "ephemeral", ...reply });
  };
}
