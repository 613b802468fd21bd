import type { Logger as BoltLogger } from "@slack/bolt";
import type { FetchFunction } from "@slack/web-api";
import { type Config, configSecrets } from "../config.js";
import { type AppLogger, boltLogger, createLogger } from "./logger.js";
import { type AppMetrics, createMetrics, type MetricsOptions, type RefusalReason } from "./metrics.js";
import { type OpsRoutes, opsRoutes } from "./ops-routes.js";
import { type OpsServer, startOpsServer } from "./ops-server.js";
import { createReadiness, type ReadinessCheck } from "./readiness.js";
import { redactSecrets } from "./redact.js";

/** What the Slack app takes from operations: its logger, the timed fetch, and (HTTP mode) the endpoints on its port. */
export interface SlackAppHooks {
  logger: BoltLogger;
  slackFetch: FetchFunction;
  opsRoutes?: OpsRoutes;
  onRefusedRequest: (reason: RefusalReason) => void;
}

export interface OperationsOptions {
  logger?: AppLogger | undefined;
  jobCounts?: MetricsOptions["jobCounts"];
  /** Node's process metrics: once per process (they start monitors that never stop), so only the real app asks. */
  processMetrics?: boolean | undefined;
}

export interface Operations {
  logger: AppLogger;
  metrics: AppMetrics;
  slackAppHooks: SlackAppHooks;
  /** Serves /healthz, /readyz and /metrics (on the app's port, or a port of their own); resolves with that port. */
  serve: (checks: readonly ReadinessCheck[], appPort: number | undefined) => Promise<number>;
  /** /readyz answers 503 from now on. */
  markStopping: () => void;
  close: () => Promise<void>;
}

/** JSON lines (or LOG_FORMAT=pretty) on standard output at LOG_LEVEL, with the configured secrets masked. */
export function appLogger(config: Config): AppLogger {
  return createLogger({ level: config.logLevel, format: config.logFormat, secrets: configSecrets(config) });
}

/**
 * Logs, metrics and the health endpoints of one app. In HTTP mode the endpoints share the app's port unless
 * HEALTH_PORT names another; in Socket Mode they get a small server on HEALTH_PORT (default PORT).
 */
export function prepareOperations(config: Config, options: OperationsOptions): Operations {
  const logger = options.logger ?? appLogger(config);
  const metrics = createMetrics({ processMetrics: options.processMetrics ?? false, jobCounts: options.jobCounts });
  const onAppPort =
    config.slack.mode === "http" && (config.healthPort === undefined || (config.healthPort === config.port && config.port !== 0));
  // The app's receiver is built before the readiness checks can be (they need the app): bound in serve().
  let routes: OpsRoutes = () => false;
  let stopping = () => {};
  let server: OpsServer | undefined;
  return {
    logger,
    metrics,
    slackAppHooks: {
      logger: boltLogger(logger),
      slackFetch: metrics.slackFetch,
      ...(onAppPort ? { opsRoutes: (req, res) => routes(req, res) } : {}),
      onRefusedRequest: metrics.countRefusedRequest,
    },
    serve: async (checks, appPort) => {
      const readiness = createReadiness(checks);
      stopping = readiness.markStopping;
      routes = opsRoutes({ readiness, registry: metrics.registry, redact: (text) => redactSecrets(text, configSecrets(config)) });
      if (onAppPort) return appPort!;
      server = await startOpsServer(config.healthPort ?? config.port, routes);
      return server.port;
    },
    markStopping: () => stopping(),
    close: async () => {
      await server?.close();
    },
  };
}
