import { decodeSlackEntities } from "../mrkdwn.js";
import { type ListRequest, readListRequest } from "./read-list-filter.js";

export type CommandRequest =
  | { kind: "open"; title?: string }
  | { kind: "help"; problem?: string }
  | { kind: "list"; list: ListRequest }
  | { kind: "show"; number: number; markdown: boolean };

/** Decision numbers people can have: whole numbers up to JavaScript's exact integers. */
const NUMBER = /^#?(\d+)$/;

function readShow(args: readonly string[]): CommandRequest {
  const markdown = args.some((a) => a.toLowerCase() === "--markdown");
  const rest = args.filter((a) => a.toLowerCase() !== "--markdown");
  const match = rest.length === 1 ? NUMBER.exec(rest[0]!) : null;
  if (!match) return { kind: "help", problem: `"show" needs a decision number, like "show 12" (add --markdown for a decision record).` };
  const number = Number(match[1]);
  if (!Number.isSafeInteger(number) || number < 1) return { kind: "help", problem: `There is no decision #${match[1]}.` };
  return { kind: "show", number, markdown };
}

/**
 * `/should-we-finetune [title] | help | list [all] [filters] | search words [filters] | show <number> [--markdown]`;
 * a malformed keyword command shows help with the problem.
 */
export function readCommand(rawText: unknown): CommandRequest {
  // A repeated form field arrives as a list: that is not something Slack sends, so it is read as no text.
  const text = decodeSlackEntities(typeof rawText === "string" ? rawText : "").trim();
  const [word = "", ...rest] = text.split(/\s+/);
  switch (word.toLowerCase()) {
    case "":
      return { kind: "open" };
    case "help":
      return { kind: "help" };
    case "list":
    case "search": {
      const list = readListRequest(rest, word.toLowerCase() === "search");
      return typeof list === "string" ? { kind: "help", problem: list } : { kind: "list", list };
    }
    case "show":
      return readShow(rest);
    default:
      return { kind: "open", title: text.slice(0, 150) };
  }
}
