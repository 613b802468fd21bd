import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { getDecision } from "../../store/decisions.js";
import { quietNotice } from "../../store/model-notices.js";
import type { SqlClient } from "../../store/sql-client.js";
import { type Later, laterOr } from "../after-ack.js";
import { SNOOZE_DAYS } from "../builders/build-model-notice.js";
import { escapeMrkdwn, mentionUser } from "../mrkdwn.js";
import { answersToForm, mergeValues } from "../questionnaire/form-values.js";
import { type QuestionnaireDeps, stepView } from "../questionnaire-session.js";
import { readNoticeAction } from "../readers/read-notice-action.js";
import { viewArg } from "../view-arg.js";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export interface NoticeActionDeps extends QuestionnaireDeps {
  db: SqlClient;
  today: () => string;
  now: () => Date;
  /** Slack work was queued: the worker can start on it. */
  jobsQueued: () => void;
  later?: Later;
}

/** Re-evaluate: the questionnaire pre-filled with the stored answers and the newest base model, for the same thread. */
export function handleReEvaluate(deps: NoticeActionDeps) {
  return async ({ ack, action, body, client, respond, logger }: Args): Promise<void> => {
    await ack();
    const value = readNoticeAction(action.value);
    const decision = value ? await getDecision(deps.db, value.decisionId) : null;
    if (!value || !decision?.threadTs) {
      await respond({ response_type: "ephemeral", replace_original: false, text: "This decision is no longer on record." });
      return;
    }
    const newest = value.models[value.models.length - 1]!;
    const values = mergeValues(answersToForm(decision.answers, decision.unknownAnswers), { baseModel: newest, asOf: deps.today() });
    const view = stepView(deps, "problem", { channelId: decision.channelId, threadTs: decision.threadTs, parentId: decision.id }, values, {
      intro: `Re-evaluating decision #${decision.id} with \`${escapeMrkdwn(newest)}\` as the model in production. Update what changed: the prompted baseline above all.`,
    });
    laterOr(deps.later, logger)("opening the re-evaluation", () => client.views.open({ trigger_id: body.trigger_id, view: viewArg(view) }));
  };
}

/** Ignore or snooze the versions a notice named; the notice is then redrawn (by the worker) to say who did what. */
export function handleQuietNotice(deps: NoticeActionDeps, mode: "ignore" | "snooze") {
  return async ({ ack, action, body }: Args): Promise<void> => {
    await ack();
    const value = readNoticeAction(action.value);
    if (!value || !body.message) return;
    const until = new Date(deps.now().getTime() + SNOOZE_DAYS * 86_400_000).toISOString();
    const who = mentionUser(body.user.id);
    const quieted = await quietNotice(deps.db, {
      decisionId: value.decisionId,
      modelIds: value.models,
      state: mode === "ignore" ? "ignored" : "snoozed",
      snoozedUntil: mode === "ignore" ? null : until,
      noticeTs: body.message.ts,
      outcome: mode === "ignore" ? `Ignored by ${who}.` : `Snoozed until ${until.slice(0, 10)} by ${who}.`,
    });
    if (quieted) deps.jobsQueued();
  };
}
