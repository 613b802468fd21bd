import type { HomeView } from "@slack/types";
import type { Decision } from "../../store/decisions.js";
import { COMMAND } from "../ids.js";
import { header, section, sections } from "./blocks.js";
import { type DecisionSummaryExtras, decisionLine } from "./build-command-replies.js";

export interface HomeInput {
  mine: readonly Decision[];
  awaitingReview: readonly Decision[];
  extras?: DecisionSummaryExtras;
}

/** App Home: the user's recent decisions and those waiting for their review. */
export function buildHome(input: HomeInput): HomeView {
  const list = (ds: readonly Decision[], empty: string) =>
    ds.length > 0 ? sections(ds.map((d) => decisionLine(d, input.extras))) : [section(empty)];
  return {
    type: "home",
    blocks: [
      header("Your fine-tuning decisions"),
      ...list(input.mine, `None yet. Type \`${COMMAND}\` in a channel to start one.`),
      header("Waiting for your review"),
      ...list(input.awaitingReview, "Nothing is waiting for you."),
    ].slice(0, 100),
  };
}
