import { z } from "zod";
import { parseDuration } from "./duration.js";
import { plainMessage } from "./engine/plain-problem.js";
import { type DatabaseTarget, isPostgresUrl, urlPasswords } from "./store/database-target.js";
import { type LineagePolicy, parseLineagePolicy } from "./watcher/lineage-policy.js";
import { type SourceConfig, sourcesFromConfig } from "./watcher/sources/registry.js";

/** `:white_check_mark:, +1` → `["white_check_mark", "+1"]`. */
const reactionNames = (value: string) =>
  value
    .split(",")
    .map((x) => x.trim().replace(/^:|:$/g, ""))
    .filter(Boolean);

const list = (fallback: string) => z.string().default(fallback).transform(reactionNames);

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s?.trim() ? s.trim() : undefined));

const optionalUrl = optionalText.refine((s) => s === undefined || URL.canParse(s), { message: "must be a URL" });

/** `strict`, `line` (default) or `product-line`, optionally `,previews`: see docs/model-watch.md. */
export const MinAgeDays = z.coerce.number().int().min(0).default(3);

export const WatchPolicy = z
  .string()
  .default("")
  .transform((text, ctx) => {
    try {
      return parseLineagePolicy(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

/** `2d`, `48h`, `30m`, `10s` or `off` (null). */
const Duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return parseDuration(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const port = z.coerce.number().int().min(0).max(65535);

const hasCredentials = (url: string) => {
  const { username, password } = new URL(url);
  return username !== "" || password !== "";
};

const ReviewerIds = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .superRefine((ids, ctx) => {
    const bad = ids.filter((id) => !/^[UWS][A-Z0-9]{2,}$/.test(id));
    const groups = ids.filter((id) => id.startsWith("S")).length;
    const problems = [
      ...(bad.length > 0 ? [`not a user or user-group id: ${bad.join(", ")}`] : []),
      ...(groups > 1 ? ["at most one user-group id (S…)"] : []),
    ];
    if (problems.length > 0) ctx.addIssue({ code: "custom", message: problems.join("; ") });
  })
  .transform((ids) => ({ users: ids.filter((id) => !id.startsWith("S")), group: ids.find((id) => id.startsWith("S")) }));

/** PostgreSQL when set; its value is never shown, as it holds a password. */
export const DatabaseUrl = optionalText
  .refine((s) => s === undefined || URL.canParse(s), { message: "must be a URL like postgres://user:password@host:5432/database" })
  .refine((s) => s === undefined || !URL.canParse(s) || isPostgresUrl(s), {
    message: "must start with postgres:// or postgresql:// (unset it to keep the SQLite file at DATABASE_PATH)",
  });

/** DATABASE_URL wins over DATABASE_PATH (which has a default, and the container image sets it). */
export const databaseTarget = (url: string | undefined, path: string): DatabaseTarget =>
  url ? { kind: "postgres", url } : { kind: "sqlite", path };

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((s) => s === undefined || s.startsWith("xoxb-"), { message: "must be a bot token (xoxb-…)" }),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText.refine((s) => s === undefined || s.length >= 16, {
    message: "must be at least 16 characters (it signs the install links)",
  }),
  SLACK_REDIRECT_URL: optionalUrl,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((s) => s === undefined || s.startsWith("xapp-"), { message: "must be an app-level token (xapp-…)" }),
  SLACK_API_URL: optionalText
    .refine((s) => s === undefined || URL.canParse(s), { message: "must be a URL like http://127.0.0.1:4000/api/" })
    // Slack's client sends requests with fetch, which refuses URLs that carry credentials.
    .refine((s) => s === undefined || !URL.canParse(s) || !hasCredentials(s), { message: "must not contain a user name or password" }),
  PORT: port.default(3000),
  HEALTH_PORT: port.optional(),
  DATABASE_PATH: z.string().min(1).default("./data/should-we-finetune.db"),
  DATABASE_URL: DatabaseUrl,
  REQUIRED_APPROVALS: positiveInt(2),
  APPROVAL_REACTIONS: list("white_check_mark"),
  REJECT_REACTIONS: list("x"),
  REVIEWERS: ReviewerIds,
  REVIEW_REMINDER_AFTER: Duration("2d"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  MODEL_SOURCES: optionalText,
  MODELS_DEV_URL: optionalUrl,
  OPENROUTER_URL: optionalUrl,
  HF_API_URL: optionalUrl,
  LITELLM_URL: optionalUrl,
  OPENAI_API_KEY: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  MODEL_CHECK_INTERVAL_MINUTES: positiveInt(360),
  MODEL_MIN_AGE_DAYS: MinAgeDays,
  MODEL_WATCH_POLICY: WatchPolicy,
});

/** Rules across variables; checked on the raw environment so they are reported even when another variable is bad. */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [...installChecks(env)];
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    problems.push("SLACK_SIGNING_SECRET: is required in HTTP mode (set SLACK_APP_TOKEN for Socket Mode)");
  }
  const approve = reactionNames(env.APPROVAL_REACTIONS ?? "white_check_mark");
  if (approve.length === 0) problems.push("APPROVAL_REACTIONS: names no reaction");
  const both = reactionNames(env.REJECT_REACTIONS ?? "x").filter((r) => approve.includes(r));
  if (both.length > 0) problems.push(`REJECT_REACTIONS: also approval reactions: ${both.join(", ")}`);
  try {
    sourcesFromConfig(env);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

const OAUTH_SETTINGS = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;
const isSet = (value: string | undefined) => Boolean(value?.trim());

/** One workspace with SLACK_BOT_TOKEN, or many through OAuth: never both, never neither. */
function installChecks(env: NodeJS.ProcessEnv): string[] {
  const oauth = OAUTH_SETTINGS.filter((name) => isSet(env[name]));
  if (oauth.length === 0) {
    return isSet(env.SLACK_BOT_TOKEN)
      ? []
      : [
          "SLACK_BOT_TOKEN: is required (or, to install in many workspaces, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)",
        ];
  }
  return [
    ...OAUTH_SETTINGS.filter((name) => !isSet(env[name])).map(
      (name) => `${name}: is required in OAuth mode (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together)`,
    ),
    ...(isSet(env.SLACK_BOT_TOKEN) ? ["SLACK_BOT_TOKEN: unset it in OAuth mode (each workspace's token comes from its installation)"] : []),
    ...(isSet(env.SLACK_APP_TOKEN) ? ["SLACK_APP_TOKEN: unset it in OAuth mode (the install pages and events come over HTTP)"] : []),
  ];
}

/**
 * Whose tokens the app uses: one workspace's bot token (SLACK_BOT_TOKEN), or each workspace's own, saved when it
 * installs the app through /slack/install (docs/workspaces.md).
 */
export type SlackInstalls =
  | { mode: "single"; botToken: string }
  | { mode: "oauth"; clientId: string; clientSecret: string; stateSecret: string; redirectUrl: string | undefined };

export interface Config {
  slack: {
    installs: SlackInstalls;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    mode: "socket" | "http";
  };
  port: number;
  /** Where /healthz, /readyz and /metrics are served: the app's port in HTTP mode unless set; PORT in Socket Mode. */
  healthPort: number | undefined;
  database: DatabaseTarget;
  review: {
    requiredApprovals: number;
    approvalReactions: string[];
    rejectReactions: string[];
    reviewerUsers: string[];
    reviewerGroup: string | undefined;
    /** How long a review waits before its reviewers are reminded (and between reminders); null: never. */
    reminderAfterMs: number | null;
  };
  logLevel: "debug" | "info" | "warn" | "error";
  logFormat: "json" | "pretty";
  /** How long a stop waits for work in flight before giving up. */
  shutdownGraceMs: number;
  watch: {
    sources: SourceConfig;
    intervalMinutes: number;
    minAgeDays: number;
    /** Which catalog models count as newer versions of a decision's models. */
    policy: LineagePolicy;
  };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the environment into a typed config, or one line per missing or invalid variable (values never shown). */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = EnvSchema.safeParse(env, { reportInput: true });
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${plainMessage(i)}`)),
    ...crossChecks(env),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      slack: {
        installs: e.SLACK_BOT_TOKEN
          ? { mode: "single", botToken: e.SLACK_BOT_TOKEN }
          : {
              mode: "oauth",
              clientId: e.SLACK_CLIENT_ID ?? "",
              clientSecret: e.SLACK_CLIENT_SECRET ?? "",
              stateSecret: e.SLACK_STATE_SECRET ?? "",
              redirectUrl: e.SLACK_REDIRECT_URL,
            },
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        mode: e.SLACK_APP_TOKEN ? "socket" : "http",
      },
      port: e.PORT,
      healthPort: e.HEALTH_PORT,
      database: databaseTarget(e.DATABASE_URL, e.DATABASE_PATH),
      review: {
        requiredApprovals: e.REQUIRED_APPROVALS,
        approvalReactions: e.APPROVAL_REACTIONS,
        rejectReactions: e.REJECT_REACTIONS,
        reviewerUsers: e.REVIEWERS.users,
        reviewerGroup: e.REVIEWERS.group,
        reminderAfterMs: e.REVIEW_REMINDER_AFTER,
      },
      logLevel: e.LOG_LEVEL,
      logFormat: e.LOG_FORMAT,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      watch: {
        sources: {
          MODEL_SOURCES: e.MODEL_SOURCES,
          MODELS_DEV_URL: e.MODELS_DEV_URL,
          OPENROUTER_URL: e.OPENROUTER_URL,
          HF_API_URL: e.HF_API_URL,
          LITELLM_URL: e.LITELLM_URL,
          OPENAI_API_KEY: e.OPENAI_API_KEY,
          ANTHROPIC_API_KEY: e.ANTHROPIC_API_KEY,
        },
        intervalMinutes: e.MODEL_CHECK_INTERVAL_MINUTES,
        minAgeDays: e.MODEL_MIN_AGE_DAYS,
        policy: e.MODEL_WATCH_POLICY,
      },
    },
  };
}

/** The configured values that must never be written anywhere (logs mask them verbatim). */
export function configSecrets(config: Config): string[] {
  const { slack, watch, database } = config;
  const { installs } = slack;
  return [
    ...(installs.mode === "single" ? [installs.botToken] : [installs.clientSecret, installs.stateSecret]),
    slack.signingSecret,
    slack.appToken,
    watch.sources.OPENAI_API_KEY,
    watch.sources.ANTHROPIC_API_KEY,
    ...(database.kind === "postgres" ? urlPasswords(database.url) : []),
  ].filter((value): value is string => value !== undefined);
}
