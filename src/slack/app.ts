import { App, type Logger, LogLevel, SocketModeReceiver } from "@slack/bolt";
import type { Config } from "../config.js";
import { newerModelsWaiting } from "../store/model-notices.js";
import type { Db } from "../store/open-db.js";
import type { ModelDirectory } from "../watcher/model-directory.js";
import type { BotIdentity } from "./bot-identity.js";
import type { DecisionSummaryExtras } from "./builders/build-command-replies.js";
import { handleCommand } from "./handlers/handle-command.js";
import { handleHomeOpened } from "./handlers/handle-home-opened.js";
import { handleMemberJoined } from "./handlers/handle-member-joined.js";
import { handleMessageShortcut } from "./handlers/handle-message-shortcut.js";
import { handleModelOptions } from "./handlers/handle-model-options.js";
import { handleQuietNotice, handleReEvaluate } from "./handlers/handle-notice-actions.js";
import { handleQuestionnaireChange, handleStartOver } from "./handlers/handle-questionnaire-change.js";
import { handleQuestionnaireClosed } from "./handlers/handle-questionnaire-closed.js";
import { handleQuestionnaireStep } from "./handlers/handle-questionnaire-step.js";
import { handleQuestionnaireSubmission } from "./handlers/handle-questionnaire-submission.js";
import { handleReaction } from "./handlers/handle-reaction.js";
import { handleViewAnswers } from "./handlers/handle-view-answers.js";
import { createHttpReceiver } from "./http-receiver.js";
import { ACTION, COMMAND, SHORTCUT, STEP_VIEW_PATTERN, VIEW } from "./ids.js";
import type { PublishDeps } from "./publish-decision.js";
import type { QuestionnaireDeps } from "./questionnaire-session.js";
import type { ReviewSettings } from "./review-settings.js";
import { type ReviewDeps, reviewerCheck } from "./reviews.js";

export interface SlackAppDeps {
  config: Config;
  db: Db;
  today: () => string;
  now: () => Date;
  /** Who the bot is (auth.test at start), so Bolt never calls auth.test itself. */
  identity: BotIdentity;
  /** The models the questionnaire's model menus offer (and whose prices it fills in). */
  models?: ModelDirectory;
  logger?: Logger;
}

export interface SlackApp {
  app: App;
  publishDeps: PublishDeps;
  /** Stops receiving; in Socket Mode it resolves once the WebSocket has closed (Bolt's `app.stop()` resolves before). */
  stopReceiving: () => Promise<void>;
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
  const socketReceiver =
    config.slack.mode === "socket"
      ? new SocketModeReceiver({
          appToken: config.slack.appToken!,
          logLevel: LOG_LEVELS[config.logLevel],
          ...(deps.logger ? { logger: deps.logger } : {}),
          // Not RETRY_CONFIG: a failed apps.connections.open while reconnecting is final for @slack/socket-mode (no
          // reconnect, an unhandled rejection), so it keeps the library's own long retry policy.
          installerOptions: { clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {} },
        })
      : undefined;
  const app = socketReceiver
    ? new App({
        token: config.slack.botToken,
        ...deps.identity,
        receiver: socketReceiver,
        clientOptions,
        convoStore: false,
        logLevel: LOG_LEVELS[config.logLevel],
        ...(deps.logger ? { logger: deps.logger } : {}),
      })
    : new App({
        token: config.slack.botToken,
        ...deps.identity,
        // Bolt's HTTPReceiver, guarded against a signed `null` body that would end the process (see http-receiver.ts).
        receiver: createHttpReceiver({
          signingSecret: config.slack.signingSecret!,
          logLevel: LOG_LEVELS[config.logLevel],
          ...(deps.logger ? { logger: deps.logger } : {}),
          customRoutes: [
            {
              path: "/health",
              method: ["GET"],
              handler: (_req, res) => {
                res.writeHead(200);
                res.end("ok");
              },
            },
          ],
        }),
        clientOptions,
        // Bolt's default in-memory conversation store runs on every request and keeps state we never read.
        convoStore: false,
        logLevel: LOG_LEVELS[config.logLevel],
        ...(deps.logger ? { logger: deps.logger } : {}),
      });
  const review: ReviewSettings = config.review;
  const publishDeps: PublishDeps = { db, client: app.client, review, logger: app.logger, respond: respondEphemeral };
  const reviewDeps: ReviewDeps = { ...publishDeps, isReviewer: reviewerCheck(app.client, review, app.logger) };

  const summaryExtras = (ids: number[]): DecisionSummaryExtras => ({ newerModels: newerModelsWaiting(db, ids) });
  const questionnaire: QuestionnaireDeps = { db, today: deps.today, ...(deps.models ? { models: deps.models } : {}) };
  const noticeDeps = { ...questionnaire, now: deps.now };

  app.command(COMMAND, handleCommand({ ...questionnaire, summaryExtras }));
  app.view(VIEW.questionnaire, handleQuestionnaireStep(questionnaire, "problem"));
  app.view(VIEW.questionnaireEvidence, handleQuestionnaireStep(questionnaire, "evidence"));
  app.view(VIEW.questionnaireCosts, handleQuestionnaireSubmission({ ...publishDeps, ...questionnaire }));
  app.view({ callback_id: STEP_VIEW_PATTERN, type: "view_closed" }, handleQuestionnaireClosed(questionnaire));
  app.action({ type: "block_actions", action_id: ACTION.field }, handleQuestionnaireChange(questionnaire));
  app.action(ACTION.startOver, handleStartOver(questionnaire));
  app.options({ type: "block_suggestion", action_id: ACTION.field }, handleModelOptions(questionnaire));
  app.action(ACTION.viewAnswers, handleViewAnswers({ db }));
  app.shortcut(SHORTCUT.reviewInThread, handleMessageShortcut(questionnaire));
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
  const stopReceiving = socketReceiver ? () => stopSocketMode(app, socketReceiver) : async () => void (await app.stop());
  return { app, publishDeps, stopReceiving };
}

/**
 * Bolt's SocketModeReceiver.stop() only starts the WebSocket close handshake and resolves at once. Waiting for the
 * client's `disconnected` (at most 5 s) means the socket is closed when stop() returns: nothing arrives after it, and
 * a caller that then closes the network does not cut the handshake (which leaves @slack/socket-mode's 30 s close timer
 * holding the process open).
 */
async function stopSocketMode(app: App, receiver: SocketModeReceiver): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => {
    receiver.client.once("disconnected", () => resolve());
    timer = setTimeout(resolve, 5000).unref();
  });
  await app.stop();
  await closed;
  clearTimeout(timer);
}
