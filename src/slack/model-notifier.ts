import type { WebClient } from "@slack/web-api";
import type { WatchedDecision } from "../store/model-notices.js";
import type { ModelNotifier } from "../watcher/check-models.js";
import type { SlackMessage } from "./builders/blocks.js";
import { buildLifecycleNotice, buildNewerVersionNotice } from "./builders/build-model-notice.js";

/** Posts the watch's notices as replies in each decision's thread. */
export function slackModelNotifier(client: WebClient): ModelNotifier {
  const reply = async (decision: WatchedDecision, message: SlackMessage) => {
    const res = await client.chat.postMessage({
      channel: decision.channelId,
      thread_ts: decision.threadTs,
      ...message,
      unfurl_links: false,
    });
    return res.ts as string;
  };
  return {
    announceNewer: (decision, versions) => reply(decision, buildNewerVersionNotice(decision, versions)),
    warnLifecycle: (decision, lifecycle) => reply(decision, buildLifecycleNotice(decision, lifecycle)),
  };
}
