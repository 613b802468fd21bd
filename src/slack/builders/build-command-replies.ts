import { COMMAND } from "../ids.js";
import { type SlackMessage, section } from "./blocks.js";

export function buildHelp(prefix?: string): SlackMessage {
  const lines = [
    ...(prefix ? [prefix, ""] : []),
    `*${COMMAND} [title]* opens the questionnaire; the verdict is posted here for review.`,
    `*${COMMAND} list* shows this channel's decisions; *list all* every decision you can see.`,
    `*${COMMAND} list* status:in-review, verdict:yes, model:gpt-4o or channel:#name narrows the list; *search* triage looks for words in titles.`,
    `*${COMMAND} show 12* shows decision #12 with its answers; *show 12 --markdown* gives it as a decision record.`,
    `*${COMMAND} help* shows this help.`,
    "To review inside an existing thread, use the message shortcut *Should we fine-tune?* on a message of the thread.",
  ];
  return { text: lines.join("\n"), blocks: [section(lines.join("\n"))] };
}
