// Pure Block Kit validation: everything SLACK-NOTES §1 says Slack rejects, for
// messages (`/blocks/...`) and views (`/view/...`). Each function returns the
// problems found (empty = Slack would accept it, as far as the notes know).
import { Checker, type Json, type Problem } from "./block-kit-checks.js";
import { checkElement, checkImage, checkOptionsAnswer, ELEMENTS_ALLOWED_IN, type SurfaceScope } from "./block-kit-elements.js";

export { formatProblem, type Problem } from "./block-kit-checks.js";

export type Surface = "message" | "modal" | "home";

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  viewBytes: 250_000,
  markdownChars: 12_000,
  messageTextUpdate: 4_000,
  messageTextTruncate: 40_000,
} as const;

const BLOCK_KEYS: Record<string, readonly string[]> = {
  section: ["text", "fields", "accessory", "expand"],
  header: ["text"],
  divider: [],
  context: ["elements"],
  actions: ["elements"],
  input: ["label", "element", "hint", "optional", "dispatch_action"],
  image: ["image_url", "slack_file", "alt_text", "title"],
  rich_text: ["elements"],
  video: [
    "alt_text",
    "author_name",
    "description",
    "provider_icon_url",
    "provider_name",
    "title",
    "title_url",
    "thumbnail_url",
    "video_url",
  ],
  markdown: ["text"],
  file: ["external_id", "source"],
};

const MESSAGE_ONLY = ["markdown", "file"];

/** Validates a message's `blocks` array (chat.postMessage, chat.update, response_url). */
export function validateMessageBlocks(blocks: unknown, pointer = "/blocks"): Problem[] {
  const c = new Checker();
  if (c.array(blocks, pointer, { max: LIMITS.messageBlocks })) checkBlocks(c, blocks, pointer, "message");
  return c.problems;
}

/**
 * Validates a view (views.open/update/push/publish, or a response_action view).
 * `expectedType` makes e.g. views.publish reject a modal.
 */
export function validateView(view: unknown, expectedType?: "modal" | "home", pointer = "/view"): Problem[] {
  const c = new Checker();
  if (!c.object(view, pointer)) return c.problems;
  const type = view.type;
  if (type !== "modal" && type !== "home") {
    c.add(`${pointer}/type`, "must be one of: modal, home");
    return c.problems;
  }
  if (expectedType && type !== expectedType) c.add(`${pointer}/type`, `must be ${expectedType}`);
  const common = ["type", "blocks", "private_metadata", "callback_id", "external_id"];
  if (type === "modal") {
    c.keys(view, pointer, [...common, "title", "close", "submit", "clear_on_close", "notify_on_close", "submit_disabled"]);
    c.text(view.title, `${pointer}/title`, { max: 24, plainOnly: true, required: true });
    c.text(view.submit, `${pointer}/submit`, { max: 24, plainOnly: true });
    c.text(view.close, `${pointer}/close`, { max: 24, plainOnly: true });
    for (const key of ["clear_on_close", "notify_on_close", "submit_disabled"]) c.boolean(view, key, pointer);
  } else {
    c.keys(view, pointer, common);
  }
  c.optionalString(view, "private_metadata", pointer, 3000);
  c.optionalString(view, "callback_id", pointer, 255);
  c.optionalString(view, "external_id", pointer, 255);
  const blocksPointer = `${pointer}/blocks`;
  if (!c.required(view, "blocks", pointer)) return c.problems;
  if (!c.array(view.blocks, blocksPointer, { min: 1, max: LIMITS.viewBlocks })) return c.problems;
  checkBlocks(c, view.blocks, blocksPointer, type);
  const firstInput = view.blocks.findIndex((b) => (b as Json | null)?.type === "input");
  if (type === "modal" && firstInput >= 0 && view.submit === undefined) {
    c.add(`${blocksPointer}/${firstInput}/input`, "must define `submit` to use an `input` block in modals");
  }
  return c.problems;
}

/** Validates the app's answer to an options request (external selects). */
export function validateOptionsAnswer(body: unknown): Problem[] {
  const c = new Checker();
  checkOptionsAnswer(c, body);
  return c.problems;
}

/** Size Slack compares with its 250 kB view limit (`view_too_large`). */
export const viewByteSize = (view: unknown): number => Buffer.byteLength(JSON.stringify(view) ?? "", "utf8");

