import { describe, expect, it } from "vitest";
import { type AppLogger, boltLogger, createLogger, type LogFormat } from "../../src/ops/logger.js";

function captured(level: "debug" | "info" | "warn" | "error" = "debug", format: LogFormat = "json", secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({ level, format, secrets, sink: { write: (line) => lines.push(line) } });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("createLogger", () => {
  it("writes one JSON object per line with level, time, pid, message and fields", () => {
    const { logger, lines, records } = captured();
    logger.info({ decisionId: 7, teamId: "T1" }, "verdict posted");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(records()[0]).toMatchObject({ level: "info", pid: process.pid, msg: "verdict posted", decisionId: 7, teamId: "T1" });
    expect(records()[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("respects the level", () => {
    const { logger, records } = captured("warn");
    logger.info("not shown");
    logger.warn("shown");
    expect(records().map((r) => r.msg)).toEqual(["shown"]);
  });

  it("masks secrets anywhere in the line: message, fields and error stacks", () => {
    const { logger, lines } = captured("debug", "json", ["configured-signing-secret"]);
    const err = new Error("GET https://catalog.example/api?key=CATKEY123 failed with xoxb-123-abc");
    logger.error({ err, url: "http://user:pw-secret@gw/api/" }, "signing with configured-signing-secret");
    const text = lines.join("");
    for (const secret of ["CATKEY123", "xoxb-123-abc", "pw-secret", "configured-signing-secret"]) expect(text).not.toContain(secret);
    expect(text).toContain("key=[REDACTED]");
  });

  it("prints readable lines with LOG_FORMAT=pretty", () => {
    const { logger, lines } = captured("info", "pretty");
    logger.warn({ decisionId: 3 }, "not posted yet");
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}not posted yet decisionId=3\n$/);
  });
});

describe("boltLogger", () => {
  const setup = (): { bolt: ReturnType<typeof boltLogger>; records: () => Record<string, unknown>[]; logger: AppLogger } => {
    const { logger, records } = captured("info");
    return { bolt: boltLogger(logger), records, logger };
  };

  it("joins Bolt's arguments like console does", () => {
    const { bolt, records } = setup();
    bolt.info("listening on", 3000, { a: 1 });
    expect(records()[0]?.msg).toBe("listening on 3000 { a: 1 }");
  });

  it("takes pino-style fields first, and errors as the err field", () => {
    const { bolt, records } = setup();
    bolt.warn({ decisionId: 4, teamId: "T9" }, "Slack not updated yet");
    bolt.error(new Error("boom"));
    expect(records()[0]).toMatchObject({ level: "warn", msg: "Slack not updated yet", decisionId: 4, teamId: "T9" });
    expect(records()[1]).toMatchObject({ level: "error", msg: "boom", err: { message: "boom", type: "Error" } });
  });

  it("shares the level with the app's logger and ignores renames", () => {
    const { bolt, records, logger } = setup();
    bolt.setName("web-api:WebClient:3");
    bolt.setLevel("error" as never);
    expect(bolt.getLevel()).toBe("error");
    expect(logger.level).toBe("error");
    bolt.warn("hidden");
    bolt.error("kept");
    expect(records().map((r) => [r.msg, r.name])).toEqual([["kept", undefined]]);
  });
});
