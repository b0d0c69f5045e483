import { writeTx } from '../../../db/open';
import type { DomainDeps } from '../deps';
import { DEDUP_INDEX_VERSION, encodeProfile, lookalikeScope } from '../dedup';
import { customerIdentity, storedKeys } from './duplicate-finder';

const CHUNK = 5000;
const VERSION_KEY = 'dedup_index_version';

interface SourceRow { id: number; name: string; uscc: string | null; mobile: string | null; landline: string | null }

// What the index was computed from: a customer whose row no longer says this is indexed again.
const source = (t: string) => `${t}.name || char(31) || ifnull(${t}.uscc, '') || char(31) || ifnull(${t}.mobile, '') || char(31) || ifnull(${t}.landline, '')`;

/** The version of the dedup rules that built this database's index, if any. */
export function dedupIndexVersion(deps: DomainDeps): number | undefined {
  const row = deps.db.$client.prepare('SELECT value FROM app_meta WHERE key = ?').get(VERSION_KEY) as { value: string } | undefined;
  return row ? Number(row.value) : undefined;
}

/**
 * Recomputes every customer's dedup profile and keys from scratch: after the dedup rules change,
 * or to repair the index. They are computed into unindexed scratch tables (cheap appends), then
 * swapped in with sorted inserts, which fill the key B-tree in order instead of at random pages.
 * Checks see the old index until the swap commits. Customers added or changed by another process
 * while the scratch tables filled are indexed again inside the swap, so none is left out.
 */
export function rebuildDedupIndex(deps: DomainDeps, onProgress?: (done: number, total: number) => void): { customers: number; keys: number } {
  const client = deps.db.$client;
  const total = (client.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  // The scratch tables hold every key (~7 per customer): on disk, not in memory, at a million.
  const tempStore = client.pragma('temp_store', { simple: true }) as number;
  client.pragma('temp_store = FILE');
  try {
    return rebuildInto(deps, total, onProgress);
  } finally {
    client.pragma(`temp_store = ${tempStore}`);
  }
}

function rebuildInto(deps: DomainDeps, total: number, onProgress?: (done: number, total: number) => void): { customers: number; keys: number } {
  const client = deps.db.$client;
  client.exec(`
    DROP TABLE IF EXISTS temp.dedup_keys_rebuild; DROP TABLE IF EXISTS temp.dedup_profiles_rebuild;
    CREATE TEMP TABLE dedup_keys_rebuild (key TEXT NOT NULL, customer_id INTEGER NOT NULL, province INTEGER NOT NULL, industry INTEGER NOT NULL);
    CREATE TEMP TABLE dedup_profiles_rebuild (customer_id INTEGER PRIMARY KEY, profile TEXT NOT NULL, source TEXT NOT NULL);`);
  const putKey = client.prepare('INSERT INTO temp.dedup_keys_rebuild VALUES (?, ?, ?, ?)');
  const putProfile = client.prepare('INSERT INTO temp.dedup_profiles_rebuild VALUES (?, ?, ?)');
  const page = client.prepare<[number, number], SourceRow & { source: string }>(
    `SELECT c.id, c.name, c.uscc, c.mobile, c.landline, ${source('c')} AS source FROM customers c WHERE c.id > ? ORDER BY c.id LIMIT ?`,
  );
  let keys = 0;
  const add = (c: SourceRow, from: string) => {
    const me = customerIdentity(c);
    const scope = lookalikeScope(me.name);
    for (const key of storedKeys(me)) {
      putKey.run(key, c.id, scope.province, scope.industry);
      keys++;
    }
    putProfile.run(c.id, encodeProfile(me), from);
  };
  let afterId = 0;
  let done = 0;
  for (;;) {
    const rows = page.all(afterId, CHUNK);
    if (rows.length === 0) break;
    writeTx(deps.db, () => rows.forEach((c) => add(c, c.source)));
    afterId = rows[rows.length - 1]!.id;
    done += rows.length;
    onProgress?.(done, total);
  }
  writeTx(deps.db, () => {
    const stale = client.prepare<[], SourceRow & { source: string; seen: number | null }>(
      `SELECT c.id, c.name, c.uscc, c.mobile, c.landline, ${source('c')} AS source, r.customer_id AS seen
       FROM customers c LEFT JOIN temp.dedup_profiles_rebuild r ON r.customer_id = c.id
       WHERE r.customer_id IS NULL OR r.source IS NOT ${source('c')}`,
    ).all();
    for (const c of stale) {
      if (c.seen !== null) {
        keys -= client.prepare('DELETE FROM temp.dedup_keys_rebuild WHERE customer_id = ?').run(c.id).changes;
        client.prepare('DELETE FROM temp.dedup_profiles_rebuild WHERE customer_id = ?').run(c.id);
      } else {
        done++;
      }
      add(c, c.source);
    }
    client.exec(`
      DELETE FROM dedup_keys; DELETE FROM dedup_profiles;
      INSERT OR IGNORE INTO dedup_keys (key, customer_id, province, industry)
        SELECT key, customer_id, province, industry FROM temp.dedup_keys_rebuild ORDER BY key, customer_id;
      INSERT INTO dedup_profiles (customer_id, profile) SELECT customer_id, profile FROM temp.dedup_profiles_rebuild ORDER BY customer_id;`);
    client.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(VERSION_KEY, String(DEDUP_INDEX_VERSION));
  });
  client.exec('DROP TABLE temp.dedup_keys_rebuild; DROP TABLE temp.dedup_profiles_rebuild');
  return { customers: done, keys };
}

/**
 * At start: an index built by other dedup rules (or none, after the migration that introduced
 * profiles) is rebuilt before the bot answers anyone, so every check sees every customer.
 */
export function ensureDedupIndex(deps: DomainDeps, onRebuild?: (customers: number) => void): { rebuilt: boolean } {
  if (dedupIndexVersion(deps) === DEDUP_INDEX_VERSION) return { rebuilt: false };
  const total = (deps.db.$client.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  if (total > 0) onRebuild?.(total); // a new database only needs its version written
  rebuildDedupIndex(deps);
  return { rebuilt: true };
}
