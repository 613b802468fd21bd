import { dueSnoozes, type ModelNotice, noticesOf, queueNotices, retellNotice } from "../store/model-notices.js";
import type { SqlClient } from "../store/sql-client.js";
import {
  firstSeenDays,
  listWatchedDecisions,
  newsKey,
  newsNumbers,
  numberNews,
  recordFirstSeen,
  type WatchedDecision,
  watchedModels,
} from "../store/watch-state.js";
import { buildCatalogIndex, type CatalogIndex } from "./catalog-index.js";
import { type CatalogSource, fetchAllSources } from "./catalog-source.js";
import { firstSeenOf, type KnownCatalog } from "./known-catalog.js";
import type { LineagePolicy } from "./lineage-policy.js";
import type { ModelRecord } from "./model-record.js";
import { byModel, findNews, type NewsEntry, type PlannedNotices, planNotices, toldKeys, withoutTold } from "./plan-notices.js";

const PAGE_SIZE = 5000;

export interface ModelCheckDeps {
  db: SqlClient;
  sources: readonly CatalogSource[];
  fetch: typeof fetch;
  timeoutMs: number;
  minAgeDays: number;
  /** Which catalog models count as newer versions (MODEL_WATCH_POLICY). */
  policy?: LineagePolicy | undefined;
  now: () => Date;
  /** A problem worth a log line; `fields` carries the decision it is about, when there is one. */
  log: (line: string, fields?: { decisionId: number }) => void;
  /** Called once a page's notices are queued, so the worker can start posting them. */
  queued?: () => void;
  /** Decisions read per page (default 5,000). */
  pageSize?: number;
  /** Where the app keeps the catalog a pass read, for the verdicts of new decisions. */
  catalog?: KnownCatalog;
  /** Hears every catalog record a pass read, price-only rows included (the questionnaire's model menus keep them). */
  onCatalog?: (records: readonly ModelRecord[]) => void;
}

export interface CheckReport {
  decisions: number;
  distinctModels: number;
  catalogRecords: number;
  /** What the pass tells (a dry run: would tell), per decision. */
  planned: PlannedNotices[];
  /** Queued for the worker to post, each recorded with its job in one transaction; with the jobs' keys. */
  queued: { planned: PlannedNotices; jobKeys: string[] }[];
  /** Snoozed notices whose date has passed, told again; with their jobs' keys. */
  retold: { notice: ModelNotice; jobKey: string }[];
  failed: { planned: PlannedNotices; error: string }[];
}

/**
 * One pass: one fetch per source; per distinct model (production models and models to fine-tune), what can be news,
 * each item numbered once; per decision, one notice per model with what is new to it since its day and its mark,
 * queued with the record that it was told: the job worker posts it (exactly once), and no later pass tells it again.
 */
export async function checkModels(deps: ModelCheckDeps, options: { dryRun?: boolean } = {}): Promise<CheckReport> {
  const { db } = deps;
  const dryRun = options.dryRun ?? false;
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  const models = await watchedModels(db);
  const records = await fetchAllSources(deps.sources, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    recordedIds: models,
    warn: deps.log,
  });
  const index = buildCatalogIndex(records);
  const undated = [...index.byId.values()].filter((e) => e.releaseDate === null).flatMap((e) => e.records.map((r) => r.id));
  const firstSeen = dryRun ? withToday(await firstSeenDays(db), undated, today) : await recordFirstSeen(db, undated, today);
  const snapshot = { index, firstSeen };
  // A pass that read nothing (every source down) leaves the app with what it knew.
  if (records.length > 0 && !dryRun) {
    deps.catalog?.update(snapshot);
    deps.onCatalog?.(records);
  }

  const news = findNews(models, index, { now, minAgeDays: deps.minAgeDays, policy: deps.policy, firstSeen: firstSeenOf(snapshot) });
  const seqs = dryRun ? provisional(await newsNumbers(db), news) : await numberNews(db, news);
  const newsByModel = byModel(news, (item) => seqs.get(newsKey(item))!);
  const toSeq = highest(seqs.values());
  const report: CheckReport = {
    decisions: 0,
    distinctModels: models.length,
    catalogRecords: records.length,
    planned: [],
    queued: [],
    retold: [],
    failed: [],
  };
  // A page of decisions at a time: memory stays bounded however many decisions there are.
  for (let afterId = 0; ; ) {
    const page = await listWatchedDecisions(db, afterId, deps.pageSize ?? PAGE_SIZE);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    report.decisions += page.length;
    let queuedAny = false;
    for (const plan of planNotices(page, newsByModel, toSeq)) {
      try {
        const fresh = await withoutToldBefore(db, plan, index);
        if (fresh.notices.length > 0) report.planned.push(fresh);
        if (dryRun) continue;
        const jobKeys = await queueNotices(db, {
          decisionId: plan.decision.id,
          fromSeq: plan.decision.watchSeq,
          toSeq: plan.toSeq,
          notices: fresh.notices,
        });
        if (jobKeys && jobKeys.length > 0) {
          report.queued.push({ planned: fresh, jobKeys });
          queuedAny = true;
        }
      } catch (error) {
        failed(deps, report, plan, error);
      }
    }
    if (queuedAny) deps.queued?.();
  }
  if (!dryRun) await retellDueSnoozes(deps, report, now);
  return report;
}

