import { App, ErrorCode, type Logger, LogLevel, SocketModeReceiver } from "@slack/bolt";
import { type FetchFunction, WebClient, type WebClientOptions } from "@slack/web-api";
import type { Config, SlackInstalls } from "../config.js";
import type { Answers } from "../engine/answers.js";
import type { FineTune } from "../engine/verdict.js";
import type { RefusalReason } from "../ops/metrics.js";
import type { OpsRoutes } from "../ops/ops-routes.js";
import type { ModelsAlreadyOut } from "../store/job-payloads.js";
import type { SqlClient } from "../store/sql-client.js";
import type { ModelDirectory } from "../watcher/model-directory.js";
import { afterAck, type Later } from "./after-ack.js";
import type { BotIdentity } from "./bot-identity.js";
import { decisionAccess } from "./decision-access.js";
import { handleAssessStep } from "./handlers/handle-assess-step.js";
import { handleChangeReasonSubmission } from "./handlers/handle-change-reason.js";
import { handleCommand } from "./handlers/handle-command.js";
import { handleExportRecord } from "./handlers/handle-export-record.js";
import { handleHomeOpened, handleHomePaging } from "./handlers/handle-home-opened.js";
import { handleListOlder } from "./handlers/handle-list-paging.js";
import { handleMemberJoined } from "./handlers/handle-member-joined.js";
import { handleMessageShortcut } from "./handlers/handle-message-shortcut.js";
import { handleModelOptions } from "./handlers/handle-model-options.js";
import { handleQuietNotice, handleReEvaluate } from "./handlers/handle-notice-actions.js";
import { handleQuestionnaireChange, handleStartOver } from "./handlers/handle-questionnaire-change.js";
import { handleQuestionnaireClosed } from "./handlers/handle-questionnaire-closed.js";
import { handleQuestionnaireStep } from "./handlers/handle-questionnaire-step.js";
import { handleQuestionnaireSubmission } from "./handlers/handle-questionnaire-submission.js";
import { handleReaction } from "./handlers/handle-reaction.js";
import { handleApprove, handleGiveReason, handleRequestChanges, handleRevise } from "./handlers/handle-review-actions.js";
import { handleEditSettings, handleSettingsSubmission } from "./handlers/handle-settings.js";
import { handleTokensRevoked, handleUninstalled } from "./handlers/handle-uninstalled.js";
import { handleViewAnswers } from "./handlers/handle-view-answers.js";
import { createHttpReceiver } from "./http-receiver.js";
import { ACTION, COMMAND, FUNCTION, SHORTCUT, STEP_VIEW_PATTERN, VIEW } from "./ids.js";
import { trackInFlight } from "./in-flight.js";
import { BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH } from "./install-scopes.js";
import { databaseInstallationStore } from "./installation-store.js";
import { createMembership } from "./membership.js";
import type { QuestionnaireDeps } from "./questionnaire-session.js";
import { type ReviewDeps, reviewerCheck } from "./reviews.js";
import { ackEventsAfterHandling } from "./socket-mode-acks.js";
import { userNamesFrom } from "./user-names.js";
import { type WorkspaceClients, workspaceClients } from "./workspace-clients.js";
import { type ReviewSettingsOf, workspaceReviewSettings } from "./workspace-review-settings.js";

export interface SlackAppDeps {
  config: Config;
  db: SqlClient;
  today: () => string;
  now: () => Date;
  /** Who the bot is (auth.test at start), so Bolt never calls auth.test itself; OAuth mode: each installation says. */
  identity: BotIdentity | undefined;
  /** Slack work was queued in this process: the job worker can start on it. */
  jobsQueued: () => void;
  /** A verdict was stored (for the metrics). */
  onVerdict?: (outcome: FineTune) => void;
  /** The models the questionnaire's model menus offer (and whose prices it fills in). */
  models?: ModelDirectory;
  /** Newer versions of a new decision's models already out on its day (the verdict names them). */
  alreadyOut?: (answers: Answers, decidedOn: string) => ModelsAlreadyOut;
  logger?: Logger;
  /** The fetch every Web API client uses (the metrics' timing seam). */
  slackFetch?: FetchFunction;
  /** HTTP mode: /healthz, /readyz and /metrics on the app's port. */
  opsRoutes?: OpsRoutes;
  onRefusedRequest?: (reason: RefusalReason) => void;
}

