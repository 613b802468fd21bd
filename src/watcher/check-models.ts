import type { Db } from "../store/open-db.js";
import { listWatchedDecisions, type ModelNotice, noticesByDecision, saveNotices, type WatchedDecision } from "../store/model-notices.js";
import { buildCatalogIndex } from "./catalog-index.js";
import { type CatalogSource, fetchAllSources } from "./catalog-source.js";
import type { Lifecycle, NewerVersion } from "./compare.js";
import { type PlannedNotice, planNotices } from "./plan-notices.js";

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
    return [{ decisionId: notice.decision.id, modelId: notice.decision.baseModel, kind: "lifecycle", state: "announced", releaseDate: notice.lifecycle.retirementDate, snoozedUntil: null, messageTs }];
  }
  return notice.versions.map((v) => ({
    decisionId: notice.decision.id, modelId: v.id, kind: "newer-version" as const, state: "announced" as const, releaseDate: v.releaseDate, snoozedUntil: null, messageTs,
  }));
}

/**
 * One pass: one fetch per source, every recorded base model compared once, and one post per decision. A notice is
 * recorded only after Slack accepted it, so a failed post is simply planned again by the next pass.
 */
export async function checkModels(deps: ModelCheckDeps, options: { dryRun?: boolean } = {}): Promise<CheckReport> {
  const decisions = listWatchedDecisions(deps.db);
  const recordedIds = [...new Set(decisions.map((d) => d.baseModel))];
  const records = await fetchAllSources(deps.sources, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, recordedIds, warn: deps.log });
  const planned = planNotices(decisions, noticesByDecision(deps.db), buildCatalogIndex(records), {
    now: deps.now(),
    minAgeDays: deps.minAgeDays,
  });
  const report: CheckReport = { decisions: decisions.length, distinctModels: recordedIds.length, catalogRecords: records.length, planned, posted: [], failed: [] };
  if (options.dryRun) return report;
  for (const notice of planned) {
    try {
      const ts = notice.kind === "lifecycle"
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
