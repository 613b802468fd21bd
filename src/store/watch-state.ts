import { sql } from "drizzle-orm";
import { IS_SUPERSEDED } from "./decisions.js";
import type { SqlClient } from "./sql-client.js";

// What the model watch keeps between passes besides its notices: the decisions it watches, what it found per model
// (numbered), and when it first saw undated catalog ids. docs/model-watch.md#what-the-watch-stores.

/** What a watch pass needs of a decision: its models, its day, and how far it has been told. */
export interface WatchedDecision {
  id: number;
  baseModel: string;
  candidateModel: string | null;
  /** `YYYY-MM-DD`. */
  decidedOn: string;
  /** Everything the watch found up to this `model_news.seq` has been considered for it. */
  watchSeq: number;
}

/**
 * Posted decisions after `afterId` that no revision superseded (the revision, in the same thread, is watched instead),
 * in id order, a page at a time (read from a covering index: no JSON is touched).
 */
export async function listWatchedDecisions(db: SqlClient, afterId = 0, limit = 5000): Promise<WatchedDecision[]> {
  return db.all<WatchedDecision>(sql`
    select id, base_model as "baseModel", candidate_model as "candidateModel", coalesce(decided_on, '') as "decidedOn",
      watch_seq as "watchSeq"
    from decisions d where thread_ts is not null and id > ${afterId} and not ${IS_SUPERSEDED} order by id limit ${limit}`);
}

/** The distinct models of posted decisions, production models and models to fine-tune alike. */
export async function watchedModels(db: SqlClient): Promise<string[]> {
  // Through a subquery in id order, SQLite reads the covering index; asked directly, it walks decisions_base_model and
  // fetches every row (15x slower at 100,000 decisions).
  const rows = await db.all<{ baseModel: string; candidateModel: string | null }>(sql`
    select distinct "baseModel", "candidateModel" from (
      select base_model as "baseModel", candidate_model as "candidateModel" from decisions where thread_ts is not null order by id
    ) posted`);
  const models = new Set<string>();
  for (const row of rows) {
    models.add(row.baseModel);
    if (row.candidateModel) models.add(row.candidateModel);
  }
  return [...models];
}

/** One thing the watch found for a model: a newer version (by identity) or a lifecycle status. */
export interface NewsItem {
  modelId: string;
  itemKey: string;
}

/** Every numbered item, by `newsKey`. */
export async function newsNumbers(db: SqlClient): Promise<Map<string, number>> {
  const rows = await db.all<NewsItem & { seq: number }>(sql`select seq, model_id as "modelId", item_key as "itemKey" from model_news`);
  return new Map(rows.map((row) => [newsKey(row), row.seq]));
}

/**
 * The sequence number of each item, numbering new ones in the order given (one transaction). An item keeps its
 * number for good, so a decision's `watch_seq` says exactly what it has been considered for, whatever the catalogs
 * do later.
 */
export async function numberNews(db: SqlClient, items: readonly NewsItem[]): Promise<Map<string, number>> {
  const seqs = await newsNumbers(db);
  const fresh = items.filter((item) => !seqs.has(newsKey(item)));
  if (fresh.length > 0) {
    await db.transaction(async (tx) => {
      for (const item of fresh) {
        if (seqs.has(newsKey(item))) continue;
        const [row] = await tx.all<{ seq: number }>(sql`
          insert into model_news (model_id, item_key) values (${item.modelId}, ${item.itemKey}) returning seq`);
        seqs.set(newsKey(item), row!.seq);
      }
    });
  }
  return seqs;
}

/** The key of an item in what `newsNumbers` and `numberNews` return. */
export function newsKey(item: NewsItem): string {
  return `${item.modelId}\u0000${item.itemKey}`;
}

/** Looks up an item's number in what `numberNews` returned. */
export function seqOf(seqs: ReadonlyMap<string, number>, item: NewsItem): number | undefined {
  return seqs.get(newsKey(item));
}

/**
 * Records today as the first-seen day of the catalog ids never seen before (lower-cased), and returns every id's
 * first-seen day: what dates a version that has no release date.
 */
export async function recordFirstSeen(db: SqlClient, catalogIds: Iterable<string>, day: string): Promise<Map<string, string>> {
  const rows = await db.all<{ catalogId: string; firstSeen: string }>(
    sql`select catalog_id as "catalogId", first_seen as "firstSeen" from catalog_first_seen`,
  );
  const seen = new Map(rows.map((r) => [r.catalogId, r.firstSeen]));
  const fresh = [...new Set([...catalogIds].map((id) => id.toLowerCase()))].filter((id) => !seen.has(id));
  if (fresh.length > 0) {
    await db.transaction(async (tx) => {
      for (const id of fresh) {
        await tx.run(sql`insert into catalog_first_seen (catalog_id, first_seen) values (${id}, ${day}) on conflict do nothing`);
        seen.set(id, day);
      }
    });
  }
  return seen;
}

/** Every first-seen day on record (what the app loads at start, before any pass). */
export async function firstSeenDays(db: SqlClient): Promise<Map<string, string>> {
  return recordFirstSeen(db, [], "");
}
