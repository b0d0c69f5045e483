import type { Db } from './open';

const caches = new WeakMap<Db, Map<string, unknown>>();

/**
 * A drizzle prepared query, built once per database and reused. Building a drizzle query costs
 * several times what running an indexed SQLite query does, so hot paths prepare theirs.
 */
export function prepared<T>(db: Db, key: string, build: () => T): T {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let q = cache.get(key) as T | undefined;
  if (q === undefined) {
    q = build();
    cache.set(key, q);
  }
  return q;
}
