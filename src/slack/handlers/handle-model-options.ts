import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import type { ModelDirectory } from "../../watcher/model-directory.js";
import { buildModelOptions } from "../builders/build-model-options.js";
import { LIMIT } from "../limits.js";

type Args = SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs;

/** The model menus' options: searched in memory (Slack waits 3 seconds at most), never fetched. */
export function handleModelOptions(deps: { models?: ModelDirectory | undefined }) {
  return async ({ ack, payload }: Args): Promise<void> => {
    const query = typeof payload.value === "string" ? payload.value.slice(0, 200) : "";
    await ack(buildModelOptions(query, deps.models?.search(query, LIMIT.menuOptions) ?? []));
  };
}