function checkBlocks(c: Checker, blocks: unknown[], pointer: string, surface: Surface): void {
  const scope: SurfaceScope = { focusOnLoad: [] };
  const blockIds = new Set<string>();
  let markdownChars = 0;
  blocks.forEach((block, i) => {
    const p = `${pointer}/${i}`;
    if (!c.object(block, p)) return;
    const type = block.type;
    const keys = typeof type === "string" ? BLOCK_KEYS[type] : undefined;
    if (!keys || (surface !== "message" && MESSAGE_ONLY.includes(type as string))) {
      c.add(`${p}/type`, `unsupported type: ${String(type)}`);
      return;
    }
    c.keys(block, p, ["type", "block_id", ...keys]);
    if (block.block_id !== undefined && c.string(block.block_id, `${p}/block_id`, { min: 1, max: 255 })) {
      if (blockIds.has(block.block_id)) c.add(`${p}/block_id`, `duplicate block_id: ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    if (type === "markdown" && c.required(block, "text", p) && c.string(block.text, `${p}/text`)) {
      markdownChars += block.text.length;
    }
    BLOCK_CHECKS[type as string]?.(c, block, p, scope);
  });
  if (markdownChars > LIMITS.markdownChars) {
    c.add(pointer, `markdown blocks must be less than ${LIMITS.markdownChars + 1} characters in total`);
  }
  for (const extra of scope.focusOnLoad.slice(1)) c.add(extra, "only one element may set focus_on_load");
}

type BlockCheck = (c: Checker, block: Json, pointer: string, scope: SurfaceScope) => void;

const BLOCK_CHECKS: Record<string, BlockCheck> = {
  section(c, b, p, scope) {
    if (b.text === undefined && b.fields === undefined) {
      c.add(`${p}/type`, "must define either `text` or `fields`");
    }
    c.text(b.text, `${p}/text`, { max: 3000 });
    if (b.fields !== undefined && c.array(b.fields, `${p}/fields`, { min: 1, max: 10 })) {
      b.fields.forEach((f, i) => c.text(f, `${p}/fields/${i}`, { max: 2000, required: true }));
    }
    c.boolean(b, "expand", p);
    if (b.accessory !== undefined) {
      checkElement(c, b.accessory, `${p}/accessory`, ELEMENTS_ALLOWED_IN.sectionAccessory, scope);
    }
  },
  header(c, b, p) {
    c.text(b.text, `${p}/text`, { max: 150, plainOnly: true, required: true });
  },
  context(c, b, p) {
    if (!c.required(b, "elements", p) || !c.array(b.elements, `${p}/elements`, { min: 1, max: 10 })) return;
    b.elements.forEach((e, i) => {
      const ep = `${p}/elements/${i}`;
      if (!c.object(e, ep)) return;
      if (e.type === "image") {
        c.keys(e, ep, ["type", "image_url", "slack_file", "alt_text"]);
        checkImage(c, e, ep);
      } else {
        c.text(e, ep, { max: 3000 });
      }
    });
  },
  actions(c, b, p, scope) {
    if (!c.required(b, "elements", p) || !c.array(b.elements, `${p}/elements`, { min: 1, max: 25 })) return;
    const ids = new Set<string>();
    b.elements.forEach((e, i) => {
      const ep = `${p}/elements/${i}`;
      const id = checkElement(c, e, ep, ELEMENTS_ALLOWED_IN.actions, scope);
      if (id !== undefined && ids.has(id)) c.add(`${ep}/action_id`, `duplicate action_id: ${id}`);
      if (id !== undefined) ids.add(id);
    });
  },
  input(c, b, p, scope) {
    c.text(b.label, `${p}/label`, { max: 2000, plainOnly: true, required: true });
    c.text(b.hint, `${p}/hint`, { max: 2000, plainOnly: true });
    c.boolean(b, "optional", p);
    c.boolean(b, "dispatch_action", p);
    if (c.required(b, "element", p)) checkElement(c, b.element, `${p}/element`, ELEMENTS_ALLOWED_IN.input, scope);
  },
  image(c, b, p) {
    checkImage(c, b, p);
    c.text(b.title, `${p}/title`, { max: 2000, plainOnly: true });
  },
  rich_text(c, b, p) {
    if (c.required(b, "elements", p)) c.array(b.elements, `${p}/elements`, { max: Number.MAX_SAFE_INTEGER });
  },
  video(c, b, p) {
    for (const key of ["alt_text", "title", "thumbnail_url", "video_url"]) c.required(b, key, p);
    c.text(b.title, `${p}/title`, { max: 200, plainOnly: true });
  },
};