export interface SlackApp {
  app: App;
  /** Whether a user may review, by the settings (user groups read from Slack, cached). */
  isReviewer: ReviewDeps["isReviewer"];
  /** Each workspace's review settings (its admins' over the environment's). */
  reviewSettings: ReviewSettingsOf;
  /** The bot's client in each workspace, with the listeners' retries and timeout (the reconcile reads reactions with it). */
  clients: WorkspaceClients;
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

/**
 * The listeners' own client (views.open, views.publish, user groups, reactions.get): a few quick retries, and a timeout
 * so a Slack that never answers cannot hold a listener. Posts go through the job worker's client, which never retries.
 */
const LISTENER_CLIENT = { retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000, randomize: true }, timeout: 5_000 };

const isEventCallback = (body: unknown) => (body as { type?: unknown } | undefined)?.type === "event_callback";

/** The Bolt app with every Slack id bound to its handler. */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, db, jobsQueued } = deps;
  const apiOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    ...(deps.slackFetch ? { fetch: deps.slackFetch } : {}),
  };
  const clientOptions = { ...apiOptions, ...LISTENER_CLIENT };
  const { installs } = config.slack;
  const common = {
    ...(installs.mode === "single" ? { token: installs.botToken, ...deps.identity } : {}),
    clientOptions,
    // Bolt's default in-memory conversation store runs on every request and keeps state we never read.
    convoStore: false as const,
    logLevel: LOG_LEVELS[config.logLevel],
    ...(deps.logger ? { logger: deps.logger } : {}),
    extendedErrorHandler: true as const,
  };
  const socketReceiver =
    config.slack.mode === "socket"
      ? new SocketModeReceiver({
          appToken: config.slack.appToken!,
          logLevel: LOG_LEVELS[config.logLevel],
          ...(deps.logger ? { logger: deps.logger } : {}),
          // Not LISTENER_CLIENT: a failed apps.connections.open while reconnecting is final for @slack/socket-mode (no
          // reconnect, an unhandled rejection), so it keeps the library's own long retry policy.
          installerOptions: { clientOptions: apiOptions },
        })
      : undefined;
  const app = socketReceiver
    ? new App({ ...common, receiver: socketReceiver })
    : new App({
        ...common,
        // Bolt's HTTPReceiver, guarded against a signed `null` body that would end the process (see http-receiver.ts).
        // processBeforeResponse: Slack gets its answer once the listener has returned, so an event is stored before it
        // is acknowledged, and one whose write failed is answered 500 (Slack sends it again).
        receiver: createHttpReceiver({
          signingSecret: config.slack.signingSecret!,
          processBeforeResponse: true,
          logLevel: LOG_LEVELS[config.logLevel],
          ...(deps.logger ? { logger: deps.logger } : {}),
          ...(deps.opsRoutes ? { opsRoutes: deps.opsRoutes } : {}),
          ...(deps.onRefusedRequest ? { onRefused: deps.onRefusedRequest } : {}),
          ...(installs.mode === "oauth" ? oauthOptions(installs, db, apiOptions) : {}),
        }),
      });
  const inFlight = trackInFlight(app);
  const later: Later = (what, work) => afterAck(app.logger, what, work, inFlight.track);
  if (socketReceiver) ackEventsAfterHandling(app, socketReceiver, app.logger);
  const reviewSettings = workspaceReviewSettings(db, config.review);
  const clients = workspaceClients(installs, db, (token) => new WebClient(token, { ...clientOptions, logger: app.logger }));
  const isReviewer = reviewerCheck(clients, reviewSettings, app.logger);
  const reviewDeps: ReviewDeps = { db, reviewSettings, isReviewer, jobsQueued };
  const membership = createMembership(clients, { logger: app.logger });
  const access = decisionAccess({ db, membership, reviewSettings, clients, logger: app.logger, jobsQueued });
  const userNames = userNamesFrom(clients);
  const questionnaire: QuestionnaireDeps & { later: Later } = {
    db,
    today: deps.today,
    later,
    ...(deps.models ? { models: deps.models } : {}),
  };
  const buttonDeps = { ...reviewDeps, ...questionnaire, access };
  const homeDeps = { db, access, isReviewer, reviewSettings, later };
  const noticeDeps = { ...questionnaire, now: deps.now, isReviewer, jobsQueued };
  const submission = {
    ...questionnaire,
    logger: app.logger,
    jobsQueued,
    ...(deps.onVerdict ? { onVerdict: deps.onVerdict } : {}),
    ...(deps.alreadyOut ? { alreadyOut: deps.alreadyOut } : {}),
  };

  app.command(COMMAND, handleCommand({ ...questionnaire, access, reviewSettings, userNames }));
  app.view(VIEW.questionnaire, handleQuestionnaireStep(questionnaire, "problem"));
  app.view(VIEW.questionnaireEvidence, handleQuestionnaireStep(questionnaire, "evidence"));
  app.view(VIEW.questionnaireCosts, handleQuestionnaireSubmission(submission));
  app.view({ callback_id: STEP_VIEW_PATTERN, type: "view_closed" }, handleQuestionnaireClosed(questionnaire));
  app.action({ type: "block_actions", action_id: ACTION.field }, handleQuestionnaireChange(questionnaire));
  app.action(ACTION.startOver, handleStartOver(questionnaire));
  app.options({ type: "block_suggestion", action_id: ACTION.field }, handleModelOptions(questionnaire));
  app.action(ACTION.viewAnswers, handleViewAnswers({ ...questionnaire, access }));
  app.action(ACTION.exportRecord, handleExportRecord({ db, access, reviewSettings, userNames, later }));
  app.shortcut(SHORTCUT.reviewInThread, handleMessageShortcut(questionnaire));
  app.event("reaction_added", handleReaction(reviewDeps));
  app.event("reaction_removed", handleReaction(reviewDeps));
  app.event("app_home_opened", handleHomeOpened(homeDeps));
  app.action(ACTION.homeNewest, handleHomePaging(homeDeps));
  app.action(ACTION.homeOlder, handleHomePaging(homeDeps));
  app.action(ACTION.listOlder, handleListOlder({ db, access }));
  app.action(ACTION.approveDecision, handleApprove(buttonDeps));
  app.action(ACTION.requestChanges, handleRequestChanges(buttonDeps));
  app.action(ACTION.giveReason, handleGiveReason(buttonDeps));
  app.action(ACTION.reviseAnswers, handleRevise(buttonDeps));
  app.view(VIEW.changeReason, handleChangeReasonSubmission(buttonDeps));
  app.action(ACTION.editSettings, handleEditSettings(homeDeps));
  app.view(VIEW.settings, handleSettingsSubmission(homeDeps));
  app.action(ACTION.reEvaluate, handleReEvaluate(noticeDeps));
  app.action(ACTION.ignoreVersion, handleQuietNotice(noticeDeps, "ignore"));
  app.action(ACTION.snoozeVersion, handleQuietNotice(noticeDeps, "snooze"));
  app.event("member_joined_channel", handleMemberJoined({ db, jobsQueued }));
  if (installs.mode === "oauth") {
    app.event("app_uninstalled", handleUninstalled({ db }));
    app.event("tokens_revoked", handleTokensRevoked({ db }));
  }
  app.function(
    FUNCTION.assessFineTuning,
    handleAssessStep({
      db,
      logger: app.logger,
      today: deps.today,
      jobsQueued,
      ...(deps.onVerdict ? { onVerdict: deps.onVerdict } : {}),
      ...(deps.alreadyOut ? { alreadyOut: deps.alreadyOut } : {}),
    }),
  );
  app.error(async ({ error, body }: { error: Error; body: unknown }): Promise<void> => {
    if ((error as { code?: unknown }).code === ErrorCode.AuthorizationError) {
      // OAuth mode: no installation for the workspace it came from. The receiver answers 401 at once.
      app.logger.warn(`a request from a workspace where the app is not installed was refused: ${error.message}`);
      throw error;
    }
    if (isEventCallback(body)) {
      // Not acknowledged (HTTP 500, or no Socket Mode ack): Slack delivers the event again.
      app.logger.error(`an event was not handled and will come again: ${error.message}`);
      throw error;
    }
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
  return { app, isReviewer, reviewSettings, clients, stopReceiving, listenersSettled, idle: inFlight.settled, socketConnected };
}

/** OAuth mode: Bolt's install pages (/slack/install, /slack/oauth_redirect) and each event's token from the database. */
function oauthOptions(installs: Extract<SlackInstalls, { mode: "oauth" }>, db: SqlClient, apiOptions: WebClientOptions) {
  return {
    clientId: installs.clientId,
    clientSecret: installs.clientSecret,
    stateSecret: installs.stateSecret,
    ...(installs.redirectUrl ? { redirectUri: installs.redirectUrl } : {}),
    scopes: [...BOT_SCOPES],
    installationStore: databaseInstallationStore(db),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: installs.redirectUrl ? new URL(installs.redirectUrl).pathname : REDIRECT_PATH,
      // The Web API calls of the OAuth flow (oauth.v2.access, auth.test) go where every other call goes.
      clientOptions: apiOptions,
    },
  };
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
