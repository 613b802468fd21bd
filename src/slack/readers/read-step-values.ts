import type { ViewStateValue } from "@slack/bolt";
import { ACTION } from "../ids.js";
import { LIMIT } from "../limits.js";
import { FIELD_BY_PATH } from "../questionnaire/fields.js";
import type { FormValues } from "../questionnaire/form-values.js";

export type ViewState = Record<string, Record<string, ViewStateValue>>;

/**
 * An input's block id: the field's path, then `~n` once the input was replaced n times. Slack keeps what a user
 * entered in an input whose block id stays the same across views.update, and ignores a new initial value there; a
 * new block id is how a catalog price reaches an empty field, or "Start over" empties the form.
 */
export function blockIdOf(path: string, revision: number): string {
  return revision > 0 ? `${path}~${revision}` : path;
}

/** The field a block id belongs to, or null when it is none of ours. */
export function fieldOfBlockId(blockId: string): { path: string; revision: number } | null {
  const match = /^([\w.]+)(?:~(\d{1,6}))?$/.exec(blockId);
  if (!match || !FIELD_BY_PATH.has(match[1]!)) return null;
  return { path: match[1]!, revision: Number(match[2] ?? 0) };
}

/** The revision of every field input in a view's blocks. */
export function revisionsOf(blocks: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!Array.isArray(blocks)) return out;
  for (const block of blocks) {
    const id = (block as { block_id?: unknown } | null)?.block_id;
    const field = typeof id === "string" ? fieldOfBlockId(id) : null;
    if (field) out[field.path] = field.revision;
  }
  return out;
}

const clip = (text: string) => text.slice(0, 3000);

function readValue(kind: string, value: ViewStateValue): string | string[] | undefined {
  if (!value || typeof value !== "object") return undefined;
  switch (kind) {
    case "text":
    case "number":
      return typeof value.value === "string" ? clip(value.value) : value.value === null ? "" : undefined;
    case "select":
    case "radio":
    case "model": {
      const chosen = value.selected_option?.value;
      return typeof chosen === "string" ? clip(chosen) : value.selected_option === null ? "" : undefined;
    }
    case "multi":
      return Array.isArray(value.selected_options)
        ? value.selected_options
            .map((o) => o?.value)
            .filter((v): v is string => typeof v === "string")
            .slice(0, 20)
        : undefined;
    case "date":
      return typeof value.selected_date === "string" ? value.selected_date.slice(0, 10) : value.selected_date === null ? "" : undefined;
    default:
      return undefined;
  }
}

/**
 * What the view's inputs hold, by field path: an emptied input reads as "" (or []) so that it clears an earlier answer.
 * Whatever shape the state has, the answer is values, never a throw.
 */
export function readStepValues(state: unknown): FormValues {
  const values: FormValues = {};
  if (state === null || typeof state !== "object") return values;
  for (const [blockId, actions] of Object.entries(state as Record<string, unknown>)) {
    const field = fieldOfBlockId(blockId);
    if (!field || actions === null || typeof actions !== "object") continue;
    const value = readValue(FIELD_BY_PATH.get(field.path)!.kind, (actions as Record<string, ViewStateValue>)[ACTION.field]!);
    if (value !== undefined) values[field.path] = value;
  }
  return values;
}

/**
 * Field errors keyed by the block ids of the view's inputs. A field the view does not have (a view no Slack client
 * sent) keeps its path as the key: the submission is still refused.
 */
export function errorsForView(errors: Record<string, string>, blocks: unknown): Record<string, string> {
  const revisions = revisionsOf(blocks);
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    out[path in revisions ? blockIdOf(path, revisions[path]!) : path] = message.slice(0, LIMIT.sectionText);
  }
  return out;
}
