import { decodeSlackEntities } from "../mrkdwn.js";

export type CommandRequest =
  | { kind: "open"; title?: string }
  | { kind: "help"; problem?: string }
  | { kind: "list"; all: boolean }
  | { kind: "show"; id: number };

/** `/should-we-finetune [title] | help | list [all] | show <id>`; a malformed keyword command shows help. */
export function readCommand(rawText: unknown): CommandRequest {
  // A repeated form field arrives as a list: that is not something Slack sends, so it is read as no text.
  const text = decodeSlackEntities(typeof rawText === "string" ? rawText : "").trim();
  const [word = "", ...rest] = text.split(/\s+/);
  const arg = rest.join(" ");
  switch (word.toLowerCase()) {
    case "":
      return { kind: "open" };
    case "help":
      return { kind: "help" };
    case "list":
      if (arg === "") return { kind: "list", all: false };
      if (arg.toLowerCase() === "all") return { kind: "list", all: true };
      return { kind: "help", problem: `"list ${arg}" is not a command: use "list" or "list all".` };
    case "show": {
      const match = /^#?(\d+)$/.exec(arg);
      if (match) return { kind: "show", id: Number(match[1]) };
      return { kind: "help", problem: `"show" needs a decision number, like "show 12".` };
    }
    default:
      return { kind: "open", title: text.slice(0, 150) };
  }
}
