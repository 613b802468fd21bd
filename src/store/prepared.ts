import type { Db } from "./open-db.js";

const caches = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement prepared once per connection and kept: the hot paths (a submission, a reaction, a watch pass) run the
 * same few queries again and again, and preparing them each time cost a quarter of the submission path's CPU.
 */
export function prepared<T>(db: Db, key: string, build: () => T): T {
  let cache = caches.get(db.$client);
  if (!cache) {
    cache = new Map();
    caches.set(db.$client, cache);
  }
  let statement = cache.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build();
    cache.set(key, statement);
  }
  return statement;
}
