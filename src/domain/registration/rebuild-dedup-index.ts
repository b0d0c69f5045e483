import { count, eq } from 'drizzle-orm';
import { dedupRebuildQueries, type IndexSource, type ScratchEntry } from '../../storage/dedup-rebuild-queries';
import { first, type Tx } from '../../storage/unit-of-work';
import type { DomainEnv } from '../deps';
import { DEDUP_INDEX_VERSION, encodeProfile, lookalikeScope } from '../dedup';
import { customerIdentity, storedKeys } from './duplicate-finder';

const CHUNK = 5000;
const VERSION_KEY = 'dedup_index_version';

/** The version of the dedup rules that built this database's index, if any. */
export async function dedupIndexVersion(deps: { tx: Tx }): Promise<number | undefined> {
  const { db, t } = deps.tx;
  const row = first(await db.select({ value: t.appMeta.value }).from(t.appMeta).where(eq(t.appMeta.key, VERSION_KEY)).limit(1));
  return row ? Number(row.value) : undefined;
}

async function recordVersion(tx: Tx): Promise<void> {
  const value = String(DEDUP_INDEX_VERSION);
  await tx.db.insert(tx.t.appMeta).values({ key: VERSION_KEY, value }).onConflictDoUpdate({ target: tx.t.appMeta.key, set: { value } });
}

async function customerCount(tx: Tx): Promise<number> {
  return first(await tx.db.select({ n: count() }).from(tx.t.customers))?.n ?? 0;
}

function entryOf(c: IndexSource): ScratchEntry {
  const me = customerIdentity(c);
  const scope = lookalikeScope(me.name);
  return { customerId: c.id, keys: storedKeys(me), province: scope.province, industry: scope.industry, profile: encodeProfile(me), source: c.source };
}

/**
 * Recomputes every customer's dedup profile and keys from scratch: after the dedup rules change,
 * or to repair the index. They are computed into unindexed scratch tables (cheap appends), one
 * unit of work per chunk, then swapped in by one more, with sorted inserts. Checks see the old
 * index until the swap commits. Customers added or changed meanwhile (by another process, or
 * between two chunks) are indexed again inside the swap, so none is left out. Opens its own units
 * of work: never call it inside one.
 */
export async function rebuildDedupIndex(env: DomainEnv, onProgress?: (done: number, total: number) => void): Promise<{ customers: number; keys: number }> {
  const store = env.store;
  const total = await store.read(customerCount);
  await store.write((tx) => dedupRebuildQueries(tx).openScratch());
  try {
    let keys = 0;
    let done = 0;
    let afterId = 0;
    for (;;) {
      const rows = await store.write(async (tx) => {
        const q = dedupRebuildQueries(tx);
        const page = await q.customersAfter(afterId, CHUNK);
        keys += await q.addToScratch(page.map(entryOf));
        return page;
      });
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]!.id;
      done += rows.length;
      onProgress?.(done, total);
    }
    await store.write(async (tx) => {
      const q = dedupRebuildQueries(tx);
      const changed = await q.changedSinceScan();
      keys -= await q.dropFromScratch(changed.filter((c) => c.seen).map((c) => c.id));
      done += changed.filter((c) => !c.seen).length;
      keys += await q.addToScratch(changed.map(entryOf));
      await q.swapIn();
      await recordVersion(tx);
    });
    await store.write((tx) => dedupRebuildQueries(tx).closeScratch());
    return { customers: done, keys };
  } catch (e) {
    // The error that stopped the rebuild is the one to report; scratch tables left behind are
    // dropped by the next rebuild.
    await store.write((tx) => dedupRebuildQueries(tx).closeScratch()).catch(() => undefined);
    throw e;
  }
}

/**
 * At start, before any other unit of work: an index built by other dedup rules (or none, after
 * the migration that introduced profiles) is rebuilt before the bot answers anyone, so every
 * check sees every customer.
 */
export async function ensureDedupIndex(env: DomainEnv, onRebuild?: (customers: number) => void): Promise<{ rebuilt: boolean }> {
  const current = () => env.store.read(async (tx) => ({ version: await dedupIndexVersion({ tx }), total: await customerCount(tx) }));
  if ((await current()).version === DEDUP_INDEX_VERSION) return { rebuilt: false };
  // Instances starting together: one rebuilds, the others wait and then find it done.
  return env.store.exclusively('dedup-index', async () => {
    const { version, total } = await current();
    if (version === DEDUP_INDEX_VERSION) return { rebuilt: false };
    if (total > 0) onRebuild?.(total); // a new database only needs its version written
    await rebuildDedupIndex(env);
    return { rebuilt: true };
  });
}
