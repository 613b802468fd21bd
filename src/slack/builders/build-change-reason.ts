import type { ModalView } from "@slack/types";
import { ACTION, BLOCK, VIEW } from "../ids.js";
import type { ReasonMetadata } from "../readers/read-reason-metadata.js";

export const REASON_MAX = 1000;

/** The form a reviewer explains a request for changes in: with Request changes, or afterwards for a ❌ reaction. */
export function buildChangeReason(input: { metadata: ReasonMetadata; number: number; title: string }): ModalView {
  const requesting = input.metadata.mode === "request";
  return {
    type: "modal",
    callback_id: VIEW.changeReason,
    title: { type: "plain_text", text: requesting ? "Request changes" : "Why change it?" },
    submit: { type: "plain_text", text: requesting ? "Request changes" : "Save reason" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: JSON.stringify(input.metadata),
    blocks: [
      {
        type: "input",
        block_id: BLOCK.reasonInput,
        label: { type: "plain_text", text: `What should change in decision #${input.number}?` },
        hint: { type: "plain_text", text: "The requester sees it in the thread, and it is kept with the decision." },
        element: {
          type: "plain_text_input",
          action_id: ACTION.reason,
          multiline: true,
          min_length: 3,
          max_length: REASON_MAX,
          placeholder: { type: "plain_text", text: "The baseline was scored on last year's data: re-score it first." },
        },
      },
    ],
  };
}
