import { asc, gt, sql } from 'drizzle-orm';
import { customers, dedupKeys } from '../../../db/schema';
import { writeTx } from '../../../db/open';
import { prepared } from '../../../db/prepared';
import type { DomainDeps } from '../deps';
import { identityOf, retrievalKeys } from '../dedup';

const CHUNK = 5000;

/**
 * Recomputes every customer's dedup keys from scratch: after the dedup rules change, or to
 * repair the index. Readers see the old index until a chunk commits; run it in quiet hours.
 */
export function rebuildDedupIndex(deps: DomainDeps, onProgress?: (done: number, total: number) => void): { customers: number; keys: number } {
  const db = deps.db;
  const total = db.select({ n: sql<number>`count(*)` }).from(customers).get()?.n ?? 0;
  writeTx(db, () => db.delete(dedupKeys).run());
  const insert = prepared(db, 'dedupKeys.insert', () =>
    db.insert(dedupKeys).values({ key: sql.placeholder('key'), customerId: sql.placeholder('customerId') }).onConflictDoNothing().prepare(),
  );
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
        const { identity } = identityOf({ name: c.name, ...(c.uscc ? { uscc: c.uscc } : {}), ...(c.mobile ? { mobile: c.mobile } : {}) });
        for (const key of retrievalKeys(identity.name, identity)) {
          insert.run({ key, customerId: c.id });
          keys++;
        }
      }
    });
    afterId = rows[rows.length - 1]!.id;
    done += rows.length;
    onProgress?.(done, total);
  }
  return { customers: done, keys };
}
