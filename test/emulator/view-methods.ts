// views.open / push / update / publish, with trigger ids, the 3-view stack and hashes.
import { isObject, type Json } from "./block-kit-checks.js";
import { LIMITS, validateView, viewByteSize } from "./block-kit-limits.js";
import type { SlackWorld, StoredView } from "./emulator-world.js";
import { fail, invalidArguments, type MethodHandler, type SlackResponse, stringArg } from "./method-context.js";

/** Open + 2 pushes (SLACK-NOTES §1 "view stack"). */
export const MAX_VIEW_STACK = 3;

/** The `view` argument if Slack would take it, else the error Slack answers. */
export function checkViewArg(world: SlackWorld, view: unknown, type: "modal" | "home", self?: StoredView): Json | SlackResponse {
  if (!isObject(view)) return invalidArguments([{ pointer: "/view", message: "must provide an object" }]);
  if (viewByteSize(view) > LIMITS.viewBytes) return fail("view_too_large");
  const problems = validateView(view, type);
  if (problems.length > 0) return invalidArguments(problems);
  const externalId = stringArg(view.external_id);
  if (externalId !== undefined) {
    const other = world.findView({ externalId });
    if (other && other !== self) return fail("duplicate_external_id");
  }
  return view;
}

export const isViewFailure = (value: Json | SlackResponse): value is SlackResponse => value.ok === false;

const viewAnswer = (stored: StoredView): SlackResponse => ({ ok: true, view: stored.view });

const open: MethodHandler = ({ world, args }) => {
  const view = checkViewArg(world, args.view, "modal");
  if (isViewFailure(view)) return view;
  const trigger = world.consumeTrigger(args.trigger_id ?? args.interactivity_pointer);
  if (typeof trigger === "string") return fail(trigger);
  return viewAnswer(world.createView("modal", view, { userId: trigger.userId }));
};

const push: MethodHandler = ({ world, args }) => {
  const view = checkViewArg(world, args.view, "modal");
  if (isViewFailure(view)) return view;
  const trigger = world.consumeTrigger(args.trigger_id ?? args.interactivity_pointer);
  if (typeof trigger === "string") return fail(trigger);
  const from = trigger.viewId ? world.views.get(trigger.viewId) : undefined;
  const openModals = [...world.views.values()].filter((v) => v.open && v.type === "modal");
  const root = (from?.open ? from : undefined) ?? openModals.filter((v) => v.userId === trigger.userId).at(-1) ?? openModals.at(-1);
  if (!root) return fail("not_found");
  if (world.openStack(root.rootViewId).length >= MAX_VIEW_STACK) return fail("push_limit_reached");
  return viewAnswer(world.createView("modal", view, { userId: trigger.userId ?? root.userId, root }));
};

const update: MethodHandler = ({ world, args }) => {
  const stored = world.findView({ viewId: args.view_id, externalId: args.external_id });
  if (!stored?.open) return fail("not_found");
  const hash = stringArg(args.hash);
  if (hash !== undefined && hash !== stored.hash) return fail("hash_conflict");
  const view = checkViewArg(world, args.view, stored.type, stored);
  if (isViewFailure(view)) return view;
  world.replaceView(stored, view);
  return viewAnswer(stored);
};

const publish: MethodHandler = ({ world, args }) => {
  const userId = stringArg(args.user_id);
  if (userId === undefined) {
    return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] missing required field: user_id"] } });
  }
  if (!world.users.has(userId)) return fail("user_not_found");
  const view = checkViewArg(world, args.view, "home", world.homeViewOf(userId));
  if (isViewFailure(view)) return view;
  const existing = world.homeViewOf(userId);
  const hash = stringArg(args.hash);
  if (existing && hash !== undefined && hash !== existing.hash) return fail("hash_conflict");
  if (!existing) return viewAnswer(world.createView("home", view, { userId }));
  world.replaceView(existing, view);
  return viewAnswer(existing);
};

export const VIEW_METHODS: Record<string, MethodHandler> = {
  "views.open": open,
  "views.push": push,
  "views.update": update,
  "views.publish": publish,
};
