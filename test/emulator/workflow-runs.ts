// Workflow Builder custom steps: the functions an app declares in its manifest, the runs of them Slack starts (each
// delivered as a `function_executed` event), and functions.completeSuccess / functions.completeError, which end a run.
// As Slack does, a run ends once; outputs must be the declared ones, of the declared types; and each run comes with
// its own short-lived token that stops working when the run ends.
import { randomBytes } from "node:crypto";
import type { Json } from "./block-kit-checks.js";
import { fail, type MethodHandler, stringArg } from "./method-context.js";

/** A parameter as the manifest declares it (`functions.<callback_id>.input_parameters.properties.<name>`). */
export interface ParameterDefinition {
  type: string;
  title?: string;
  description?: string;
}

export interface ParameterSet {
  properties: Record<string, ParameterDefinition>;
  required?: string[];
}

/** One entry of the manifest's `functions`. */
export interface FunctionDefinition {
  title: string;
  description: string;
  input_parameters: ParameterSet;
  output_parameters: ParameterSet;
}

export interface WorkflowRun {
  /** `function_execution_id` (`Fx…`). */
  id: string;
  callbackId: string;
  inputs: Json;
  /** The run's own token (`bot_access_token` in the event), valid until the run ends. */
  token: string;
  state: "running" | "completed" | "failed";
  outputs?: Json;
  error?: string;
  /** Its `function_executed` event, made once: a redelivery repeats it. */
  event?: Json;
}

const ID_PATTERN: Record<string, RegExp> = {
  "slack#/types/user_id": /^[UW][A-Z0-9]{2,}$/,
  "slack#/types/channel_id": /^[CGD][A-Z0-9]{2,}$/,
};

/** Why a value does not fit its declared type, or undefined when it does (the types this app uses, and ids). */
function typeProblem(value: unknown, type: string): string | undefined {
  switch (type) {
    case "string":
      return typeof value === "string" ? undefined : "must be a string";
    case "integer":
      return Number.isInteger(value) ? undefined : "must be an integer";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be a number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be a boolean";
    default: {
      const pattern = ID_PATTERN[type];
      if (pattern) return typeof value === "string" && pattern.test(value) ? undefined : `must be a ${type.replace("slack#/types/", "")}`;
      return undefined;
    }
  }
}

/** Problems of `values` against a parameter set: unknown names, wrong types, required ones missing. */
export function parameterProblems(values: Json, set: ParameterSet): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const definition = set.properties[name];
    if (!definition) {
      problems.push(`${name}: is not a declared parameter`);
      continue;
    }
    const problem = typeProblem(value, definition.type);
    if (problem) problems.push(`${name}: ${problem}`);
  }
  for (const name of set.required ?? []) {
    if (values[name] === undefined || values[name] === "") problems.push(`${name}: is required`);
  }
  return problems;
}

export class WorkflowRuns {
  readonly definitions = new Map<string, FunctionDefinition>();
  readonly runs = new Map<string, WorkflowRun>();

  declare(functions: Record<string, FunctionDefinition>): void {
    for (const [callbackId, definition] of Object.entries(functions)) this.definitions.set(callbackId, definition);
  }

  /** A new run of a declared function; throws when the inputs would not pass Workflow Builder's own checks. */
  start(callbackId: string, inputs: Json): WorkflowRun {
    const definition = this.definitions.get(callbackId);
    if (!definition) throw new Error(`WorkflowRuns: no function ${callbackId} was declared`);
    const problems = parameterProblems(inputs, definition.input_parameters);
    if (problems.length > 0) throw new Error(`WorkflowRuns: Workflow Builder would not start ${callbackId}: ${problems.join("; ")}`);
    const run: WorkflowRun = {
      id: `Fx${randomBytes(6).toString("hex").toUpperCase()}`,
      callbackId,
      inputs,
      token: `xwfp-${randomBytes(12).toString("hex")}`,
      state: "running",
    };
    this.runs.set(run.id, run);
    return run;
  }

  /** The `function_executed` event of a run, as Slack sends it (inside an `event_callback` envelope). */
  event(run: WorkflowRun, appId: string): Json {
    run.event ??= this.makeEvent(run, appId);
    return run.event;
  }

  private makeEvent(run: WorkflowRun, appId: string): Json {
    const definition = this.definitions.get(run.callbackId)!;
    const parameters = (set: ParameterSet) =>
      Object.entries(set.properties).map(([name, p]) => ({ name, ...p, is_required: (set.required ?? []).includes(name) }));
    return {
      type: "function_executed",
      function: {
        id: `Fn${randomBytes(5).toString("hex").toUpperCase()}`,
        callback_id: run.callbackId,
        title: definition.title,
        description: definition.description,
        type: "app",
        input_parameters: parameters(definition.input_parameters),
        output_parameters: parameters(definition.output_parameters),
        app_id: appId,
        date_created: 1_700_000_000,
        date_updated: 1_700_000_000,
        date_deleted: 0,
      },
      inputs: run.inputs,
      function_execution_id: run.id,
      workflow_execution_id: `Wx${randomBytes(6).toString("hex").toUpperCase()}`,
      bot_access_token: run.token,
    };
  }

  /** Whether `token` is the token of a run still going. */
  acceptsToken(token: string): boolean {
    return [...this.runs.values()].some((run) => run.token === token && run.state === "running");
  }

  clear(): void {
    this.runs.clear();
  }
}

/** The run a completion names, or the Slack error for it. */
function runningRun(runs: WorkflowRuns, id: unknown): WorkflowRun | ReturnType<typeof fail> {
  const run = runs.runs.get(stringArg(id) ?? "");
  if (!run) return fail("function_execution_not_found");
  if (run.state !== "running") return fail("execution_not_in_running_state");
  return run;
}

const isRun = (value: WorkflowRun | ReturnType<typeof fail>): value is WorkflowRun => !("ok" in value);

/** `outputs` arrives JSON-encoded in a form body, or as an object in a JSON one. */
function readOutputs(value: unknown): Json | undefined {
  const parsed = typeof value === "string" ? safeJson(value) : value;
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const FUNCTION_METHODS: Record<string, MethodHandler> = {
  "functions.completeSuccess": ({ world, args }) => {
    const run = runningRun(world.workflows, args.function_execution_id);
    if (!isRun(run)) return run;
    const outputs = readOutputs(args.outputs);
    if (!outputs) return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: outputs"] } });
    const problems = parameterProblems(outputs, world.workflows.definitions.get(run.callbackId)!.output_parameters);
    if (problems.length > 0) {
      return fail("parameter_validation_failed", {
        errors: problems,
        response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
      });
    }
    run.state = "completed";
    run.outputs = outputs;
    return { ok: true };
  },
  "functions.completeError": ({ world, args }) => {
    const run = runningRun(world.workflows, args.function_execution_id);
    if (!isRun(run)) return run;
    const error = stringArg(args.error);
    if (!error) return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: error"] } });
    run.state = "failed";
    run.error = error;
    return { ok: true };
  },
};
