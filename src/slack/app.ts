import { App, type Logger, LogLevel, SocketModeReceiver } from "@slack/bolt";
import type { FetchFunction } from "@slack/web-api";
import type { Config } from "../config.js";
import type { RefusalReason } from "../ops/metrics.js";
import type { OpsRoutes } from "../ops/ops-routes.js";
import { newerModelsWaiting } from "../store/model-notices.js";
import type { Db } from "../store/open-db.js";
import type { BotIdentity } from "./bot-identity.js";
import type { DecisionSummaryExtras } from "./builders/build-command-replies.js";
import { handleCommand } from "./handlers/handle-command.js";
import { handleHomeOpened } from "./handlers/handle-home-opened.js";
import { handleMemberJoined } from "./handlers/handle-member-joined.js";
import { handleMessageShortcut } from "./handlers/handle-message-shortcut.js";
import { handleQuietNotice, handleReEvaluate } from "./handlers/handle-notice-actions.js";
import { handleQuestionnaireSubmission } from "./handlers/handle-questionnaire-submission.js";
import { handleReaction } from "./handlers/handle-reaction.js";
import { createHttpReceiver } from "./http-receiver.js";
import { ACTION, COMMAND, SHORTCUT, VIEW } from "./ids.js";
import { trackInFlight } from "./in-flight.js";
import type { PublishDeps } from "./publish-decision.js";
import type { ReviewSettings } from "./review-settings.js";
import { type ReviewDeps, reviewerCheck } from "./reviews.js";

export interface SlackAppDeps {
  config: Config;
  db: Db;
  today: () => string;
  now: () => Date;
  /** Who the bot is (auth.test at start), so Bolt never calls auth.test itself. */
  identity: BotIdentity;
  logger?: Logger;
  /** The fetch every Web API client uses (the metrics' timing seam). */
  slackFetch?: FetchFunction;
  /** HTTP mode: /healthz, /readyz and /metrics on the app's port. */
  opsRoutes?: OpsRoutes;
  onRefusedRequest?: (reason: RefusalReason) => void;
}

export interface SlackApp {
  app: App;
  publishDeps: PublishDeps;
  /** Stops receiving; in Socket Mode it resolves once the WebSocket has closed (Bolt's `app.stop()` resolves before). */
  stopReceiving: () => Promise<void>;
  /** Resolves once every listener still running (work after an ack) has returned; logs how many it waits for. */
  listenersSettled: () => Promise<void>;
  /** Resolves once no listener is running, quietly. */
  idle: () => Promise<void>;
  /** Socket Mode: whether the WebSocket to Slack is open. */
  socketConnected: (() => boolean) | undefined;
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
  const apiOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    ...(deps.slackFetch ? { fetch: deps.slackFetch } : {}),
  };
  const clientOptions = { ...apiOptions, retryConfig: RETRY_CONFIG };
  const socketReceiver =
    config.slack.mode === "socket"
      ? new SocketModeReceiver({
          appToken: config.slack.appToken!,
          logLevel: LOG_LEVELS[config.logLevel],
          ...(deps.logger ? { logger: deps.logger } : {}),
          // Not RETRY_CONFIG: a failed apps.connections.open while reconnecting is final for @slack/socket-mode (no
          // reconnect, an unhandled rejection), so it keeps the library's own long retry policy.
          installerOptions: { clientOptions: apiOptions },
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
          ...(deps.opsRoutes ? { opsRoutes: deps.opsRoutes } : {}),
          ...(deps.onRefusedRequest ? { onRefused: deps.onRefusedRequest } : {}),
        }),
        clientOptions,
        // Bolt's default in-memory conversation store runs on every request and keeps state we never read.
        convoStore: false,
        logLevel: LOG_LEVELS[config.logLevel],
        ...(deps.logger ? { logger: deps.logger } : {}),
      });
  const inFlight = trackInFlight(app);
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
  const stopReceiving = socketReceiver ? () => stopSocketMode(app, socketReceiver) : async () => void (await app.stop());
  const socketConnected = socketReceiver ? () => socketReceiver.client.websocket?.isActive() === true : undefined;
  const listenersSettled = async () => {
    const running = inFlight.count();
    if (running > 0)
      app.logger.info({ listeners: running }, `waiting for ${running} request${running === 1 ? "" : "s"} still being handled`);
    await inFlight.settled();
  };
  return { app, publishDeps, stopReceiving, listenersSettled, idle: inFlight.settled, socketConnected };
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
