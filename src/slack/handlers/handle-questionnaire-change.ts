import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { getDecision } from "../../store/decisions.js";
import { deleteDraft } from "../../store/drafts.js";
import { type Later, laterOr } from "../after-ack.js";
import { answersToForm, type FormValues, mergeValues, showsCosts } from "../questionnaire/form-values.js";
import { PRICE_FIELDS } from "../questionnaire/price-hints.js";
import {
  costFill,
  type QuestionnaireDeps,
  readStepContext,
  reviewPart,
  type StepContext,
  type StepPayload,
  stepOf,
  stepView,
} from "../questionnaire-session.js";
import { fieldOfBlockId, revisionsOf } from "../readers/read-step-values.js";
import { slackErrorCode } from "../slack-errors.js";
import { viewArg } from "../view-arg.js";

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

interface OpenView {
  id: string;
  hash: string;
  callback_id: string;
  blocks: unknown;
}

/**
 * Replaces the open step with `next`, passing the hash Slack gave: when the view changed in the meantime (another
 * change raced this one), Slack answers hash_conflict and the newer view stands; the next change redraws it anyway.
 */
async function redraw(args: Args, view: OpenView, next: ModalView): Promise<void> {
  try {
    await args.client.views.update({ view_id: view.id, hash: view.hash, view: viewArg(next) });
  } catch (error) {
    const code = slackErrorCode(error);
    // not_found: the user closed the form before the update arrived.
    if (code !== "hash_conflict" && code !== "not_found") throw error;
    args.logger.debug(`questionnaire view ${view.id} not redrawn: ${code}`);
  }
}

function openStep(args: Args) {
  const view = args.body.view as (StepPayload["view"] & OpenView) | undefined;
  const step = stepOf(view?.callback_id);
  return view && step ? { view, step } : null;
}

/**
 * A choice that changes the form (fields that appear, a model whose price fills in): the step is drawn again for the
 * answers as they stand, keeping what was typed. A price field is given a new input (block id) only to show a
 * catalog price in it: Slack would keep the old content of the same input.
 */
export function handleQuestionnaireChange(deps: QuestionnaireDeps & { later?: Later }) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const open = openStep(args);
    const context = open ? await readStepContext(deps.db, { body: args.body, view: open.view }) : null;
    if (!open || !context) return;
    // A model only changes the form through its price, which shows with the cost fields.
    const changed = fieldOfBlockId(String((args.action as { block_id?: unknown }).block_id ?? ""))?.path;
    if ((changed === "baseModel" || changed === "candidateModel") && !showsCosts(context.values)) return;
    const revisions = revisionsOf(open.view.blocks);
    const fill = costFill(deps, open.step, context.values, context.metadata.prefilled);
    for (const path of PRICE_FIELDS) {
      const value = fill?.filled[path];
      if (value !== undefined && value !== context.values[path]) revisions[path] = (revisions[path] ?? 0) + 1;
    }
    const next = stepView(deps, open.step, reviewPart(context.metadata), context.values, {
      prefilled: context.metadata.prefilled,
      revisions,
      fill,
      ...(context.metadata.draftFrom ? { draftSavedAt: context.metadata.draftFrom } : {}),
      ...(context.metadata.intro ? { intro: context.metadata.intro } : {}),
    });
    laterOr(deps.later, args.logger)("redrawing the questionnaire", () => redraw(args, open.view, next));
  };
}

/** What "Start over" starts from: nothing, or for a revision the answers of the decision it revises, as stored. */
async function startingValues(deps: QuestionnaireDeps, context: StepContext): Promise<FormValues> {
  const parentId = context.metadata.parentId;
  const parent = parentId ? await getDecision(deps.db, parentId) : null;
  if (!parent || parent.teamId !== context.key.teamId) return {};
  return mergeValues(answersToForm(parent.answers, parent.unknownAnswers), { asOf: deps.today() });
}

/**
 * "Start over": the draft is dropped and the first step drawn again (new inputs, so Slack shows their new values):
 * empty, or a revision's decision's answers.
 */
export function handleStartOver(deps: QuestionnaireDeps & { later?: Later }) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const open = openStep(args);
    const context = open ? await readStepContext(deps.db, { body: args.body, view: open.view }) : null;
    if (!open || !context || open.step !== "problem") return;
    await deleteDraft(deps.db, context.key);
    const revisions = Object.fromEntries(Object.entries(revisionsOf(open.view.blocks)).map(([path, n]) => [path, n + 1]));
    const intro = context.metadata.intro ? { intro: context.metadata.intro } : {};
    const fresh = stepView(deps, "problem", reviewPart(context.metadata), await startingValues(deps, context), { revisions, ...intro });
    laterOr(deps.later, args.logger)("emptying the questionnaire", () => redraw(args, open.view, fresh));
  };
}
