import { App, LogLevel, type Logger } from "@slack/bolt";
import type { Config } from "../config.js";
import type { Db } from "../store/open-db.js";
import { newerModelsWaiting } from "../store/model-notices.js";
import type { DecisionSummaryExtras } from "./builders/build-command-replies.js";
import { handleQuietNotice, handleReEvaluate } from "./handlers/handle-notice-actions.js";
import { handleCommand } from "./handlers/handle-command.js";
import { handleHomeOpened } from "./handlers/handle-home-opened.js";
import { handleMemberJoined } from "./handlers/handle-member-joined.js";
import { handleMessageShortcut } from "./handlers/handle-message-shortcut.js";
import { handleQuestionnaireSubmission } from "./handlers/handle-questionnaire-submission.js";
import { handleReaction } from "./handlers/handle-reaction.js";
import { createHttpReceiver } from "./http-receiver.js";
import { ACTION, COMMAND, SHORTCUT, VIEW } from "./ids.js";
import type { PublishDeps } from "./publish-decision.js";
import type { ReviewSettings } from "./review-settings.js";
import { type ReviewDeps, reviewerCheck } from "./reviews.js";

export interface SlackAppDeps {
  config: Config;
  db: Db;
  today: () => string;
  now: () => Date;
  logger?: Logger;
}

export interface SlackApp {
  app: App;
  publishDeps: PublishDeps;
}

const LOG_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

/** Web API retries: a few quick ones; what still fails stays pending and the outbox retries it later. */
const RETRY_CONFIG = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 4000, randomize: true };

async function respondEphemeral(responseUrl: string, text: string): Promise<void> {
  const res = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** The Bolt app with every Slack id bound to its handler. */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, db } = deps;
  const clientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: RETRY_CONFIG,
  };
  const app =
    config.slack.mode === "socket"
      ? new App({
          token: config.slack.botToken,
          appToken: config.slack.appToken!,
          socketMode: true,
          clientOptions,
          logLevel: LOG_LEVELS[config.logLevel],
          ...(deps.logger ? { logger: deps.logger } : {}),
        })
      : new App({
          token: config.slack.botToken,
          // Bolt's HTTPReceiver, guarded against a signed `null` body that would end the process (see http-receiver.ts).
          receiver: createHttpReceiver({
            signingSecret: config.slack.signingSecret!,
            logLevel: LOG_LEVELS[config.logLevel],
            ...(deps.logger ? { logger: deps.logger } : {}),
            customRoutes: [{ path: "/health", method: ["GET"], handler: (_req, res) => { res.writeHead(200); res.end("ok"); } }],
          }),
          clientOptions,
          logLevel: LOG_LEVELS[config.logLevel],
          ...(deps.logger ? { logger: deps.logger } : {}),
        });
  const review: ReviewSettings = config.review;
  const publishDeps: PublishDeps = { db, client: app.client, review, logger: app.logger, respond: respondEphemeral };
  const reviewDeps: ReviewDeps = { ...publishDeps, isReviewer: reviewerCheck(app.client, review, app.logger) };

  const summaryExtras = (ids: number[]): DecisionSummaryExtras => ({ newerModels: newerModelsWaiting(db, ids) });
  const noticeDeps = { db, today: deps.today, now: deps.now };

  app.command(COMMAND, handleCommand({ db, today: deps.today, summaryExtras }));
  app.view(VIEW.questionnaire, handleQuestionnaireSubmission(publishDeps));
  app.shortcut(SHORTCUT.reviewInThread, handleMessageShortcut({ today: deps.today }));
  app.event("reaction_added", handleReaction(reviewDeps));
  app.event("reaction_removed", handleReaction(reviewDeps));
  app.event("app_home_opened", handleHomeOpened({ db, summaryExtras }));
  app.action(ACTION.reEvaluate, handleReEvaluate(noticeDeps));
  app.action(ACTION.ignoreVersion, handleQuietNotice(noticeDeps, "ignore"));
  app.action(ACTION.snoozeVersion, handleQuietNotice(noticeDeps, "snooze"));
  app.event("member_joined_channel", handleMemberJoined(publishDeps));
  app.error(async (error) => {
    app.logger.error(`unhandled error: ${error.message}`);
  });
  return { app, publishDeps };
}
