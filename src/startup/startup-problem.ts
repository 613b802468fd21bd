import type { Config } from "../config.js";
import { StartupError } from "../slack/bot-identity.js";
import { describeStorageError } from "./check-database.js";
import { describePostgresError } from "./check-postgres.js";

/** What stopped start-up, as one line naming the setting to fix; undefined for an error nobody foresaw (a bug). */
export function startupProblem(error: unknown, config: Config): string | undefined {
  if (error instanceof StartupError) return error.message;
  const listen = error as NodeJS.ErrnoException & { port?: number };
  if (listen?.syscall === "listen") {
    const setting = listen.port === config.port ? "PORT" : "HEALTH_PORT";
    return `${setting}: cannot listen on port ${listen.port} (${listen.code === "EADDRINUSE" ? "already in use" : listen.code})`;
  }
  const { database } = config;
  return database.kind === "postgres" ? describePostgresError(error, database.url) : describeStorageError(error, database.path);
}