/** The plan without what the decision's earlier notices told (under another number, or before numbers existed). */
async function withoutToldBefore(db: SqlClient, plan: PlannedNotices, index: CatalogIndex): Promise<PlannedNotices> {
  const earlier = await noticesOf(db, plan.decision.id);
  if (earlier.length === 0) return plan;
  const notices = plan.notices.flatMap((notice) => withoutTold(notice, toldKeys(earlier, notice.modelId, index), index) ?? []);
  return { ...plan, notices };
}

async function retellDueSnoozes(deps: ModelCheckDeps, report: CheckReport, now: Date): Promise<void> {
  for (const notice of await dueSnoozes(deps.db, now)) {
    try {
      const jobKey = await retellNotice(deps.db, notice.id, now);
      if (jobKey) report.retold.push({ notice, jobKey });
    } catch (error) {
      deps.log(`decision #${notice.decisionId}: snoozed notice not told again (${(error as Error).message}); the next pass tries again`, {
        decisionId: notice.decisionId,
      });
    }
  }
  if (report.retold.length > 0) deps.queued?.();
}

function failed(deps: ModelCheckDeps, report: CheckReport, plan: PlannedNotices, error: unknown): void {
  const message = (error as Error)?.message ?? String(error);
  report.failed.push({ planned: plan, error: message });
  deps.log(`decision #${plan.decision.id}: model notice not queued (${message}); the next pass plans it again`, {
    decisionId: plan.decision.id,
  });
}

/** First-seen days as a pass would record them, without recording anything. */
function withToday(days: Map<string, string>, ids: readonly string[], today: string): Map<string, string> {
  for (const id of ids) if (!days.has(id.toLowerCase())) days.set(id.toLowerCase(), today);
  return days;
}

/** Numbers as a pass would give them, without recording anything. */
function provisional(seqs: Map<string, number>, items: readonly NewsEntry[]): Map<string, number> {
  let next = highest(seqs.values()) + 1;
  for (const item of items) if (!seqs.has(newsKey(item))) seqs.set(newsKey(item), next++);
  return seqs;
}

function highest(numbers: Iterable<number>): number {
  let max = 0;
  for (const n of numbers) if (n > max) max = n;
  return max;
}

/** Describes what a pass tells a decision, one line per notice, for the CLI and logs. */
export function describePlanned(plan: PlannedNotices): string[] {
  return plan.notices.map((notice) => {
    const about = `decision #${plan.decision.id} (${notice.modelId})`;
    if (notice.content.kind === "lifecycle") {
      const { lifecycle } = notice.content;
      const when = lifecycle.retirementDate ? ` (retires ${lifecycle.retirementDate})` : "";
      return `${about}: ${lifecycle.status}${when}, per ${lifecycle.source}`;
    }
    const versions = notice.content.versions.map((v) => `${v.id}${v.releaseDate ? ` (${v.releaseDate})` : ""}`).join(", ");
    return `${about}: newer ${versions}`;
  });
}

export type { WatchedDecision };
