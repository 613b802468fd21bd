import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { BLOCK } from "../ids.js";
import { readReason, readReasonMetadata } from "../readers/read-reason-metadata.js";
import { UserId } from "../readers/read-slack-ids.js";
import { type ReviewButtonDeps, submitReason } from "../review-buttons.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The reason form sent: stored (with the review, for Request changes) before the form closes; a problem keeps it open. */
export function handleChangeReasonSubmission(deps: ReviewButtonDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const metadata = readReasonMetadata(view.private_metadata);
    const user = UserId.safeParse(body.user?.id);
    const reason = readReason(view.state?.values);
    const teamId = body.team?.id ?? body.user.team_id;
    if (!metadata || !user.success || !teamId) {
      await ack({
        response_action: "errors",
        errors: { [BLOCK.reasonInput]: "This form lost track of its decision. Close it and try again." },
      });
      return;
    }
    if (!reason) {
      await ack({ response_action: "errors", errors: { [BLOCK.reasonInput]: "Say what should change." } });
      return;
    }
    const result = await submitReason(deps, { teamId, userId: user.data, metadata, reason });
    await ack(result.ok ? undefined : { response_action: "errors", errors: { [BLOCK.reasonInput]: result.problem } });
  };
}
