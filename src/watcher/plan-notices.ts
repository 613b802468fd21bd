import type { NoticeContent } from "../store/job-payloads.js";
import type { NewsItem, WatchedDecision } from "../store/watch-state.js";
import type { CatalogIndex } from "./catalog-index.js";
import { findLifecycle, type Lifecycle, type NewerVersion, newsCandidates, newsDay } from "./compare.js";
import type { LineagePolicy } from "./lineage-policy.js";
import { parseModelId } from "./parse-model-id.js";

// How a pass works out what to tell whom (docs/model-watch.md#how-a-pass-works): once per distinct model, what can be
// news (its newer versions, its lifecycle), each item numbered once for good; then per decision, only the items
// numbered after its watch mark and out on or after its day. A decision with nothing new costs a comparison or two.

export interface NewsOptions {
  now: Date;
  /** A new version is announced only once it is at least this old (catalogs list some before release). */
  minAgeDays: number;
  /** Which catalog models count as newer versions (MODEL_WATCH_POLICY; default: the line policy). */
  policy?: LineagePolicy | undefined;
  /** The day the watch first saw a catalog id, for versions without a release date. */
  firstSeen: (id: string) => string | undefined;
}

/** One thing that can be news for decisions on a model. */
export type NewsEntry = NewsItem & {
  /** The last decision day it is news for: its release (or first-seen) day; a lifecycle status is news on any day. */
  until: string;
} & ({ kind: "newer-version"; version: NewerVersion } | { kind: "lifecycle"; lifecycle: Lifecycle & { seenOn: string } });

type Numbered = NewsEntry & { seq: number };

/** A model's news, numbered and in number order, with what a decision needs to skip it at a glance. */
export interface ModelNews {
  entries: Numbered[];
  /** `latestUntil[i]`: the latest `until` among entries i and after. */
  latestUntil: string[];
}

const DAY_MS = 86_400_000;
const ANY_DAY = "9999-12-31";

function oldEnough(releaseDate: string | null, options: NewsOptions): boolean {
  if (releaseDate === null) return true;
  const released = Date.parse(releaseDate.length === 7 ? `${releaseDate}-01` : releaseDate);
  return Number.isNaN(released) || options.now.getTime() - released >= options.minAgeDays * DAY_MS;
}

/** `2025-12` is news for decisions made up to the end of December. */
const lastDayOf = (day: string) => (day.length === 7 ? `${day}-31` : day);

/**
 * What version a catalog id is, whatever its spelling: the key a version is numbered and recognised under. The
 * catalog's entry says it without parsing the id again (a pass asks for every newer version of every model).
 */
export function versionKey(id: string, index: CatalogIndex): string {
  const entry = index.byId.get(id.toLowerCase());
  return `version:${entry ? entry.parsed.identityKey : parseModelId(id).identityKey}`;
}

/** What can be news about each model, oldest first; computed once per model per pass. */
export function findNews(models: readonly string[], index: CatalogIndex, options: NewsOptions): NewsEntry[] {
  const today = options.now.toISOString().slice(0, 10);
  const entries: NewsEntry[] = [];
  for (const modelId of models) {
    const versions = newsCandidates(modelId, index, options.policy ? { policy: options.policy } : {});
    for (const version of versions) {
      if (!oldEnough(version.releaseDate, options)) continue;
      const day = newsDay(version, options.firstSeen) ?? today;
      entries.push({ modelId, itemKey: versionKey(version.id, index), until: lastDayOf(day), kind: "newer-version", version });
    }
    const lifecycle = findLifecycle(modelId, index);
    if (lifecycle) {
      const itemKey = `lifecycle:${lifecycle.status}`;
      entries.push({ modelId, itemKey, until: ANY_DAY, kind: "lifecycle", lifecycle: { ...lifecycle, seenOn: today } });
    }
  }
  return entries;
}

/** Groups numbered news by model, in number order (the entries are the pass's own: they get their numbers in place). */
export function byModel(entries: readonly NewsEntry[], seqOf: (item: NewsItem) => number): Map<string, ModelNews> {
  const grouped = new Map<string, Numbered[]>();
  for (const entry of entries) {
    const numbered = entry as Numbered;
    numbered.seq = seqOf(entry);
    const list = grouped.get(entry.modelId);
    if (list) list.push(numbered);
    else grouped.set(entry.modelId, [numbered]);
  }
  const news = new Map<string, ModelNews>();
  for (const [modelId, list] of grouped) {
    list.sort((a, b) => a.seq - b.seq);
    const latestUntil: string[] = new Array(list.length);
    for (let i = list.length - 1, latest = ""; i >= 0; i--) {
      if (list[i]!.until > latest) latest = list[i]!.until;
      latestUntil[i] = latest;
    }
    news.set(modelId, { entries: list, latestUntil });
  }
  return news;
}

