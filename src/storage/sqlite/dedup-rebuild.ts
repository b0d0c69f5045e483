import type Database from 'better-sqlite3';
import type { DedupRebuildQueries, IndexSource, ScratchEntry } from '../dedup-rebuild-queries';
import type { SqliteTx } from './sqlite-tx';

// What an entry was computed from: a customer whose row no longer says this is computed again.
const source = (t: string) => `${t}.name || char(31) || ifnull(${t}.uscc, '') || char(31) || ifnull(${t}.mobile, '') || char(31) || ifnull(${t}.landline, '')`;

const TEMP_STORE_FILE = 1;

/**
 * The scratch tables hold every key (~7 per customer): on disk, not in memory, at a million, so
 * the connection's temp_store is FILE while they exist. SQLite refuses to change temp_store inside
 * a transaction once temporary tables were used, and every unit of work is a transaction: the
 * switch to FILE happens before the first temporary table, and the way back (MEMORY, which keeps
 * each command's savepoint journal off the disk) as soon as the connection is between units of
 * work after the scratch tables are gone.
 */
interface TempStore {
  /** The setting to go back to, while FILE is borrowed. */
  restoreTo?: number;
  scratchOpen: boolean;
  timer?: NodeJS.Timeout;
}

const tempStores = new WeakMap<Database.Database, TempStore>();

function tempStoreOf(client: Database.Database): TempStore {
  let s = tempStores.get(client);
  if (!s) {
    s = { scratchOpen: false };
    tempStores.set(client, s);
  }
  return s;
}

function borrowFileTempStore(client: Database.Database): void {
  const s = tempStoreOf(client);
  if (s.timer) clearTimeout(s.timer);
  s.timer = undefined;
  s.scratchOpen = true;
  if (s.restoreTo !== undefined) return;
  const current = client.pragma('temp_store', { simple: true }) as number;
  if (current === TEMP_STORE_FILE) return;
  client.pragma(`temp_store = ${TEMP_STORE_FILE}`);
  s.restoreTo = current;
}

function restoreTempStoreWhenIdle(client: Database.Database): void {
  const s = tempStoreOf(client);
  s.scratchOpen = false;
  const attempt = (): void => {
    s.timer = undefined;
    if (s.scratchOpen || s.restoreTo === undefined || !client.open) return;
    if (client.inTransaction) {
      s.timer = setTimeout(attempt, 10).unref();
      return;
    }
    client.pragma(`temp_store = ${s.restoreTo}`);
    s.restoreTo = undefined;
  };
  s.timer = setTimeout(attempt, 0).unref();
}

export function sqliteDedupRebuildQueries(tx: SqliteTx): DedupRebuildQueries {
  const client = tx.client;
  return {
    async openScratch() {
      borrowFileTempStore(client);
      client.exec(`
        DROP TABLE IF EXISTS temp.dedup_keys_rebuild; DROP TABLE IF EXISTS temp.dedup_profiles_rebuild;
        CREATE TEMP TABLE dedup_keys_rebuild (key TEXT NOT NULL, customer_id INTEGER NOT NULL, province INTEGER NOT NULL, industry INTEGER NOT NULL);
        CREATE TEMP TABLE dedup_profiles_rebuild (customer_id INTEGER PRIMARY KEY, profile TEXT NOT NULL, source TEXT NOT NULL);`);
    },

    async customersAfter(afterId: number, limit: number) {
      return client
        .prepare<[number, number], IndexSource>(`SELECT c.id, c.name, c.uscc, c.mobile, c.landline, ${source('c')} AS source FROM customers c WHERE c.id > ? ORDER BY c.id LIMIT ?`)
        .all(afterId, limit);
    },

    async addToScratch(entries: readonly ScratchEntry[]) {
      const putKey = client.prepare<[string, number, number, number]>('INSERT INTO temp.dedup_keys_rebuild VALUES (?, ?, ?, ?)');
      const putProfile = client.prepare<[number, string, string]>('INSERT INTO temp.dedup_profiles_rebuild VALUES (?, ?, ?)');
      let keys = 0;
      for (const e of entries) {
        for (const key of e.keys) putKey.run(key, e.customerId, e.province, e.industry);
        keys += e.keys.length;
        putProfile.run(e.customerId, e.profile, e.source);
      }
      return keys;
    },

    async changedSinceScan() {
      const rows = client
        .prepare<[], IndexSource & { seen: number | null }>(
          `SELECT c.id, c.name, c.uscc, c.mobile, c.landline, ${source('c')} AS source, r.customer_id AS seen
           FROM customers c LEFT JOIN temp.dedup_profiles_rebuild r ON r.customer_id = c.id
           WHERE r.customer_id IS NULL OR r.source IS NOT ${source('c')}`,
        )
        .all();
      return rows.map((r) => ({ ...r, seen: r.seen !== null }));
    },

    async dropFromScratch(customerIds: readonly number[]) {
      if (customerIds.length === 0) return 0;
      const ids = JSON.stringify(customerIds);
      // One scan of the unindexed key table, however many customers.
      const removed = client.prepare('DELETE FROM temp.dedup_keys_rebuild WHERE customer_id IN (SELECT value FROM json_each(?))').run(ids).changes;
      client.prepare('DELETE FROM temp.dedup_profiles_rebuild WHERE customer_id IN (SELECT value FROM json_each(?))').run(ids);
      return removed;
    },

    // Sorted inserts fill the key B-tree in order instead of at random pages.
    async swapIn() {
      client.exec(`
        DELETE FROM dedup_keys; DELETE FROM dedup_profiles;
        INSERT OR IGNORE INTO dedup_keys (key, customer_id, province, industry)
          SELECT key, customer_id, province, industry FROM temp.dedup_keys_rebuild ORDER BY key, customer_id;
        INSERT INTO dedup_profiles (customer_id, profile) SELECT customer_id, profile FROM temp.dedup_profiles_rebuild ORDER BY customer_id;`);
    },

    async closeScratch() {
      client.exec('DROP TABLE IF EXISTS temp.dedup_keys_rebuild; DROP TABLE IF EXISTS temp.dedup_profiles_rebuild');
      restoreTempStoreWhenIdle(client);
    },
  };
}
