import { format } from "node:util";
import type { Logger as BoltLogger, LogLevel } from "@slack/bolt";
import { type DestinationStream, type Logger, pino } from "pino";
import { redactSecrets } from "./redact.js";

export type AppLogger = Logger;
export type LogFormat = "json" | "pretty";

export interface LoggerOptions {
  level: "debug" | "info" | "warn" | "error";
  format?: LogFormat;
  /** Configured secret values, masked verbatim on top of the patterns redactSecrets knows. */
  secrets?: readonly string[];
  /** Where finished lines go (default: standard output). */
  sink?: DestinationStream;
}

const stdout: DestinationStream = { write: (line) => void process.stdout.write(line) };

/**
 * One JSON object per line (`level`, `time`, `msg`, and fields such as `decisionId`, `teamId`, `err`). Every line is
 * redacted as a whole just before it is written, so a secret is masked wherever it appears: message, field or stack.
 */
export function createLogger(options: LoggerOptions): AppLogger {
  const sink = options.sink ?? stdout;
  const secrets = options.secrets ?? [];
  const render = options.format === "pretty" ? prettyLine : (line: string) => line;
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line) => sink.write(render(redactSecrets(line, secrets))) },
  );
}

/** `12:00:01.234 WARN  message key=value ...` from a JSON line, for a terminal. */
function prettyLine(line: string): string {
  const { time, level, msg, pid: _pid, ...fields } = JSON.parse(line) as Record<string, unknown>;
  const clock = typeof time === "string" ? time.slice(11, 23) : "";
  const extra = Object.entries(fields).map(([key, value]) => ` ${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return `${clock} ${String(level).toUpperCase().padEnd(5)} ${String(msg ?? "")}${extra.join("")}\n`;
}

/**
 * Bolt's Logger interface over the app's logger, for Bolt, its receivers and its Web API clients. A call whose first
 * argument is a plain object and second a string logs the object's keys as fields (pino style:
 * `logger.warn({ decisionId, teamId }, "text")`); an Error becomes the `err` field. setName is ignored: Bolt and each
 * of its Web API clients rename the logger they share, which would relabel every line.
 */
export function boltLogger(logger: AppLogger): BoltLogger {
  const at =
    (level: "debug" | "info" | "warn" | "error") =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error) logger[level]({ err: first }, rest.length > 0 ? format(...rest) : first.message);
      else if (isFields(first) && typeof rest[0] === "string") logger[level](first, format(...rest));
      else logger[level](format(...args));
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    setLevel: (level: LogLevel) => {
      logger.level = level;
    },
    getLevel: () => logger.level as LogLevel,
    setName: () => undefined,
  };
}

function isFields(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
