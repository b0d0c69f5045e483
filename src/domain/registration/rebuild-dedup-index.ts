import { asc, gt, sql } from 'drizzle-orm';
import { customers, dedupKeys } from '../../../db/schema';
import { writeTx } from '../../../db/open';
import type { DomainDeps } from '../deps';
import { parseCompanyName, retrievalKeys } from '../dedup';

const CHUNK = 5000;

/**
 * Recomputes every customer's dedup keys from scratch: after the dedup rules change, or to repair
 * the index. Keys are computed into an unindexed scratch table (cheap appends), then swapped in
 * with one sorted insert, which fills the key index in order instead of at random pages. Checks
 * see the old index until the swap commits; the swap holds the write lock for its duration.
 */
export function rebuildDedupIndex(deps: DomainDeps, onProgress?: (done: number, total: number) => void): { customers: number; keys: number } {
  const db = deps.db;
  const total = db.select({ n: sql<number>`count(*)` }).from(customers).get()?.n ?? 0;
  const client = db.$client;
  client.exec('DROP TABLE IF EXISTS temp.dedup_keys_rebuild; CREATE TEMP TABLE dedup_keys_rebuild (key TEXT NOT NULL, customer_id INTEGER NOT NULL)');
  const insert = client.prepare('INSERT INTO temp.dedup_keys_rebuild (key, customer_id) VALUES (?, ?)');
  let afterId = 0;
  let done = 0;
  let keys = 0;
  for (;;) {
    const rows = db
      .select({ id: customers.id, name: customers.name, uscc: customers.uscc, mobile: customers.mobile })
      .from(customers)
      .where(gt(customers.id, afterId))
      .orderBy(asc(customers.id))
      .limit(CHUNK)
      .all();
    if (rows.length === 0) break;
    writeTx(db, () => {
      for (const c of rows) {
        // Stored identifiers are already normalised; only the name needs parsing.
        const ids = { ...(c.uscc ? { uscc: c.uscc } : {}), ...(c.mobile ? { mobile: c.mobile } : {}) };
        for (const key of retrievalKeys(parseCompanyName(c.name), ids)) {
          insert.run(key, c.id);
          keys++;
        }
      }
    });
    afterId = rows[rows.length - 1]!.id;
    done += rows.length;
    onProgress?.(done, total);
  }
  writeTx(db, () => {
    db.delete(dedupKeys).run();
    client.exec('INSERT OR IGNORE INTO dedup_keys (key, customer_id) SELECT key, customer_id FROM temp.dedup_keys_rebuild ORDER BY key, customer_id');
  });
  client.exec('DROP TABLE temp.dedup_keys_rebuild');
  return { customers: done, keys };
}
