import type { KnownBlock, SectionBlock } from "@slack/types";
import { truncate } from "../mrkdwn.js";

const SECTION_MAX = 3000;

/** A mrkdwn section; the caller has already escaped any user text in it. */
export function section(text: string, blockId?: string): SectionBlock {
  return { type: "section", ...(blockId ? { block_id: blockId } : {}), text: { type: "mrkdwn", text: truncate(text, SECTION_MAX) } };
}

/** Lines packed into as few sections as Slack's 3,000-character limit allows. */
export function sections(lines: readonly string[]): SectionBlock[] {
  const out: SectionBlock[] = [];
  let current = "";
  for (const line of lines) {
    const piece = truncate(line, SECTION_MAX);
    if (current && current.length + 1 + piece.length > SECTION_MAX) {
      out.push(section(current));
      current = piece;
    } else {
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) out.push(section(current));
  return out;
}

export function context(text: string, blockId?: string): KnownBlock {
  return { type: "context", ...(blockId ? { block_id: blockId } : {}), elements: [{ type: "mrkdwn", text: truncate(text, 3000) }] };
}

export function header(text: string): KnownBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, 150), emoji: true } };
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
