import { type Logger, LogLevel } from "@slack/bolt";

/** A Bolt logger that keeps every line (warnings and errors are what tests read), and prints nothing. */
export function captureLogger(): Logger & { lines: string[]; text: () => string } {
  const lines: string[] = [];
  let level = LogLevel.DEBUG;
  const keep =
    (prefix: string) =>
    (...msg: unknown[]) =>
      void lines.push(`${prefix} ${msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ")}`);
  return {
    lines,
    text: () => lines.join("\n"),
    debug: keep("DEBUG"),
    info: keep("INFO"),
    warn: keep("WARN"),
    error: keep("ERROR"),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
