import { sql } from 'drizzle-orm';
import type { DedupRebuildQueries, IndexSource, ScratchEntry } from '../dedup-rebuild-queries';
import type { PgTx } from './pg-tx';

// What an entry was computed from: a customer whose row no longer says this is computed again.
const source = (t: string) => sql.raw(`${t}.name || chr(31) || coalesce(${t}.uscc, '') || chr(31) || coalesce(${t}.mobile, '') || chr(31) || coalesce(${t}.landline, '')`);

/**
 * PostgreSQL: a rebuild spans several units of work, each maybe on another pooled connection, so
 * the scratch tables are ordinary tables (UNLOGGED: nothing to recover, no WAL), not temporary
 * ones. One rebuild at a time: the caller holds Store.exclusively('dedup-index').
 */
export function pgDedupRebuildQueries(tx: PgTx): DedupRebuildQueries {
  const db = tx.pg;
  return {
    async openScratch() {
      await db.execute(sql`DROP TABLE IF EXISTS dedup_keys_rebuild, dedup_profiles_rebuild`);
      await db.execute(sql`CREATE UNLOGGED TABLE dedup_keys_rebuild (key text COLLATE "C" NOT NULL, customer_id integer NOT NULL, province integer NOT NULL, industry bigint NOT NULL)`);
      await db.execute(sql`CREATE UNLOGGED TABLE dedup_profiles_rebuild (customer_id integer PRIMARY KEY, profile text NOT NULL, source text NOT NULL)`);
    },

    async customersAfter(afterId: number, limit: number) {
      const r = await db.execute<IndexSource & Record<string, unknown>>(
        sql`SELECT c.id, c.name, c.uscc, c.mobile, c.landline, ${source('c')} AS source FROM customers c WHERE c.id > ${afterId} ORDER BY c.id LIMIT ${limit}`,
      );
      return r.rows;
    },

    async addToScratch(entries: readonly ScratchEntry[]) {
      if (entries.length === 0) return 0;
      const keys = entries.flatMap((e) => e.keys.map(() => e));
      await db.execute(sql`INSERT INTO dedup_keys_rebuild (key, customer_id, province, industry)
        SELECT * FROM unnest(${sql.param(entries.flatMap((e) => e.keys))}::text[], ${sql.param(keys.map((e) => e.customerId))}::int[],
                             ${sql.param(keys.map((e) => e.province))}::int[], ${sql.param(keys.map((e) => e.industry))}::bigint[])`);
      await db.execute(sql`INSERT INTO dedup_profiles_rebuild (customer_id, profile, source)
        SELECT * FROM unnest(${sql.param(entries.map((e) => e.customerId))}::int[], ${sql.param(entries.map((e) => e.profile))}::text[], ${sql.param(entries.map((e) => e.source))}::text[])`);
      return keys.length;
    },

    async changedSinceScan() {
      const r = await db.execute<IndexSource & { seen: number | null } & Record<string, unknown>>(sql`
        SELECT c.id, c.name, c.uscc, c.mobile, c.landline, ${source('c')} AS source, r.customer_id AS seen
        FROM customers c LEFT JOIN dedup_profiles_rebuild r ON r.customer_id = c.id
        WHERE r.customer_id IS NULL OR r.source IS DISTINCT FROM ${source('c')}`);
      return r.rows.map((row) => ({ ...row, seen: row.seen !== null }));
    },

    async dropFromScratch(customerIds: readonly number[]) {
      if (customerIds.length === 0) return 0;
      const ids = sql.param([...customerIds]);
      const r = await db.execute(sql`DELETE FROM dedup_keys_rebuild WHERE customer_id = ANY(${ids}::int[])`);
      await db.execute(sql`DELETE FROM dedup_profiles_rebuild WHERE customer_id = ANY(${ids}::int[])`);
      return r.rowCount ?? 0;
    },

    async swapIn() {
      await db.execute(sql`DELETE FROM dedup_keys`);
      await db.execute(sql`DELETE FROM dedup_profiles`);
      await db.execute(sql`INSERT INTO dedup_keys (key, customer_id, province, industry)
        SELECT key, customer_id, province, industry FROM dedup_keys_rebuild ORDER BY key, customer_id ON CONFLICT DO NOTHING`);
      await db.execute(sql`INSERT INTO dedup_profiles (customer_id, profile) SELECT customer_id, profile FROM dedup_profiles_rebuild ORDER BY customer_id`);
    },

    async closeScratch() {
      await db.execute(sql`DROP TABLE IF EXISTS dedup_keys_rebuild, dedup_profiles_rebuild`);
    },
  };
}
