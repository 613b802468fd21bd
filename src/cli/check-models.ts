import { parseArgs } from "node:util";
import { z } from "zod";
import { DatabaseUrl, databaseTarget, MinAgeDays, WatchPolicy } from "../config.js";
import { deliverNow } from "../delivery/deliver-now.js";
import { workerId } from "../delivery/worker-identity.js";
import { plainMessage } from "../engine/plain-problem.js";
import { createDeliveryClient } from "../slack/delivery/delivery-client.js";
import { slackJobRunner } from "../slack/delivery/slack-jobs.js";
import { respondEphemeral } from "../slack/respond.js";
import { installationClients, oneClient } from "../slack/workspace-clients.js";
import { fixedReviewSettings } from "../slack/workspace-review-settings.js";
import { openDatabase } from "../store/open-database.js";
import { checkModels, describePlanned } from "../watcher/check-models.js";
import { sourcesFromConfig } from "../watcher/sources/registry.js";
import { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./io.js";

export const CHECK_MODELS_HELP = `Usage: cli check-models [--dry-run]

One pass of the model watch over the stored decisions: finds newer versions (and deprecations) of
each decision's production model and model to fine-tune in the catalogs MODEL_SOURCES names, and
posts one reply per model with news in the decision's thread (only versions out on or after the
decision's day). Prints what it posted; with --dry-run, what it would post, and posts nothing.

Environment: DATABASE_PATH (or DATABASE_URL for PostgreSQL), MODEL_SOURCES (and the source URLs / API
keys), MODEL_MIN_AGE_DAYS, MODEL_WATCH_POLICY, SLACK_BOT_TOKEN (not needed with --dry-run, nor in
OAuth mode: with SLACK_CLIENT_ID set, each workspace's notices go out with its installation's token),
SLACK_API_URL (optional).

Exit codes: 0 pass done; 1 some notices could not be posted (the next pass retries them); 2 bad
options or environment (one line per problem).`;

const Env = z.object({
  DATABASE_PATH: z.string().min(1).default("./data/should-we-finetune.db"),
  DATABASE_URL: DatabaseUrl,
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, { message: "must be a bot token (xoxb-…)" })
    .optional(),
  SLACK_API_URL: z.url({ message: "must be a URL" }).optional(),
  MODEL_MIN_AGE_DAYS: MinAgeDays,
  MODEL_WATCH_POLICY: WatchPolicy,
});

/** Notices need no review settings; the runner asks for them all the same. */
const NO_REVIEW_SETTINGS = {
  requiredApprovals: 1,
  approvalReactions: [],
  rejectReactions: [],
  reviewerUsers: [],
  reviewerGroup: undefined,
  reminderAfterMs: null,
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
  const parsed = Env.safeParse(
    { ...env, SLACK_BOT_TOKEN: blank(env.SLACK_BOT_TOKEN), SLACK_API_URL: blank(env.SLACK_API_URL) },
    { reportInput: true },
  );
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${plainMessage(i)}`);
  const oauth = Boolean(blank(env.SLACK_CLIENT_ID));
  if (!dryRun && parsed.success && !parsed.data.SLACK_BOT_TOKEN && !oauth) {
    problems.push("SLACK_BOT_TOKEN: is required to post (or use --dry-run; in OAuth mode, with SLACK_CLIENT_ID, each workspace's token)");
  }
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
  const db = await openDatabase(databaseTarget(settings.DATABASE_URL, settings.DATABASE_PATH));
  try {
    const report = await checkModels(
      {
        db,
        sources,
        fetch: globalThis.fetch,
        timeoutMs: 15_000,
        minAgeDays: settings.MODEL_MIN_AGE_DAYS,
        policy: settings.MODEL_WATCH_POLICY,
        now: () => new Date(),
        log: (line) => io.stderr(line),
      },
      { dryRun },
    );
    // The notices are queued like the app's; a worker here posts them (and leaves a Slack outage to the app).
    const lines = (planned: (typeof report.planned)[number]) => describePlanned(planned);
    const posted: string[] = [];
    const failed = report.failed.flatMap((f) => lines(f.planned).map((line) => `${line} (${f.error})`));
    const queued = report.queued.flatMap((q) => q.jobKeys.map((key, i) => ({ key, line: lines(q.planned)[i]! })));
    queued.push(
      ...report.retold.map((r) => ({
        key: r.jobKey,
        line: `decision #${r.notice.decisionId} (${r.notice.modelId}): told again after a snooze`,
      })),
    );
    if (!dryRun && queued.length > 0 && (settings.SLACK_BOT_TOKEN || oauth)) {
      const client = (token: string) => createDeliveryClient(token, { apiUrl: settings.SLACK_API_URL, timeoutMs: 10_000 });
      const clients = settings.SLACK_BOT_TOKEN ? oneClient(client(settings.SLACK_BOT_TOKEN)) : installationClients(db, client);
      const log = { debug: () => undefined, warn: io.stderr, error: io.stderr };
      const runner = slackJobRunner({
        db,
        clients,
        reviewSettings: fixedReviewSettings(NO_REVIEW_SETTINGS),
        respond: respondEphemeral,
        now: () => new Date(),
      });
      const jobs = await deliverNow({ db, runner, log, owner: workerId(), kinds: ["post-notice"], keys: queued.map((q) => q.key) });
      for (const { key, line } of queued) {
        const job = jobs.get(key);
        if (job?.status === "done") posted.push(line);
        else failed.push(`${line} (${job?.lastError ?? "not posted yet; the app posts it"})`);
      }
    }
    const verb = dryRun ? "would post" : "posted";
    const told = dryRun ? report.planned.flatMap(lines) : posted;
    for (const line of told) io.stdout(`${verb}: ${line}`);
    for (const line of failed) io.stdout(`not posted: ${line}`);
    io.stdout(
      `${report.decisions} decisions, ${report.distinctModels} models, ${report.catalogRecords} catalog records: ` +
        `${told.length} notices ${verb}${failed.length ? `, ${failed.length} failed` : ""}.`,
    );
    return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    await db.close();
  }
}
