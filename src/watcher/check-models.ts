import { listWatchedDecisions, type NoticeContent, noticesByDecision, queueNotice, watchedBaseModels } from "../store/model-notices.js";
import type { SqlClient } from "../store/sql-client.js";
import { buildCatalogIndex } from "./catalog-index.js";
import { type CatalogSource, fetchAllSources } from "./catalog-source.js";
import type { ModelRecord } from "./model-record.js";
import { createPlanMemo, type PlannedNotice, planNotices } from "./plan-notices.js";

const PAGE_SIZE = 5000;

export interface ModelCheckDeps {
  db: SqlClient;
  sources: readonly CatalogSource[];
  fetch: typeof fetch;
  timeoutMs: number;
  minAgeDays: number;
  now: () => Date;
  /** A problem worth a log line; `fields` carries the decision it is about, when there is one. */
  log: (line: string, fields?: { decisionId: number; channelId: string }) => void;
  /** Called once a page's notices are queued, so the worker can start posting them. */
  queued?: () => void;
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
  /** Queued for the worker to post, each recorded as told in the same transaction; with its job's key. */
  queued: { notice: PlannedNotice; jobKey: string }[];
  failed: { notice: PlannedNotice; error: string }[];
}

function contentOf(notice: PlannedNotice): NoticeContent {
  return notice.kind === "lifecycle"
    ? { kind: "lifecycle", lifecycle: notice.lifecycle }
    : { kind: "newer-version", versions: notice.versions };
}

/**
 * One pass: one fetch per source, every recorded base model compared once, and one notice per decision, queued with
 * the record that it was told: the job worker posts it (exactly once), and the next pass does not plan it again.
 */
export async function checkModels(deps: ModelCheckDeps, options: { dryRun?: boolean } = {}): Promise<CheckReport> {
  const recordedIds = await watchedBaseModels(deps.db);
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
    queued: [],
    failed: [],
  };
  // A page of decisions at a time, with their notices: memory stays bounded however many decisions there are.
  for (let afterId = 0; ; ) {
    const page = await listWatchedDecisions(deps.db, afterId, deps.pageSize ?? PAGE_SIZE);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    report.decisions += page.length;
    const planned = planNotices(page, await noticesByDecision(deps.db, page[0]!.id, afterId), index, planOptions, memo);
    report.planned.push(...planned);
    if (options.dryRun) continue;
    for (const notice of planned) {
      try {
        report.queued.push({ notice, jobKey: await queueNotice(deps.db, notice.decision, contentOf(notice)) });
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        report.failed.push({ notice, error: message });
        deps.log(`decision #${notice.decision.id}: model notice not queued (${message}); the next pass plans it again`, {
          decisionId: notice.decision.id,
          channelId: notice.decision.channelId,
        });
      }
    }
    if (planned.length > 0) deps.queued?.();
  }
  return report;
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
