import { type AppLogger, createLogger } from "../../src/ops/logger.js";

/** The app's own logger (JSON lines, redacted) at debug level, keeping every line as `LEVEL message`; prints nothing. */
export function captureLogger(): AppLogger & { lines: string[]; text: () => string } {
  const lines: string[] = [];
  const logger = createLogger({
    level: "debug",
    sink: {
      write: (line: string) => {
        const { level, msg, err } = JSON.parse(line) as { level: string; msg?: string; err?: { message?: string } };
        lines.push(`${level.toUpperCase()} ${msg ?? ""}${err?.message && !msg?.includes(err.message) ? ` ${err.message}` : ""}`);
      },
    },
  });
  return Object.assign(logger, { lines, text: () => lines.join("\n") });
}
