import type { WebClient } from "@slack/web-api";
import type Database from "better-sqlite3";
import type { ReadinessCheck } from "./readiness.js";

/** "SWFT": stamped into the file header by every database probe. */
const APPLICATION_ID = 0x53574654;

/**
 * The database takes a committed write: the header's application id is written (with the same value each time), so
 * a read-only file or folder, a full disk, a lock held past the busy timeout or a damaged header page all show.
 */
export function databaseWritable(sqlite: Database.Database): ReadinessCheck {
  return { name: "database", probe: async () => sqlite.pragma(`application_id = ${APPLICATION_ID}`) };
}

/** Slack answers auth.test with this token. Give it a client without retries: a probe should answer quickly. */
export function slackReachable(client: WebClient): ReadinessCheck {
  return { name: "slack", probe: () => client.auth.test() };
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
