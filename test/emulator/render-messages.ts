// Plain-text rendering of what was posted, for `npm run demo` and test failure output.
import { isObject } from "./block-kit-checks.js";
import type { SlackWorld, StoredMessage } from "./emulator-world.js";

const textOf = (value: unknown): string => (isObject(value) && typeof value.text === "string" ? value.text : "");

function renderElement(el: unknown): string {
  if (!isObject(el)) return "";
  switch (el.type) {
    case "button":
      return `[${textOf(el.text)}]`;
    case "image":
      return `[image: ${String(el.alt_text ?? "")}]`;
    case "plain_text":
    case "mrkdwn":
      return textOf(el);
    case "overflow":
      return "[⋯]";
    default: {
      const placeholder = textOf(el.placeholder);
      return `[${String(el.type)}${placeholder ? `: ${placeholder}` : ""} ▾]`;
    }
  }
}

function richText(value: unknown): string {
  if (Array.isArray(value)) return value.map(richText).join("");
  if (!isObject(value)) return "";
  if (typeof value.text === "string") return value.text;
  if (value.type === "user") return `<@${String(value.user_id)}>`;
  if (value.type === "link") return String(value.url);
  return richText(value.elements) + (value.type === "rich_text_section" ? "\n" : "");
}

/** One block as plain lines (no indentation). */
export function renderBlock(block: unknown): string[] {
  if (!isObject(block)) return [];
  switch (block.type) {
    case "header":
      return [`# ${textOf(block.text)}`];
    case "section": {
      const lines = textOf(block.text) ? textOf(block.text).split("\n") : [];
      if (Array.isArray(block.fields)) lines.push(block.fields.map(textOf).join(" | "));
      if (block.accessory !== undefined) lines.push(`  ${renderElement(block.accessory)}`);
      return lines;
    }
    case "context":
      return [Array.isArray(block.elements) ? block.elements.map(renderElement).join(" · ") : ""];
    case "actions":
      return [Array.isArray(block.elements) ? block.elements.map(renderElement).join(" ") : ""];
    case "divider":
      return ["────────"];
    case "input":
      return [`${textOf(block.label)}: ${renderElement(block.element)}`];
    case "image":
      return [renderElement(block)];
    case "markdown":
      return String(block.text ?? "").split("\n");
    case "rich_text":
      return richText(block.elements).trimEnd().split("\n");
    default:
      return [`[${String(block.type)}]`];
  }
}

function renderMessage(world: SlackWorld, m: StoredMessage, reply: boolean): string[] {
  const [first, indent] = reply ? ["    ↳ ", "      "] : ["  ", "  "];
  const author = world.users.get(m.user)?.name ?? m.user;
  const flags = [m.visibleTo ? `only visible to ${m.visibleTo}` : "", m.edited ? "edited" : ""]
    .filter(Boolean)
    .map((f) => ` (${f})`)
    .join("");
  const lines = [`${first}[${m.ts}] @${author}${flags}: ${m.text}`];
  for (const block of m.blocks ?? []) {
    for (const line of renderBlock(block)) lines.push(`${indent}  | ${line}`);
  }
  const reactions = m.reactions.map((r) => `:${r.name}: ${r.users.length}`).join("  ");
  if (reactions) lines.push(`${indent}  ${reactions}`);
  return lines;
}

/** Every message (ephemeral ones marked), grouped per channel, thread replies indented. */
export function renderMessages(world: SlackWorld, channelId?: string): string {
  const all = [...world.messages, ...world.ephemerals].sort((a, b) => Number(a.ts) - Number(b.ts));
  const channelIds = [...new Set(all.map((m) => m.channel))].filter((id) => !channelId || id === channelId);
  const out: string[] = [];
  for (const id of channelIds) {
    const channel = world.channels.get(id);
    out.push(channel?.isIm ? `DM ${id}` : `#${channel?.name ?? id} (${id})`);
    const inChannel = all.filter((m) => m.channel === id);
    for (const m of inChannel.filter((x) => x.threadTs === undefined)) {
      out.push(...renderMessage(world, m, false));
      for (const reply of inChannel.filter((x) => x.threadTs === m.ts)) out.push(...renderMessage(world, reply, true));
    }
    const orphans = inChannel.filter((x) => x.threadTs !== undefined && !inChannel.some((p) => p.ts === x.threadTs));
    for (const m of orphans) out.push(...renderMessage(world, m, true));
  }
  return out.join("\n");
}
