import { parseArgs } from "node:util";
import { WebClient } from "@slack/web-api";
import { z } from "zod";
import { slackModelNotifier } from "../slack/model-notifier.js";
import { closeDb, openDb } from "../store/open-db.js";
import { checkModels, describeNotice, type ModelNotifier } from "../watcher/check-models.js";
import { sourcesFromConfig } from "../watcher/sources/registry.js";
import { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./io.js";

export const CHECK_MODELS_HELP = `Usage: cli check-models [--dry-run]

One pass of the base-model watch over the stored decisions: finds newer versions (and deprecations)
of each recorded base model in the catalogs MODEL_SOURCES names, and posts one reply per decision in
its thread. Prints what it posted; with --dry-run, what it would post, and posts nothing.

Environment: DATABASE_PATH, MODEL_SOURCES (and the source URLs / API keys), MODEL_MIN_AGE_DAYS,
SLACK_BOT_TOKEN (not needed with --dry-run), SLACK_API_URL (optional).

Exit codes: 0 pass done; 1 some notices could not be posted (the next pass retries them); 2 bad
options or environment (one line per problem).`;

const Env = z.object({
  DATABASE_PATH: z.string().min(1).default("./data/should-we-finetune.db"),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, { message: "must be a bot token (xoxb-…)" })
    .optional(),
  SLACK_API_URL: z.url({ message: "must be a URL" }).optional(),
  MODEL_MIN_AGE_DAYS: z.coerce.number().int().min(0).default(3),
});

const dryRunNotifier: ModelNotifier = {
  announceNewer: async () => "dry-run",
  warnLifecycle: async () => "dry-run",
};

export async function runCheckModels(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let dryRun: boolean;
  try {
    const { values } = parseArgs({ args, options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
    if (values.help) {
      io.stdout(CHECK_MODELS_HELP);
      return EXIT_OK;
    }
    dryRun = values["dry-run"] ?? false;
  } catch (error) {
    io.stderr(`check-models: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const parsed = Env.safeParse({ ...env, SLACK_BOT_TOKEN: blank(env.SLACK_BOT_TOKEN), SLACK_API_URL: blank(env.SLACK_API_URL) });
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  if (!dryRun && parsed.success && !parsed.data.SLACK_BOT_TOKEN) problems.push("SLACK_BOT_TOKEN: is required to post (or use --dry-run)");
  let sources: ReturnType<typeof sourcesFromConfig> = [];
  try {
    sources = sourcesFromConfig(env);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (!parsed.success || problems.length > 0) {
    for (const p of problems) io.stderr(p);
    return EXIT_USAGE;
  }
  const settings = parsed.data;
  const db = openDb(settings.DATABASE_PATH);
  try {
    const client = settings.SLACK_BOT_TOKEN
      ? new WebClient(settings.SLACK_BOT_TOKEN, {
          ...(settings.SLACK_API_URL ? { slackApiUrl: settings.SLACK_API_URL } : {}),
          retryConfig: { retries: 2 },
        })
      : null;
    const report = await checkModels(
      {
        db,
        sources,
        fetch: globalThis.fetch,
        timeoutMs: 15_000,
        notifier: dryRun || !client ? dryRunNotifier : slackModelNotifier(client),
        minAgeDays: settings.MODEL_MIN_AGE_DAYS,
        now: () => new Date(),
        log: (line) => io.stderr(line),
      },
      { dryRun },
    );
    const verb = dryRun ? "would post" : "posted";
    for (const notice of dryRun ? report.planned : report.posted) io.stdout(`${verb}: ${describeNotice(notice)}`);
    for (const failure of report.failed) io.stdout(`not posted: ${describeNotice(failure.notice)} (${failure.error})`);
    io.stdout(
      `${report.decisions} decisions, ${report.distinctModels} base models, ${report.catalogRecords} catalog records: ` +
        `${dryRun ? report.planned.length : report.posted.length} notices ${verb}${report.failed.length ? `, ${report.failed.length} failed` : ""}.`,
    );
    return report.failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    closeDb(db);
  }
}
