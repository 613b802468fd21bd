import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Answers } from "../../engine/answers.js";
import { rolesOf } from "../../engine/model-roles.js";
import { getDecision } from "../../store/decisions.js";
import { actOnNotice, type NoticeWithDecision, noticeAt } from "../../store/model-notices.js";
import { type Later, laterOr } from "../after-ack.js";
import { SNOOZE_DAYS } from "../builders/build-model-notice.js";
import { roleLabel } from "../builders/model-words.js";
import { escapeMrkdwn, mentionUser } from "../mrkdwn.js";
import { answersToForm } from "../questionnaire/form-values.js";
import { type QuestionnaireDeps, revisionStepView } from "../questionnaire-session.js";
import { readNoticeClick } from "../readers/read-notice-action.js";
import type { IsReviewer } from "../reviews.js";
import { viewArg } from "../view-arg.js";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export interface NoticeActionDeps extends QuestionnaireDeps {
  now: () => Date;
  /** Who may act on a notice besides its decision's requester: the reviewers (anyone when none are set). */
  isReviewer: IsReviewer;
  /** Slack work was queued: the worker can start on it. */
  jobsQueued: () => void;
  later?: Later;
}

export const NOT_A_NOTICE_TEXT = "This button is not on a model notice of this channel's decisions, so it does nothing.";
export const ALREADY_HANDLED_TEXT = "Someone has already acted on this notice.";
export const notAllowedText = (requesterId: string) =>
  `Only ${mentionUser(requesterId)}, who asked for this decision, or a reviewer can act on its notices.`;

/**
 * The notice a click is on and whether this user may act on it: found by the channel and message the click came from
 * (a button of another channel's notice finds nothing), and the decision's requester or a reviewer only.
 */
async function noticeFor(deps: NoticeActionDeps, body: unknown): Promise<{ found: NoticeWithDecision; userId: string } | { note: string }> {
  const click = readNoticeClick(body);
  const found = click ? await noticeAt(deps.db, click.channelId, click.messageTs) : null;
  if (!click || !found || !sameWorkspace(body, found.decision.teamId)) return { note: NOT_A_NOTICE_TEXT };
  const allowed = click.userId === found.decision.requesterId || (await deps.isReviewer(click.userId, found.decision));
  if (!allowed) return { note: notAllowedText(found.decision.requesterId) };
  if (found.notice.state !== "announced") return { note: ALREADY_HANDLED_TEXT };
  return { found, userId: click.userId };
}

/** The click came from the notice's own workspace (a button elsewhere finds nothing). */
function sameWorkspace(body: unknown, teamId: string): boolean {
  const team = (body as { team?: { id?: unknown } | null } | undefined)?.team?.id;
  return team === undefined || team === teamId;
}

/** Tells the person who clicked, and only them, after the ack (through the action's response_url, when it has one). */
function tell(deps: NoticeActionDeps, args: Args, text: string): void {
  const respond = args.respond as Args["respond"] | undefined;
  if (!respond) return;
  laterOr(deps.later, args.logger)("answering a notice button", () =>
    respond({ response_type: "ephemeral", replace_original: false, text }),
  );
}

/** The stored answers with the notice's newest version in the roles of the model it is about. */
function withNewestVersion(answers: Answers, found: NoticeWithDecision): { initial: Answers; intro: string } {
  const { notice, decision } = found;
  const roles = rolesOf(notice.modelId, decision.baseModel, decision.candidateModel);
  const label = roleLabel(roles, decision.fineTune);
  if (notice.content.kind === "lifecycle") {
    const intro = `Re-evaluating decision #${decision.number}: \`${escapeMrkdwn(notice.modelId)}\`, ${label}, is ${notice.content.lifecycle.status}. Pick a supported model and update what changed.`;
    return { initial: answers, intro };
  }
  const newest = notice.content.versions[notice.content.versions.length - 1]!.id;
  const initial = { ...answers };
  if (roles.includes("production")) initial.baseModel = newest;
  if (roles.includes("fine-tune") && !roles.includes("production")) initial.candidateModel = newest;
  const intro = `Re-evaluating decision #${decision.number} with \`${escapeMrkdwn(newest)}\` as ${label}. Update what changed: the prompted baseline above all.`;
  return { initial, intro };
}

/** Re-evaluate: the questionnaire pre-filled with the stored answers and the newer version, for the same thread. */
export function handleReEvaluate(deps: NoticeActionDeps) {
  return async (args: Args): Promise<void> => {
    const { ack, body, client, logger } = args;
    await ack();
    const result = await noticeFor(deps, body);
    if ("note" in result) return tell(deps, args, result.note);
    const { notice, decision } = result.found;
    const stored = await getDecision(deps.db, decision.id);
    if (!stored?.threadTs) return tell(deps, args, NOT_A_NOTICE_TEXT);
    const { initial, intro } = withNewestVersion(stored.answers, result.found);
    const start = {
      teamId: stored.teamId,
      userId: result.userId,
      metadata: { channelId: decision.channelId, threadTs: stored.threadTs, parentId: decision.id, noticeId: notice.id },
      values: answersToForm(initial, stored.unknownAnswers),
      intro,
    };
    laterOr(deps.later, logger)("opening the re-evaluation", async () =>
      client.views.open({ trigger_id: body.trigger_id, view: viewArg(await revisionStepView(deps, start)) }),
    );
  };
}

/** Ignore or snooze a notice; it is then redrawn (by the worker) to say who did what, without its buttons. */
export function handleQuietNotice(deps: NoticeActionDeps, mode: "ignore" | "snooze") {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const result = await noticeFor(deps, args.body);
    if ("note" in result) return tell(deps, args, result.note);
    const until = new Date(deps.now().getTime() + SNOOZE_DAYS * 86_400_000).toISOString();
    const action = mode === "ignore" ? { state: "ignored" as const } : { state: "snoozed" as const, until };
    if (await actOnNotice(deps.db, result.found.notice.id, result.userId, action)) deps.jobsQueued();
    else tell(deps, args, ALREADY_HANDLED_TEXT);
  };
}