/** One notice to post: one model of a decision, and what it tells. */
export interface PlannedModelNotice {
  modelId: string;
  content: NoticeContent;
  /** The news items it tells (to recognise those a decision was told before under another number). */
  itemKeys: string[];
}

/** What a pass tells one decision, and the mark it reaches. */
export interface PlannedNotices {
  decision: WatchedDecision;
  notices: PlannedModelNotice[];
  /** The highest number among the news the pass considered for it. */
  toSeq: number;
}

/** The entries of a model numbered after `watchSeq` that are news for a decision made on `decidedOn`. */
function newsFor(news: ModelNews | undefined, decision: WatchedDecision): Numbered[] {
  if (!news) return [];
  const { entries, latestUntil } = news;
  if (entries.length === 0 || entries[entries.length - 1]!.seq <= decision.watchSeq) return [];
  let lo = 0;
  for (let hi = entries.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.seq <= decision.watchSeq) lo = mid + 1;
    else hi = mid;
  }
  if (latestUntil[lo]! < decision.decidedOn) return [];
  return entries.slice(lo).filter((e) => e.until >= decision.decidedOn);
}

/**
 * What to tell each decision: per model of it (the production model, the model to fine-tune), one notice with every
 * newer version not yet told and out on or after its day, and one per new lifecycle status.
 */
export function planNotices(decisions: readonly WatchedDecision[], news: ReadonlyMap<string, ModelNews>, toSeq: number): PlannedNotices[] {
  const planned: PlannedNotices[] = [];
  for (const decision of decisions) {
    if (decision.watchSeq >= toSeq) continue;
    // Most decisions have nothing new: look before building anything.
    const tuned = decision.candidateModel && decision.candidateModel !== decision.baseModel ? decision.candidateModel : null;
    const fromBase = newsFor(news.get(decision.baseModel), decision);
    const fromTuned = tuned ? newsFor(news.get(tuned), decision) : [];
    if (fromBase.length === 0 && fromTuned.length === 0) continue;
    const notices = [...noticesOf(decision.baseModel, fromBase), ...(tuned ? noticesOf(tuned, fromTuned) : [])];
    planned.push({ decision, notices, toSeq });
  }
  return planned;
}

/** One notice with every newer version among a model's entries, and one per lifecycle status. */
function noticesOf(modelId: string, entries: readonly Numbered[]): PlannedModelNotice[] {
  const notices: PlannedModelNotice[] = [];
  const versions = entries.filter((e) => e.kind === "newer-version");
  if (versions.length > 0) {
    notices.push({
      modelId,
      content: { kind: "newer-version", versions: versions.map((e) => e.version).sort(byReleaseDate) },
      itemKeys: versions.map((e) => e.itemKey),
    });
  }
  for (const e of entries) {
    if (e.kind === "lifecycle") notices.push({ modelId, content: { kind: "lifecycle", lifecycle: e.lifecycle }, itemKeys: [e.itemKey] });
  }
  return notices;
}

function byReleaseDate(a: NewerVersion, b: NewerVersion): number {
  if (a.releaseDate === b.releaseDate) return 0;
  if (a.releaseDate === null) return 1;
  if (b.releaseDate === null) return -1;
  return a.releaseDate < b.releaseDate ? -1 : 1;
}

/** The item keys a decision's earlier notices of one model told. */
export function toldKeys(
  notices: readonly { modelId: string; content: NoticeContent }[],
  modelId: string,
  index: CatalogIndex,
): Set<string> {
  const keys = new Set<string>();
  for (const n of notices) {
    if (n.modelId !== modelId) continue;
    if (n.content.kind === "lifecycle") keys.add(`lifecycle:${n.content.lifecycle.status}`);
    else for (const v of n.content.versions) keys.add(versionKey(v.id, index));
  }
  return keys;
}

/** A planned notice without what was told before (under another number, or before numbers existed); null if nothing is left. */
export function withoutTold(notice: PlannedModelNotice, told: ReadonlySet<string>, index: CatalogIndex): PlannedModelNotice | null {
  if (notice.content.kind === "lifecycle") return told.has(notice.itemKeys[0]!) ? null : notice;
  const versions = notice.content.versions.filter((v) => !told.has(versionKey(v.id, index)));
  if (versions.length === 0) return null;
  return { ...notice, content: { kind: "newer-version", versions }, itemKeys: versions.map((v) => versionKey(v.id, index)) };
}
