import { type Answers, type FieldProblem, parseAnswers } from "../../engine/answers.js";
import { WORKFLOW_INPUT } from "../ids.js";
import { ChannelId, UserId } from "./read-slack-ids.js";

/** An "Assess fine-tuning" step, read from its inputs: what to decide, for whom, and where to post it. */
export interface StepRequest {
  channelId: string;
  requesterId: string;
  answers: Answers;
}

export type ReadStepResult = { ok: true; request: StepRequest } | { ok: false; error: string };

/** The inputs as Workflow Builder names them (the manifests' titles), for errors people can act on. */
const INPUT_TITLE: Record<string, string> = {
  [WORKFLOW_INPUT.channel]: "Channel",
  [WORKFLOW_INPUT.requester]: "Requested by",
  [WORKFLOW_INPUT.title]: "Title",
  [WORKFLOW_INPUT.productionModel]: "Production model",
  [WORKFLOW_INPUT.answers]: "Answers (JSON)",
};

/** The answers that come from inputs of their own: those inputs win over the same fields in the JSON. */
const FROM_OWN_INPUTS: Record<string, string> = { title: WORKFLOW_INPUT.title, baseModel: WORKFLOW_INPUT.productionModel };

const MAX_PROBLEMS = 5;

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/**
 * Reads the step's inputs into a request, or one error in plain words naming what to fix (a missing input, answers
 * that are not JSON, an unknown or invalid field). The shape of the JSON is the CLI's (`cli schema`).
 */
export function readStepInputs(inputs: Record<string, unknown> | undefined): ReadStepResult {
  const given = inputs ?? {};
  const missing = Object.keys(INPUT_TITLE).filter((name) => text(given[name]) === undefined);
  if (missing.length > 0) return { ok: false, error: `The step is missing ${listOf(missing.map((name) => `"${INPUT_TITLE[name]}"`))}.` };
  const channel = ChannelId.safeParse(text(given[WORKFLOW_INPUT.channel]));
  if (!channel.success) return { ok: false, error: `"Channel" is not a channel: pick one from the list.` };
  const requester = UserId.safeParse(text(given[WORKFLOW_INPUT.requester]));
  if (!requester.success) return { ok: false, error: `"Requested by" is not a person: pick one, or "Person who used this workflow".` };

  let json: unknown;
  try {
    json = JSON.parse(text(given[WORKFLOW_INPUT.answers]) ?? "");
  } catch (error) {
    return { ok: false, error: `"Answers (JSON)" is not valid JSON (${(error as Error).message}).` };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, error: `"Answers (JSON)" must be a JSON object, like {"task": "classification", ...}.` };
  }
  const candidate = text(given[WORKFLOW_INPUT.candidateModel]);
  const input = {
    ...json,
    title: text(given[WORKFLOW_INPUT.title]),
    baseModel: text(given[WORKFLOW_INPUT.productionModel]),
    ...(candidate ? { candidateModel: candidate } : {}),
  };
  const parsed = parseAnswers(input);
  if (!parsed.ok) return { ok: false, error: answersError(parsed.problems, input) };
  return { ok: true, request: { channelId: channel.data, requesterId: requester.data, answers: parsed.answers } };
}

/** Where a problem is, in the words of the step: its own input, or the field's path in the JSON. */
function whereOf(path: string): string {
  const own = FROM_OWN_INPUTS[path];
  return own ? `"${INPUT_TITLE[own]}"` : `"${path}"`;
}

/** Unknown fields first (a typo hides the field it meant), then the missing ones together, then the invalid ones. */
function answersError(problems: FieldProblem[], input: Record<string, unknown>): string {
  const unknown = problems.filter((p) => p.message === "is not a known field").map((p) => `${whereOf(p.path)} is not a known field`);
  const rest = problems.filter((p) => p.message !== "is not a known field");
  const missing = rest.filter((p) => p.path && valueAt(input, p.path) === undefined).map((p) => whereOf(p.path));
  const invalid = rest
    .filter((p) => !p.path || valueAt(input, p.path) !== undefined)
    .map((p) => `${p.path ? whereOf(p.path) : "the answers"}: ${p.message}`);
  const parts = [
    ...unknown,
    ...(missing.length > 0 ? [`${listOf(missing)} ${missing.length === 1 ? "is" : "are"} missing`] : []),
    ...invalid,
  ];
  const more = parts.length > MAX_PROBLEMS ? ` (and ${parts.length - MAX_PROBLEMS} more)` : "";
  return `The answers need fixing: ${parts.slice(0, MAX_PROBLEMS).join("; ")}${more}.`;
}

function valueAt(input: Record<string, unknown>, path: string): unknown {
  let node: unknown = input;
  for (const key of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
