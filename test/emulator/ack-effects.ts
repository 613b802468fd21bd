// What Slack does with the body of the app's HTTP ack: a command's ack becomes a
// message; a view_submission's `response_action` closes, updates, pushes or
// clears views, or shows field errors (keys must be input block ids).
import { isObject } from "./block-kit-checks.js";
import type { SlackWorld, StoredMessage } from "./emulator-world.js";
import { fail, type SlackResponse } from "./method-context.js";
import { isFailure, readMessageContent } from "./slack-message.js";
import { checkViewArg, isViewFailure, MAX_VIEW_STACK } from "./view-methods.js";

export function applyCommandAck(world: SlackWorld, body: unknown, where: { channelId: string; userId: string }): SlackResponse {
  if (body === undefined || body === "") return { ok: true };
  const args = isObject(body) ? body : { text: String(body) };
  const content = readMessageContent(args);
  if (isFailure(content)) return content;
  const message: StoredMessage = {
    channel: where.channelId,
    ts: world.nextTs(),
    user: world.identity.botUserId,
    botId: world.identity.botId,
    text: content.text,
    blocks: content.blocks,
    reactions: [],
    via: "ack",
  };
  if (args.response_type === "in_channel") world.messages.push(message);
  else world.ephemerals.push({ ...message, visibleTo: where.userId });
  return { ok: true };
}

export function applyViewSubmissionAck(world: SlackWorld, viewId: string, body: unknown): SlackResponse {
  const stored = world.views.get(viewId);
  if (!stored) return fail("not_found");
  if (!isObject(body) || body.response_action === undefined) {
    stored.open = false;
    return { ok: true };
  }
  switch (body.response_action) {
    case "errors": {
      if (!isObject(body.errors)) return fail("invalid_arguments");
      const blocks = Array.isArray(stored.view.blocks) ? stored.view.blocks : [];
      const inputIds = blocks
        .filter(isObject)
        .filter((b) => b.type === "input")
        .map((b) => b.block_id);
      const unknown = Object.keys(body.errors).filter((k) => !inputIds.includes(k));
      if (unknown.length === 0) return { ok: true };
      return fail("invalid_arguments", {
        response_metadata: {
          messages: unknown.map((k) => `[ERROR] no input block with block_id: ${k} [json-pointer:/errors/${k}]`),
        },
      });
    }
    case "update": {
      const view = checkViewArg(world, body.view, "modal", stored);
      if (isViewFailure(view)) return view;
      world.replaceView(stored, view);
      return { ok: true, view: stored.view };
    }
    case "push": {
      const view = checkViewArg(world, body.view, "modal");
      if (isViewFailure(view)) return view;
      if (world.openStack(stored.rootViewId).length >= MAX_VIEW_STACK) return fail("push_limit_reached");
      return { ok: true, view: world.createView("modal", view, { userId: stored.userId, root: stored }).view };
    }
    case "clear":
      world.closeStack(stored.rootViewId);
      return { ok: true };
    default:
      return fail("invalid_arguments", {
        response_metadata: { messages: [`[ERROR] unknown response_action: ${String(body.response_action)}`] },
      });
  }
}
