import { FINE_TUNE_ANSWERS, type FineTune } from "../../engine/verdict.js";
import { DECISION_STATUSES, type DecisionStatus } from "../../store/schema.js";

/** A channel as typed: `<#C123|name>` or `C123` (an id), or `#name` (a name to look up). */
export type ChannelRef = { id: string } | { name: string };

/** What to list, as typed: the scope and the filters, before any channel name is looked up. */
export interface ListRequest {
  /** `channel`: this channel only (a bare `list`); `workspace`: every decision the person may see. */
  scope: "channel" | "workspace";
  channel?: ChannelRef;
  model?: string;
  status?: DecisionStatus | "superseded";
  verdict?: FineTune;
  /** Words of a `search`. */
  text?: string;
}

export const LIST_STATUSES = [...DECISION_STATUSES, "superseded"] as const;

export const FILTER_HELP = "model:gpt-4o, status:in-review, verdict:yes or channel:#name";

const CHANNEL_MENTION = /^<#([CGD][A-Z0-9]{2,})(?:\|[^>]*)?>$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{8,}$/;

function readChannel(value: string): ChannelRef | string {
  const mention = CHANNEL_MENTION.exec(value);
  if (mention) return { id: mention[1]! };
  if (CHANNEL_ID.test(value)) return { id: value };
  const name = value.replace(/^#/, "").toLowerCase();
  return /^[a-z0-9][a-z0-9._-]{0,79}$/.test(name) ? { name } : `"${value}" is not a channel: use channel:#name.`;
}

const oneOf = <T extends string>(values: readonly T[], value: string): T | undefined => values.find((v) => v === value.toLowerCase());

/**
 * Reads `list` and `search` arguments: `all`, `key:value` filters and (for search) words. Returns the request, or a
 * problem in plain words.
 */
export function readListRequest(words: readonly string[], search: boolean): ListRequest | string {
  const request: ListRequest = { scope: search || words.length > 0 ? "workspace" : "channel" };
  const text: string[] = [];
  for (const word of words) {
    const [key = "", ...rest] = word.split(":");
    const value = rest.join(":");
    if (word.toLowerCase() === "all" && !search) continue;
    if (value === "" || !["model", "status", "verdict", "channel"].includes(key.toLowerCase())) {
      if (search) {
        text.push(word);
        continue;
      }
      return `"${word}" is not a filter: use all, ${FILTER_HELP}, or "search" followed by words.`;
    }
    switch (key.toLowerCase()) {
      case "model":
        request.model = value;
        break;
      case "status": {
        const status = oneOf(LIST_STATUSES, value);
        if (!status) return `"${value}" is not a status: use ${LIST_STATUSES.join(", ")}.`;
        request.status = status;
        break;
      }
      case "verdict": {
        const verdict = oneOf(FINE_TUNE_ANSWERS, value);
        if (!verdict) return `"${value}" is not a verdict: use ${FINE_TUNE_ANSWERS.join(", ")}.`;
        request.verdict = verdict;
        break;
      }
      case "channel": {
        const channel = readChannel(value);
        if (typeof channel === "string") return channel;
        request.channel = channel;
        break;
      }
    }
  }
  if (search) {
    if (text.length === 0) return `"search" needs words to look for, like "search triage".`;
    request.text = text.join(" ");
  }
  return request;
}
