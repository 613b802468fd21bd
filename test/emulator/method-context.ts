import { formatProblem, type Json, type Problem } from "./block-kit-checks.js";
import type { SlackWorld } from "./emulator-world.js";

export interface MethodContext {
  world: SlackWorld;
  /** Parsed arguments: form fields as strings, `blocks`/`view`/... JSON-parsed. */
  args: Json;
}

export type SlackResponse = Json & { ok: boolean };
export type MethodHandler = (ctx: MethodContext) => SlackResponse;

export const fail = (error: string, extra: Json = {}): SlackResponse => ({ ok: false, error, ...extra });

/** Message validation failure, shaped like Slack's chat.postMessage answer. */
export const invalidBlocks = (problems: Problem[]): SlackResponse =>
  fail("invalid_blocks", {
    errors: problems.map(formatProblem),
    response_metadata: { messages: problems.map((p) => `[ERROR] ${formatProblem(p)}`) },
  });

/** View validation failure, shaped like Slack's views.* answer. */
export const invalidArguments = (problems: Problem[]): SlackResponse =>
  fail("invalid_arguments", {
    response_metadata: {
      messages: ["[ERROR] failed to match all allowed schemas [json-pointer:/view]", ...problems.map((p) => `[ERROR] ${formatProblem(p)}`)],
    },
  });

/** Form bodies carry booleans as "true"/"1". */
export const isTrue = (value: unknown): boolean => value === true || value === "true" || value === "1";

export const stringArg = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
