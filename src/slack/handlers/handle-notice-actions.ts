import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import { getDecision } from "../../store/decisions.js";
import { setNoticeState } from "../../store/model-notices.js";
import type { Db } from "../../store/open-db.js";
import { buildResolvedNotice, SNOOZE_DAYS } from "../builders/build-model-notice.js";
import { escapeMrkdwn, mentionUser } from "../mrkdwn.js";
import { answersToForm, mergeValues } from "../questionnaire/form-values.js";
import { type QuestionnaireDeps, stepView } from "../questionnaire-session.js";
import { readNoticeAction } from "../readers/read-notice-action.js";
import { viewArg } from "../view-arg.js";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export interface NoticeActionDeps extends QuestionnaireDeps {
  db: Db;
  today: () => string;
  now: () => Date;
}

/** Re-evaluate: the questionnaire pre-filled with the stored answers and the newest base model, for the same thread. */
export function handleReEvaluate(deps: NoticeActionDeps) {
  return async ({ ack, action, body, client, respond }: Args): Promise<void> => {
    await ack();
    const value = readNoticeAction(action.value);
    const decision = value ? getDecision(deps.db, value.decisionId) : null;
    if (!value || !decision?.threadTs) {
      await respond({ response_type: "ephemeral", replace_original: false, text: "This decision is no longer on record." });
      return;
    }
    const newest = value.models[value.models.length - 1]!;
    const values = mergeValues(answersToForm(decision.answers, decision.unknownAnswers), { baseModel: newest, asOf: deps.today() });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: viewArg(
        stepView(deps, "problem", { channelId: decision.channelId, threadTs: decision.threadTs, parentId: decision.id }, values, {
          intro: `Re-evaluating decision #${decision.id} with \`${escapeMrkdwn(newest)}\` as the model in production. Update what changed: the prompted baseline above all.`,
        }),
      ),
    });
  };
}

/** Ignore or snooze the versions a notice named; the notice then says who did what. */
export function handleQuietNotice(deps: NoticeActionDeps, mode: "ignore" | "snooze") {
  return async ({ ack, action, body, client }: Args): Promise<void> => {
    await ack();
    const value = readNoticeAction(action.value);
    if (!value || !body.message || !body.channel) return;
    const until = new Date(deps.now().getTime() + SNOOZE_DAYS * 86_400_000).toISOString();
    if (mode === "ignore") setNoticeState(deps.db, value.decisionId, value.models, "ignored");
    else setNoticeState(deps.db, value.decisionId, value.models, "snoozed", until);
    const who = mentionUser(body.user.id);
    const outcome = mode === "ignore" ? `Ignored by ${who}.` : `Snoozed until ${until.slice(0, 10)} by ${who}.`;
    const blocks = buildResolvedNotice((body.message.blocks ?? []) as KnownBlock[], outcome);
    await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: String(body.message.text ?? outcome), blocks });
  };
}
