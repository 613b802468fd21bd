import type { WebClient } from "@slack/web-api";
import { probeWrite } from "../store/probe.js";
import type { SqlClient } from "../store/sql-client.js";
import type { ReadinessCheck } from "./readiness.js";

/** The database takes a committed write (see store/probe.ts). */
export function databaseWritable(db: SqlClient): ReadinessCheck {
  return { name: "database", probe: () => probeWrite(db) };
}

/**
 * Slack answers auth.test with this token (or, without one, api.test). Give it a client without retries: a probe should
 * answer quickly.
 */
export function slackReachable(client: WebClient, method: "auth.test" | "api.test" = "auth.test"): ReadinessCheck {
  return { name: "slack", probe: () => (method === "auth.test" ? client.auth.test() : client.api.test()) };
}

/** Socket Mode: the WebSocket to Slack is open. */
export function socketConnected(isConnected: () => boolean): ReadinessCheck {
  return {
    name: "socket",
    probe: async () => {
      if (!isConnected()) throw new Error("Socket Mode connection not open");
    },
  };
}
