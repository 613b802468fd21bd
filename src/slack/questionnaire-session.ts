import type { ModalView } from "@slack/types";
import { type DraftKey, getDraft, saveDraft } from "../store/drafts.js";
import type { SqlClient } from "../store/sql-client.js";
import type { ModelDirectory } from "../watcher/model-directory.js";
import { buildQuestionnaireStep } from "./builders/build-questionnaire-step.js";
import { STEP_VIEWS } from "./ids.js";
import { FORM_FIELDS, STEPS, type StepId } from "./questionnaire/fields.js";
import { type FormValues, mergeValues, showsCosts } from "./questionnaire/form-values.js";
import { type PriceFill, priceFill } from "./questionnaire/price-hints.js";
import { type QuestionnaireMetadata, type ReviewMetadata, readQuestionnaireMetadata, reviewPart } from "./readers/read-review-metadata.js";
import { UserId } from "./readers/read-slack-ids.js";
import { readStepValues } from "./readers/read-step-values.js";

// One questionnaire, from the first step to the last: its answers travel in each step view's metadata, and a copy is
// kept as the user's draft so a closed questionnaire can be continued (docs/questionnaire.md).

export interface QuestionnaireDeps {
  db: SqlClient;
  today: () => string;
  /** The models the model menus offer and the prices they fill in; without it the menus offer what was typed. */
  models?: ModelDirectory;
}

export function stepOf(callbackId: unknown): StepId | null {
  const index = STEP_VIEWS.indexOf(callbackId as (typeof STEP_VIEWS)[number]);
  return index < 0 ? null : STEPS[index]!;
}

/** The Slack payload parts a step's submission, close or change carries. */
export interface StepPayload {
  body: { team?: { id?: string } | null; user?: { id?: string; team_id?: string } };
  view: { id: string; root_view_id?: string | null; private_metadata?: string; state?: { values?: unknown } };
}

export interface StepContext {
  metadata: QuestionnaireMetadata;
  key: DraftKey;
  /** The questionnaire this view belongs to: the id of its first view. */
  session: string;
  /** Everything entered so far: the other steps' answers, then this view's inputs. */
  values: FormValues;
}

/**
 * Reads a step view's payload: null when the metadata or the user is not one the app could have made (a forged or
 * stale view). Answers typed on a later step before going Back come from the draft of the same questionnaire.
 */
export async function readStepContext(db: SqlClient, payload: StepPayload): Promise<StepContext | null> {
  const metadata = readQuestionnaireMetadata(payload.view.private_metadata);
  const userId = UserId.safeParse(payload.body.user?.id);
  const teamId = payload.body.team?.id ?? payload.body.user?.team_id;
  if (!metadata || !userId.success || typeof teamId !== "string" || teamId === "") return null;
  // A revision's draft is kept apart from a new decision's, and from another revision's.
  const key = { teamId, userId: userId.data, revises: metadata.parentId };
  const session = payload.view.root_view_id || payload.view.id;
  const draft = await getDraft(db, key);
  const fromDraft = draft?.session === session ? draft.values : {};
  const values = mergeValues(metadata.values, fromDraft, readStepValues(payload.view.state?.values));
  return { metadata, key, session, values };
}

/** The catalog prices for the cost step's price fields, when they show. */
export function costFill(deps: QuestionnaireDeps, step: StepId, values: FormValues, prefilled: QuestionnaireMetadata["prefilled"]) {
  return step === "costs" && showsCosts(values) ? priceFill(deps.models, values, prefilled) : undefined;
}

export interface StepExtras {
  draftSavedAt?: string;
  intro?: string;
  prefilled?: QuestionnaireMetadata["prefilled"];
  revisions?: Record<string, number>;
  /** Computed here when not given. */
  fill?: PriceFill | undefined;
}

/** A step view for the answers so far, catalog prices filled in on the cost step. */
export function stepView(
  deps: QuestionnaireDeps,
  step: StepId,
  metadata: ReviewMetadata,
  values: FormValues,
  extras: StepExtras = {},
): ModalView {
  const fill = "fill" in extras ? extras.fill : costFill(deps, step, values, extras.prefilled ?? {});
  return buildQuestionnaireStep({
    step,
    metadata,
    values,
    today: deps.today(),
    ...(extras.draftSavedAt ? { draftSavedAt: extras.draftSavedAt } : {}),
    ...(extras.intro ? { intro: extras.intro } : {}),
    ...(extras.revisions ? { revisions: extras.revisions } : {}),
    ...(fill ? { prices: fill.hints } : {}),
    prefilled: { ...extras.prefilled, ...fill?.filled },
  });
}

export interface Start {
  teamId: string;
  userId: string;
  metadata: ReviewMetadata;
  /** Typed after the command. */
  title?: string | undefined;
}

/** The first step, with the user's draft filled in when there is one (and "Start over" beside it). */
export async function firstStepView(deps: QuestionnaireDeps, start: Start): Promise<ModalView> {
  const draft = await getDraft(deps.db, { teamId: start.teamId, userId: start.userId });
  const title: FormValues = start.title ? { title: start.title } : {};
  if (!draft) return stepView(deps, "problem", start.metadata, title);
  return stepView(deps, "problem", start.metadata, mergeValues(draft.values, title), { draftSavedAt: draft.updatedAt });
}

export interface RevisionStart {
  teamId: string;
  userId: string;
  metadata: ReviewMetadata & { parentId: number };
  /** The answers the revision starts from: the decision's, "Don't know" included (a re-evaluation: with the newer model). */
  values: FormValues;
  /** What is revised, said above the questions. */
  intro: string;
}

/**
 * The first step of a revision or re-evaluation: the user's draft of this revision when they closed one (with "Start
 * over"), else the answers it starts from; decided as of today either way.
 */
export async function revisionStepView(deps: QuestionnaireDeps, start: RevisionStart): Promise<ModalView> {
  const draft = await getDraft(deps.db, { teamId: start.teamId, userId: start.userId, revises: start.metadata.parentId });
  const today = { asOf: deps.today() };
  if (!draft) return stepView(deps, "problem", start.metadata, mergeValues(start.values, today), { intro: start.intro });
  return stepView(deps, "problem", start.metadata, mergeValues(draft.values, today), {
    intro: start.intro,
    draftSavedAt: draft.updatedAt,
  });
}

export function nextStep(step: StepId): StepId | null {
  return STEPS[STEPS.indexOf(step) + 1] ?? null;
}

export { reviewPart };

/** Whether the values hold anything the team entered (a form opened and closed at once is no draft). */
export function hasAnswers(values: FormValues): boolean {
  return FORM_FIELDS.some((f) => f.path !== "asOf" && values[f.path] !== undefined && values[f.path] !== f.initial);
}

/** Keeps the answers as the user's draft; the decision date is not kept, so a continued draft is decided as of its day. */
export async function keepDraft(db: SqlClient, context: StepContext): Promise<void> {
  const { asOf: _asOf, ...values } = context.values;
  await saveDraft(db, context.key, context.session, values);
}
