import type { ModalView } from "@slack/types";
import { VIEW } from "../ids.js";
import { LIMIT } from "../limits.js";
import { escapeMrkdwn, truncate } from "../mrkdwn.js";
import { type SlackMessage, section } from "./blocks.js";

/** Room for a chunk of Markdown inside a section with its code fence (sections hold 3,000 characters). */
const CHUNK = 2_800;
const MESSAGE_BLOCKS = 50;

/** Lines packed into chunks of at most `max` characters (a longer line is cut). */
function chunks(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
    if (current && current.length + 1 + line.length > max) {
      out.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * A decision record shown in Slack as Markdown source to copy: code blocks, each within a section's limit. User text
 * is escaped, and a fence typed inside the text cannot end the code block early.
 */
export function buildDecisionRecordMessage(number: number, markdown: string): SlackMessage {
  return {
    text: `Decision #${number} as a decision record`,
    blocks: [section(intro(number)), ...codeBlocks(markdown, MESSAGE_BLOCKS - 1)],
  };
}

/** The same record in a modal pushed over the answers (modals hold 100 blocks). */
export function buildDecisionRecordView(number: number, markdown: string): ModalView {
  return {
    type: "modal",
    callback_id: VIEW.decisionRecord,
    title: { type: "plain_text", text: truncate(`Record of #${number}`, LIMIT.modalTitle) },
    close: { type: "plain_text", text: "Back" },
    blocks: [section(intro(number)), ...codeBlocks(markdown, MODAL_BLOCKS - 1)],
  };
}

const MODAL_BLOCKS = 100;

const intro = (number: number) =>
  `Decision #${number} as a decision record (Markdown). Copy it into your repository, e.g. \`docs/decisions/${String(number).padStart(4, "0")}-fine-tuning.md\`.`;

function codeBlocks(markdown: string, max: number) {
  const safe = escapeMrkdwn(markdown).replace(/```/g, "``\u200b`");
  return chunks(safe.split("\n"), CHUNK - 8)
    .slice(0, max)
    .map((p) => section(`\`\`\`${p}\`\`\``));
}
