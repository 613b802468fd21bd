import type { KnownBlock } from "@slack/types";
import type { DecisionPage } from "../../store/decision-queries.js";
import { ACTION, BLOCK, COMMAND } from "../ids.js";
import { escapeMrkdwn } from "../mrkdwn.js";
import type { ListPaging, ListQuery } from "../readers/read-paging.js";
import { context, type SlackMessage, section } from "./blocks.js";
import { type DecisionSummaryExtras, decisionRow } from "./decision-row.js";

/** Rows per page: what fits a phone screen or two. */
export const LIST_PAGE_SIZE = 10;

/** A page of decisions, newest first, with "Older decisions" when there are more. */
export function buildDecisionList(page: DecisionPage, query: ListQuery, extras: DecisionSummaryExtras = {}, older = false): SlackMessage {
  const title = escapeMrkdwn(query.title);
  if (page.decisions.length === 0) {
    const text = older ? `No older decisions ${title}.` : `No decisions ${title} yet. Start one with \`${COMMAND}\`.`;
    return { text, blocks: [section(text)] };
  }
  const blocks: KnownBlock[] = [
    section(`*Decisions ${title}*${older ? ", older" : ""} (newest first)`),
    ...page.decisions.map((d) => section(decisionRow(d, extras))),
  ];
  const last = page.decisions[page.decisions.length - 1]!;
  if (page.more) {
    const value: ListPaging = { query, before: last.number };
    blocks.push({
      type: "actions",
      block_id: BLOCK.listPaging,
      elements: [
        {
          type: "button",
          action_id: ACTION.listOlder,
          text: { type: "plain_text", text: "Older decisions" },
          value: JSON.stringify(value),
        },
      ],
    });
  } else {
    blocks.push(context(`That's all. \`${COMMAND} show &lt;number&gt;\` shows one decision with its answers.`));
  }
  return { text: `${page.decisions.length} decisions ${title}`, blocks };
}
