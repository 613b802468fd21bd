import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { getDecision } from "../../store/decisions.js";
import { type Later, laterOr } from "../after-ack.js";
import { section } from "../builders/blocks.js";
import { buildDecisionRecordView } from "../builders/build-decision-record.js";
import { type DetailDeps, recordOf } from "../decision-detail.js";
import { VIEW } from "../ids.js";
import { readDecisionId } from "../readers/read-action-place.js";
import { UserId } from "../readers/read-slack-ids.js";
import { viewArg } from "../view-arg.js";
import { NOT_YOURS_TO_SEE } from "./handle-view-answers.js";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const Body = z.object({
  user: z.object({ id: UserId, team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullable().optional(),
  trigger_id: z.string(),
  container: z.object({ type: z.literal("view") }),
});

/**
 * "Decision record (Markdown)" in the answers modal: the record pushed over it. The button names a decision by id and
 * sits in a modal, which has no channel, so the decision shows only to someone of its workspace who may see it.
 */
export function handleExportRecord(deps: Pick<DetailDeps, "db" | "access" | "reviewSettings" | "userNames"> & { later?: Later }) {
  return async ({ ack, action, body, client, logger }: Args): Promise<void> => {
    await ack();
    const parsed = Body.safeParse(body);
    const id = readDecisionId(action.value);
    if (!parsed.success || !id) return;
    const { user, team, trigger_id } = parsed.data;
    const decision = await getDecision(deps.db, id);
    const visible = decision && decision.teamId === (team?.id ?? user.team_id) && (await deps.access.canSee(decision, user.id));
    const view = visible
      ? buildDecisionRecordView(decision.number, await recordOf(deps, decision))
      : {
          type: "modal" as const,
          callback_id: VIEW.decisionRecord,
          title: { type: "plain_text" as const, text: "Decision record" },
          close: { type: "plain_text" as const, text: "Back" },
          blocks: [section(NOT_YOURS_TO_SEE)],
        };
    laterOr(deps.later, logger)("showing the decision record", () => client.views.push({ trigger_id, view: viewArg(view) }));
  };
}
