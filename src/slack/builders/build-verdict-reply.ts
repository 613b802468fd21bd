import type { Verdict } from "../../engine/verdict.js";
import { escapeMrkdwn, truncate } from "../mrkdwn.js";
import { type SlackMessage, sections } from "./blocks.js";

/** The first reply in the verdict's thread: why, and what to do next. */
export function buildVerdictReply(decisionId: number, verdict: Verdict): SlackMessage {
  const reasons = verdict.reasons.map((r) => `• _${escapeMrkdwn(r.rule)}_: ${escapeMrkdwn(r.text)}`);
  const steps = verdict.nextSteps.map((s, i) => `${i + 1}. ${escapeMrkdwn(s)}`);
  const method = verdict.method ? [`*Method:* ${verdict.method.technique}, ${verdict.method.hosting}`] : [];
  const blocks = sections([
    `*Why* (engine ${escapeMrkdwn(verdict.engineVersion)})`,
    ...reasons,
    ...method,
    ...(steps.length > 0 ? ["", "*Next steps*", ...steps] : []),
  ]);
  return { text: truncate(`Reasons and next steps for decision #${decisionId}.`, 3900), blocks: blocks.slice(0, 50) };
}
