import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { decide } from "../../engine/decide.js";
import { insertDecision } from "../../store/decisions.js";
import { setNoticeState } from "../../store/model-notices.js";
import { type PublishDeps, publishDecision } from "../publish-decision.js";
import { readAnswers } from "../readers/read-answers.js";
import { readReviewMetadata } from "../readers/read-review-metadata.js";
import { UserId } from "../readers/read-slack-ids.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export const LOST_CONTEXT_ERROR = "This form lost track of its channel. Close it and run the command again.";

/**
 * Valid answers are decided and stored before the ack, so an acknowledged submission is never lost; the verdict is
 * posted after the ack. Invalid answers come back as errors under their fields, and nothing is stored.
 */
export function handleQuestionnaireSubmission(deps: PublishDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const metadata = readReviewMetadata(view.private_metadata);
    if (!metadata) {
      await ack({ response_action: "errors", errors: { title: LOST_CONTEXT_ERROR } });
      return;
    }
    const requesterId = UserId.safeParse(body.user?.id);
    if (!requesterId.success) {
      await ack({ response_action: "errors", errors: { title: LOST_CONTEXT_ERROR } });
      return;
    }
    const read = readAnswers(view.state?.values);
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    const { decision } = insertDecision(deps.db, {
      teamId: body.team?.id ?? body.user.team_id ?? "",
      channelId: metadata.channelId,
      threadTs: metadata.threadTs,
      requesterId: requesterId.data,
      answers: read.answers,
      verdict: decide(read.answers),
      parentId: metadata.parentId,
      submissionKey: `view:${view.id}`,
    });
    // A re-evaluation takes up the newer base model its parent was told about.
    if (metadata.parentId) setNoticeState(deps.db, metadata.parentId, [read.answers.baseModel], "re-evaluated");
    await ack();
    await publishDecision(deps, decision.id, metadata.responseUrl);
  };
}
