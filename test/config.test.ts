import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { configSecrets, loadConfig } from "../src/config.js";
import { createLogger } from "../src/ops/logger.js";

const run = promisify(execFile);
const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret" };

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const loaded = loadConfig(base);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.config).toMatchObject({
      port: 3000,
      database: { kind: "sqlite", path: "./data/should-we-finetune.db" },
      slack: { mode: "http", apiUrl: undefined },
      review: {
        requiredApprovals: 2,
        approvalReactions: ["white_check_mark"],
        rejectReactions: ["x"],
        reviewerUsers: [],
        reviewerGroup: undefined,
        reminderAfterMs: 2 * 86_400_000,
      },
    });
  });

  it.each([
    ["48h", 48 * 3_600_000],
    ["30m", 1_800_000],
    ["off", null],
  ])("reads REVIEW_REMINDER_AFTER=%s", (value, ms) => {
    const loaded = loadConfig({ ...base, REVIEW_REMINDER_AFTER: value });
    expect(loaded.ok && loaded.config.review.reminderAfterMs).toBe(ms);
  });

  it("runs in Socket Mode when an app token is set, and then needs no signing secret", () => {
    const loaded = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(loaded.ok && loaded.config.slack.mode).toBe("socket");
  });

  it("reads lists: reactions without colons, reviewers split into users and one group", () => {
    const loaded = loadConfig({ ...base, APPROVAL_REACTIONS: ":white_check_mark:, +1", REVIEWERS: "U01ALICE, W02BOB ,S03REVIEW" });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.config.review.approvalReactions).toEqual(["white_check_mark", "+1"]);
    expect(loaded.config.review.reviewerUsers).toEqual(["U01ALICE", "W02BOB"]);
    expect(loaded.config.review.reviewerGroup).toBe("S03REVIEW");
  });

  it.each([
    [{}, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]],
    [{ SLACK_BOT_TOKEN: "xoxp-user" }, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]],
    [{ ...base, PORT: "http" }, ["PORT"]],
    [{ ...base, REQUIRED_APPROVALS: "0" }, ["REQUIRED_APPROVALS"]],
    [{ ...base, SLACK_API_URL: "not a url" }, ["SLACK_API_URL"]],
    [{ ...base, SLACK_API_URL: "http://gw:pw@127.0.0.1:4000/api/" }, ["SLACK_API_URL"]],
    [{ ...base, HEALTH_PORT: "70000" }, ["HEALTH_PORT"]],
    [{ ...base, LOG_FORMAT: "xml" }, ["LOG_FORMAT"]],
    [{ ...base, SHUTDOWN_GRACE_MS: "-1" }, ["SHUTDOWN_GRACE_MS"]],
    [{ ...base, SLACK_APP_TOKEN: "xoxb-wrong" }, ["SLACK_APP_TOKEN"]],
    [{ ...base, REVIEWERS: "alice,S01A,S02B" }, ["REVIEWERS"]],
    [{ ...base, REJECT_REACTIONS: "white_check_mark" }, ["REJECT_REACTIONS"]],
    [{ ...base, LITELLM_URL: "nowhere" }, ["LITELLM_URL"]],
    [{ ...base, MODEL_SOURCES: "bundled,nope" }, ["MODEL_SOURCES"]],
    [{ ...base, MODEL_WATCH_POLICY: "loose" }, ["MODEL_WATCH_POLICY"]],
    [{ ...base, REVIEW_REMINDER_AFTER: "2 days" }, ["REVIEW_REMINDER_AFTER"]],
    [{ ...base, REVIEW_REMINDER_AFTER: "1s" }, ["REVIEW_REMINDER_AFTER"]],
    [{ ...base, DATABASE_URL: "mysql://swf:hunter2hunter2@db/swf" }, ["DATABASE_URL"]],
    [{ ...base, DATABASE_URL: "db.internal:5432" }, ["DATABASE_URL"]],
  ])("reports one line per bad variable: %j", (env, names) => {
    const loaded = loadConfig(env);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems.map((p) => p.split(":")[0])).toEqual(names);
  });

  it("says what each bad variable should be, in plain words", () => {
    const loaded = loadConfig({ ...base, PORT: "http", REQUIRED_APPROVALS: "0", LOG_FORMAT: "xml", SHUTDOWN_GRACE_MS: "-1" });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems).toEqual([
      "PORT: must be a number",
      "REQUIRED_APPROVALS: must be more than 0",
      'LOG_FORMAT: must be one of "json", "pretty"',
      "SHUTDOWN_GRACE_MS: can't be negative",
    ]);
  });

  it("passes the catalog settings to the watch", () => {
    const loaded = loadConfig({
      ...base,
      MODEL_SOURCES: "bundled,litellm",
      LITELLM_URL: "http://127.0.0.1:1/prices.json",
      MODEL_MIN_AGE_DAYS: "0",
    });
    expect(loaded.ok && loaded.config.watch).toMatchObject({
      sources: { MODEL_SOURCES: "bundled,litellm", LITELLM_URL: "http://127.0.0.1:1/prices.json" },
      intervalMinutes: 360,
      minAgeDays: 0,
      policy: { generations: true, renamedSuccessors: false, nearbySizes: false, previews: false },
    });
  });

  it("reads the lineage policy for the watch", () => {
    const loaded = loadConfig({ ...base, MODEL_WATCH_POLICY: "product-line,previews" });
    expect(loaded.ok && loaded.config.watch.policy).toEqual({
      generations: true,
      renamedSuccessors: true,
      nearbySizes: true,
      previews: true,
    });
  });

  it("never echoes a secret value", () => {
    const loaded = loadConfig({ SLACK_BOT_TOKEN: "xoxp-super-secret-value", SLACK_API_URL: "http://gw:super-secret-pw@gw/api/" });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems).toContain("SLACK_API_URL: must not contain a user name or password");
      expect(loaded.problems.join("\n")).not.toContain("super-secret");
    }
  });

  it("uses PostgreSQL when DATABASE_URL is a postgres:// or postgresql:// URL, even with DATABASE_PATH set, and SQLite otherwise", () => {
    const url = "postgresql://swf:s3cret%2Fpass@db.internal:5432/swf?sslmode=require";
    expect(loadConfig({ ...base, DATABASE_URL: url, DATABASE_PATH: "/data/app.db" })).toMatchObject({
      config: { database: { kind: "postgres", url } },
    });
    expect(loadConfig({ ...base, DATABASE_URL: "postgres://db/swf" })).toMatchObject({ config: { database: { kind: "postgres" } } });
    expect(loadConfig({ ...base, DATABASE_URL: " ", DATABASE_PATH: "/data/app.db" })).toMatchObject({
      config: { database: { kind: "sqlite", path: "/data/app.db" } },
    });
  });

  it("never shows DATABASE_URL's value, and masks its password in every log line", () => {
    const bad = loadConfig({ ...base, DATABASE_URL: "mysql://swf:hunter2hunter2@db/swf" });
    expect(bad).toMatchObject({ ok: false });
    expect(JSON.stringify(bad)).not.toContain("hunter2");
    const url = "postgres://swf:pa%24%24word-long@db.internal:5432/swf";
    const loaded = loadConfig({ ...base, DATABASE_URL: url });
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    expect(configSecrets(loaded.config)).toEqual(expect.arrayContaining(["pa%24%24word-long", "pa$$word-long"]));
    const lines: string[] = [];
    const logger = createLogger({ level: "info", secrets: configSecrets(loaded.config), sink: { write: (line) => lines.push(line) } });
    logger.info({ database: url }, `connecting to ${url}; the password, decoded, is pa$$word-long`);
    expect(lines.join("")).toContain("postgres://swf:[REDACTED]@db.internal:5432/swf");
    expect(lines.join("")).not.toMatch(/pa(%24%24|\$\$)word-long/);
  });

  describe("one workspace or many", () => {
    const oauth = { SLACK_CLIENT_ID: "1111.2222", SLACK_CLIENT_SECRET: "client-secret", SLACK_STATE_SECRET: "a-state-secret-16+" };

    it("keeps the single-token mode when SLACK_BOT_TOKEN is set", () => {
      expect(loadConfig(base)).toMatchObject({ config: { slack: { installs: { mode: "single", botToken: "xoxb-1" } } } });
    });

    it("turns OAuth mode on with the client id, client secret and state secret, and no bot token", () => {
      const loaded = loadConfig({
        SLACK_SIGNING_SECRET: "secret",
        ...oauth,
        SLACK_REDIRECT_URL: "https://swf.example.com/slack/oauth_redirect",
      });
      expect(loaded).toMatchObject({
        config: {
          slack: {
            mode: "http",
            installs: { mode: "oauth", clientId: "1111.2222", redirectUrl: "https://swf.example.com/slack/oauth_redirect" },
          },
        },
      });
      if (!loaded.ok) return;
      expect(configSecrets(loaded.config)).toEqual(expect.arrayContaining(["client-secret", "a-state-secret-16+"]));
    });

    it.each([
      [
        { SLACK_SIGNING_SECRET: "secret" },
        [
          "SLACK_BOT_TOKEN: is required (or, to install in many workspaces, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)",
        ],
      ],
      [
        { SLACK_SIGNING_SECRET: "secret", SLACK_CLIENT_ID: "1111.2222" },
        [
          "SLACK_CLIENT_SECRET: is required in OAuth mode (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together)",
          "SLACK_STATE_SECRET: is required in OAuth mode (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together)",
        ],
      ],
      [{ ...base, ...oauth }, ["SLACK_BOT_TOKEN: unset it in OAuth mode (each workspace's token comes from its installation)"]],
      [{ ...oauth, SLACK_APP_TOKEN: "xapp-1" }, ["SLACK_APP_TOKEN: unset it in OAuth mode (the install pages and events come over HTTP)"]],
      [
        { SLACK_SIGNING_SECRET: "secret", ...oauth, SLACK_STATE_SECRET: "short" },
        ["SLACK_STATE_SECRET: must be at least 16 characters (it signs the install links)"],
      ],
      [{ SLACK_SIGNING_SECRET: "secret", ...oauth, SLACK_REDIRECT_URL: "swf.example.com" }, ["SLACK_REDIRECT_URL: must be a URL"]],
    ])("names each problem of the two modes in one line: %j", (env, problems) => {
      const loaded = loadConfig(env);
      expect(loaded).toMatchObject({ ok: false, problems });
      expect(JSON.stringify(loaded)).not.toContain("client-secret");
    });
  });

  it("reads the operations settings", () => {
    const loaded = loadConfig({ ...base, HEALTH_PORT: "9100", LOG_FORMAT: "pretty", SHUTDOWN_GRACE_MS: "2500" });
    expect(loaded.ok && loaded.config).toMatchObject({ healthPort: 9100, logFormat: "pretty", shutdownGraceMs: 2500 });
    expect(loadConfig(base)).toMatchObject({ config: { healthPort: undefined, logFormat: "json", shutdownGraceMs: 10_000 } });
  });
});

describe("npm start with bad configuration", () => {
  it("stops with exit code 1 and one line per problem", async () => {
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "abc", SLACK_BOT_TOKEN: "nope-secret" };
    const failure = await run(process.execPath, ["--import", "tsx", "src/main.ts"], { env, cwd: process.cwd() }).catch((e) => e);
    expect(failure.code).toBe(1);
    const lines = String(failure.stderr).trim().split("\n");
    expect(lines.slice(1).map((l: string) => l.trim().split(":")[0])).toEqual(["SLACK_BOT_TOKEN", "PORT", "SLACK_SIGNING_SECRET"]);
    expect(String(failure.stderr)).not.toContain("nope-secret");
  });
});
