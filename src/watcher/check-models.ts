import {
  listWatchedDecisions,
  type ModelNotice,
  noticesByDecision,
  saveNotices,
  type WatchedDecision,
  watchedBaseModels,
} from "../store/model-notices.js";
import type { Db } from "../store/open-db.js";
import { buildCatalogIndex } from "./catalog-index.js";
import { type CatalogSource, fetchAllSources } from "./catalog-source.js";
import type { Lifecycle, NewerVersion } from "./compare.js";
import type { ModelRecord } from "./model-record.js";
import { createPlanMemo, type PlannedNotice, planNotices } from "./plan-notices.js";

const PAGE_SIZE = 5000;

/** How the watch tells a decision's thread; the Slack layer implements it. Each resolves with the posted message's ts. */
export interface ModelNotifier {
  announceNewer(decision: WatchedDecision, versions: readonly NewerVersion[]): Promise<string>;
  warnLifecycle(decision: WatchedDecision, lifecycle: Lifecycle): Promise<string>;
}

export interface ModelCheckDeps {
  db: Db;
  sources: readonly CatalogSource[];
  fetch: typeof fetch;
  timeoutMs: number;
  notifier: ModelNotifier;
  minAgeDays: number;
  now: () => Date;
  log: (line: string) => void;
  /** Decisions read per page (default 5,000). */
  pageSize?: number;
  /** Hears every catalog record a pass read (the questionnaire's model menus keep them). */
  onCatalog?: (records: readonly ModelRecord[]) => void;
}

export interface CheckReport {
  decisions: number;
  distinctModels: number;
  catalogRecords: number;
  planned: PlannedNotice[];
  posted: PlannedNotice[];
  failed: { notice: PlannedNotice; error: string }[];
}

function toNotices(notice: PlannedNotice, messageTs: string): ModelNotice[] {
  if (notice.kind === "lifecycle") {
    return [
      {
        decisionId: notice.decision.id,
        modelId: notice.decision.baseModel,
        kind: "lifecycle",
        state: "announced",
        releaseDate: notice.lifecycle.retirementDate,
        snoozedUntil: null,
        messageTs,
      },
    ];
  }
  return notice.versions.map((v) => ({
    decisionId: notice.decision.id,
    modelId: v.id,
    kind: "newer-version" as const,
    state: "announced" as const,
    releaseDate: v.releaseDate,
    snoozedUntil: null,
    messageTs,
  }));
}

/**
 * One pass: one fetch per source, every recorded base model compared once, and one post per decision. A notice is
 * recorded only after Slack accepted it, so a failed post is simply planned again by the next pass.
 */
export async function checkModels(deps: ModelCheckDeps, options: { dryRun?: boolean } = {}): Promise<CheckReport> {
  const recordedIds = watchedBaseModels(deps.db);
  const records = await fetchAllSources(deps.sources, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, recordedIds, warn: deps.log });
  deps.onCatalog?.(records);
  const index = buildCatalogIndex(records);
  const memo = createPlanMemo();
  const planOptions = { now: deps.now(), minAgeDays: deps.minAgeDays };
  const report: CheckReport = {
    decisions: 0,
    distinctModels: recordedIds.length,
    catalogRecords: records.length,
    planned: [],
    posted: [],
    failed: [],
  };
  // A page of decisions at a time, with their notices: memory stays bounded however many decisions there are.
  for (let afterId = 0; ; ) {
    const page = listWatchedDecisions(deps.db, afterId, deps.pageSize ?? PAGE_SIZE);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    report.decisions += page.length;
    const planned = planNotices(page, noticesByDecision(deps.db, page[0]!.id, afterId), index, planOptions, memo);
    report.planned.push(...planned);
    if (!options.dryRun) await post(deps, planned, report);
  }
  return report;
}

async function post(deps: ModelCheckDeps, planned: readonly PlannedNotice[], report: CheckReport): Promise<void> {
  for (const notice of planned) {
    try {
      const ts =
        notice.kind === "lifecycle"
          ? await deps.notifier.warnLifecycle(notice.decision, notice.lifecycle)
          : await deps.notifier.announceNewer(notice.decision, notice.versions);
      saveNotices(deps.db, toNotices(notice, ts));
      report.posted.push(notice);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      report.failed.push({ notice, error: message });
      deps.log(`decision #${notice.decision.id}: model notice not posted (${message}); the next pass retries it`);
    }
  }
}

/** Describes a planned notice in one line, for the CLI and logs. */
export function describeNotice(notice: PlannedNotice): string {
  const d = notice.decision;
  if (notice.kind === "lifecycle") {
    const when = notice.lifecycle.retirementDate ? ` (retires ${notice.lifecycle.retirementDate})` : "";
    return `decision #${d.id} (${d.baseModel}): ${notice.lifecycle.status}${when}, per ${notice.lifecycle.source}`;
  }
  const versions = notice.versions.map((v) => `${v.id}${v.releaseDate ? ` (${v.releaseDate})` : ""}`).join(", ");
  return `decision #${d.id} (${d.baseModel}): newer ${versions}`;
}
