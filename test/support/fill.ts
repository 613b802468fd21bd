import type { Answers } from "../../src/engine/answers.js";
import { FIELD_BY_PATH, type StepId } from "../../src/slack/questionnaire/fields.js";
import { answersToForm, type FormValues, isShown, mergeValues } from "../../src/slack/questionnaire/form-values.js";
import { fieldOfBlockId } from "../../src/slack/readers/read-step-values.js";
import type { Json } from "../emulator/block-kit-checks.js";
import type { DriverResponse, FillValue, SlackDriver } from "../emulator/slack-driver.js";
import type { SlackEmulator, StoredView } from "../emulator/slack-emulator.js";

/** What a user would enter in the inputs of `view` to give these form values, by block id. */
export function formFill(values: FormValues, view: Json): Record<string, FillValue> {
  const fill: Record<string, FillValue> = {};
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  for (const block of blocks) {
    if (block.type !== "input" || typeof block.block_id !== "string") continue;
    const field = fieldOfBlockId(block.block_id);
    if (!field) continue;
    const value = values[field.path];
    const kind = FIELD_BY_PATH.get(field.path)!.kind;
    // The date keeps the day the form shows (today) unless the answers name one.
    if (value === undefined && kind === "date") continue;
    fill[block.block_id] = value === undefined ? (kind === "multi" ? [] : null) : value;
  }
  return fill;
}

/** What a user would enter for these answers (their "Don't know"s included), in every input of `view`. */
export function fillFromAnswers(answers: Answers, view: Json, unknowns: readonly string[] = []): Record<string, FillValue> {
  return formFill(answersToForm(answers, unknowns), view);
}

export interface Walker {
  driver: SlackDriver;
  emulator: SlackEmulator;
}

export interface WalkOptions {
  userId: string;
  /** Answered "Don't know" (Answers paths). */
  unknowns?: readonly string[];
  /** Form values on top of the answers' (e.g. a field left empty, a bad number). */
  override?: FormValues;
  /** Stop with this step open instead of submitting it. */
  stopAt?: StepId;
}

/** The input (by field path) each choice reveals or hides. */
const REVEALS: ReadonlyArray<[chooser: string, revealed: string]> = [
  ["shortfall", "gaps"],
  ["evals.hasPromptedBaseline", "evals.baselineScore"],
  ["costFigures", "costs.trainingUsd"],
];

const hasInput = (view: Json, path: string) =>
  Array.isArray(view.blocks) &&
  (view.blocks as Json[]).some((b) => typeof b.block_id === "string" && fieldOfBlockId(b.block_id)?.path === path);

const blockIdOf = (view: Json, path: string) =>
  (view.blocks as Json[]).find((b) => typeof b.block_id === "string" && fieldOfBlockId(b.block_id)?.path === path)!.block_id as string;

/** Chooses `value` in a dispatching input and waits until the app has redrawn the view. */
export async function choose(w: Walker, view: StoredView, path: string, value: FillValue, userId: string, values: FormValues = {}) {
  const updates = w.emulator.callsTo("views.update").length;
  const res = await w.driver.sendBlockAction({
    userId,
    view,
    blockId: blockIdOf(view.view, path),
    actionId: "value",
    value,
    values: formFill(values, view.view),
  });
  if (res.status !== 200) throw new Error(`choosing ${path} answered ${res.status}`);
  await w.emulator.waitFor(
    () =>
      w.emulator
        .callsTo("views.update")
        .slice(updates)
        .find((c) => c.args.view_id === view.id),
    5000,
    `views.update after choosing ${path}`,
  );
  return w.emulator.view(view.id)!;
}

/** Types a model id into a model menu, the way a user finds it: the app must offer it (from a catalog or as typed). */
export async function findModel(w: Walker, view: StoredView, path: string, id: string, userId: string): Promise<void> {
  const res = await w.driver.sendBlockSuggestion({ userId, view, blockId: blockIdOf(view.view, path), actionId: "value", value: id });
  if (!res.options.some((o) => o.value === id)) {
    throw new Error(`the ${path} menu did not offer ${id}: ${res.refused ?? JSON.stringify(res.options.slice(0, 3))}`);
  }
}

export interface Walked {
  /** The answer to the last submission sent. */
  response: DriverResponse | undefined;
  /** Every step view seen, the open one last. */
  views: StoredView[];
}

/**
 * Walks the questionnaire from its first step like a user: makes the choices that reveal the fields the answers
 * need, finds the models through the menus, and submits each step (the last one too unless `stopAt` says).
 */
export async function walkQuestionnaire(w: Walker, first: StoredView, answers: Answers, opts: WalkOptions): Promise<Walked> {
  const values = mergeValues(answersToForm(answers, opts.unknowns), opts.override ?? {});
  const views: StoredView[] = [first];
  let view = first;
  let response: DriverResponse | undefined;
  for (const step of ["problem", "evidence", "costs"] as const) {
    // Models first: a redraw keeps the menus (and what they offered).
    for (const path of ["baseModel", "candidateModel"]) {
      const id = values[path];
      if (typeof id === "string" && hasInput(view.view, path)) await findModel(w, view, path, id, opts.userId);
    }
    for (const [chooser, revealed] of REVEALS) {
      const field = FIELD_BY_PATH.get(revealed)!;
      // A choice that would show or hide fields the view does (not) have yet (a draft may have shown them).
      if (field.step === step && hasInput(view.view, revealed) !== isShown(field, values) && hasInput(view.view, chooser)) {
        view = await choose(w, view, chooser, values[chooser] as FillValue, opts.userId, values);
      }
    }
    views[views.length - 1] = view;
    if (opts.stopAt === step) return { response, views };
    response = await w.driver.sendViewSubmission({ userId: opts.userId, view, values: formFill(values, view.view) });
    const pushed = (response.ack?.view as Json | undefined)?.id;
    if (step === "costs") break;
    if (typeof pushed !== "string" || (response.json as Json | undefined)?.response_action !== "push") return { response, views };
    view = w.emulator.view(pushed)!;
    views.push(view);
  }
  return { response, views };
}

/** Walks an open questionnaire to its last step and leaves it open there (its answers filled in by the caller). */
export async function toLastStep(w: Walker, first: StoredView, answers: Answers, userId: string): Promise<StoredView> {
  const { views } = await walkQuestionnaire(w, first, answers, { userId, stopAt: "costs" });
  const last = views.at(-1)!;
  if (last.view.callback_id !== "questionnaire_costs")
    throw new Error(`stopped before the last step: ${JSON.stringify(last.view.callback_id)}`);
  return last;
}
