import { reassess } from "../engine/compare-verdicts.js";
import { decisionRecord } from "../export/decision-record.js";
import type { Decision } from "../store/decisions.js";
import { reasonsOf, tallyOf } from "../store/reviews.js";
import type { SqlClient } from "../store/sql-client.js";
import type { SlackMessage } from "./builders/blocks.js";
import { buildHelp } from "./builders/build-command-replies.js";
import { buildDecisionDetail } from "./builders/build-decision-detail.js";
import { buildDecisionRecordMessage } from "./builders/build-decision-record.js";
import type { DecisionAccess } from "./decision-access.js";
import type { UserNames } from "./user-names.js";
import type { ReviewSettingsOf } from "./workspace-review-settings.js";

export interface DetailDeps {
  db: SqlClient;
  today: () => string;
  access: DecisionAccess;
  reviewSettings: ReviewSettingsOf;
  userNames: UserNames;
}

/** Not there, or not for this person: the same words, so a guessed number tells nothing. */
export const notVisible = (number: number) =>
  buildHelp(`:warning: There is no decision #${number} you can see: it does not exist, or its channel is one you are not in.`);

/** A decision as an ADR in Markdown, people named as Slack names them. */
export async function recordOf(deps: Pick<DetailDeps, "db" | "reviewSettings" | "userNames">, decision: Decision): Promise<string> {
  const tally = await tallyOf(deps.db, decision.id);
  const nameOf = await deps.userNames(decision, [decision.requesterId, ...tally.approvers, ...tally.rejecters]);
  return decisionRecord({
    decision,
    tally,
    reasons: await reasonsOf(deps.db, decision.id),
    requiredApprovals: (await deps.reviewSettings(decision)).requiredApprovals,
    nameOf,
  });
}

/** `show <number>` (and `--markdown`): one decision, if this person may see it. */
export async function showDecision(
  deps: DetailDeps,
  input: { teamId: string; userId: string; number: number; markdown: boolean },
): Promise<SlackMessage> {
  const decision = await deps.access.visibleDecision(input.teamId, input.number, input.userId);
  if (!decision) return notVisible(input.number);
  if (input.markdown) return buildDecisionRecordMessage(decision.number, await recordOf(deps, decision));
  const engineChange = reassess(decision, deps.today());
  return buildDecisionDetail({
    decision,
    extras: await deps.access.extras([decision]),
    reasons: await reasonsOf(deps.db, decision.id),
    engineChange: engineChange?.summary,
  });
}
