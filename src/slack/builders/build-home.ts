import type { HomeView, KnownBlock } from "@slack/types";
import type { DecisionPage } from "../../store/decision-queries.js";
import { ACTION, BLOCK, COMMAND } from "../ids.js";
import type { HomePaging } from "../readers/read-paging.js";
import { header, section } from "./blocks.js";
import { type DecisionSummaryExtras, decisionRow } from "./decision-row.js";

/** Rows per App Home section. */
export const HOME_PAGE_SIZE = 8;

export interface HomeSection {
  page: DecisionPage;
  /** Set when this is an older page (not the newest). */
  before?: number | undefined;
}

export interface HomeInput {
  mine: HomeSection;
  /** Null when the user is not on the reviewer list. */
  awaitingReview: HomeSection | null;
  extras?: DecisionSummaryExtras;
}

function pagingBlock(blockId: string, section: HomePaging["section"], part: HomeSection): KnownBlock[] {
  const last = part.page.decisions[part.page.decisions.length - 1];
  const buttons = [
    ...(part.before ? [{ actionId: ACTION.homeNewest, label: "Newest", value: { section } }] : []),
    ...(part.page.more && last ? [{ actionId: ACTION.homeOlder, label: "Older", value: { section, before: last.number } }] : []),
  ];
  if (buttons.length === 0) return [];
  return [
    {
      type: "actions",
      block_id: blockId,
      elements: buttons.map((b) => ({
        type: "button" as const,
        action_id: b.actionId,
        text: { type: "plain_text" as const, text: b.label },
        value: JSON.stringify(b.value satisfies HomePaging),
      })),
    },
  ];
}

function rows(part: HomeSection, empty: string, extras: DecisionSummaryExtras | undefined): KnownBlock[] {
  if (part.page.decisions.length === 0) return [section(part.before ? "No older decisions." : empty)];
  return part.page.decisions.map((d) => section(decisionRow(d, extras)));
}

/** App Home: the user's decisions and those waiting for their review, a page each. */
export function buildHome(input: HomeInput): HomeView {
  const review = input.awaitingReview;
  return {
    type: "home",
    blocks: [
      header("Your fine-tuning decisions"),
      ...rows(input.mine, `None yet. Type \`${COMMAND}\` in a channel to start one.`, input.extras),
      ...pagingBlock(BLOCK.homeMinePaging, "mine", input.mine),
      { type: "divider" },
      header("Waiting for your review"),
      ...(review
        ? [...rows(review, "Nothing is waiting for you.", input.extras), ...pagingBlock(BLOCK.homeReviewPaging, "review", review)]
        : [section("You are not on this app's reviewer list, so no review waits for you.")]),
    ].slice(0, 100),
  };
}
