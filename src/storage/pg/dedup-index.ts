import { sql } from 'drizzle-orm';
import type { CandidateQuery, DedupIndexQueries } from '../dedup-index-queries';
import type { PgTx } from './pg-tx';

/**
 * PostgreSQL: lists travel as arrays (unnest / ANY), so each step is one statement whatever its
 * length, as on SQLite. dedup_keys.key is COLLATE "C", so the n:<字号>|… range below is the byte
 * range SQLite reads.
 */
export function pgDedupIndexQueries(tx: PgTx): DedupIndexQueries {
  const db = tx.pg;
  return {
    async candidates(c: CandidateQuery): Promise<number[][]> {
      const keys = sql.param(c.keys.map(([k]) => k));
      const kinds = sql.param(c.keys.map(([, kind]) => kind));
      const scope = sql`(${c.province}::int = 0 OR k.province = 0 OR k.province = ${c.province}::int) AND (${c.industry}::bigint = 0 OR k.industry = 0 OR k.industry = ${c.industry}::bigint)`;
      const r = await db.execute<{ ids: number[] }>(sql`
        SELECT CASE j.kind
          WHEN 'precise' THEN ARRAY(SELECT k.customer_id FROM dedup_keys k WHERE k.key = j.key LIMIT ${c.precisePerKey}::int)
          WHEN 'core' THEN ARRAY(SELECT u.customer_id FROM (
              SELECT k.customer_id FROM dedup_keys k WHERE k.key = j.key
              UNION ALL
              SELECT k.customer_id FROM dedup_keys k WHERE k.key >= 'n:' || substr(j.key, 3) || '|' AND k.key < 'n:' || substr(j.key, 3) || '}'
            ) u LIMIT ${c.fuzzyPerKey}::int)
          ELSE ARRAY(SELECT k.customer_id FROM dedup_keys k WHERE k.key = j.key AND ${scope} LIMIT ${c.fuzzyPerKey}::int)
        END AS ids
        FROM unnest(${keys}::text[], ${kinds}::text[]) WITH ORDINALITY AS j(key, kind, pos)
        ORDER BY j.pos`);
      return r.rows.map((row) => row.ids.map(Number));
    },
    async profiles(customerIds: readonly number[]) {
      if (customerIds.length === 0) return [];
      const r = await db.execute<{ customerId: number; profile: string }>(
        sql`SELECT customer_id AS "customerId", profile FROM dedup_profiles WHERE customer_id = ANY(${sql.param([...customerIds])}::int[])`,
      );
      return r.rows;
    },
    async profile(customerId: number) {
      const r = await db.execute<{ profile: string }>(sql`SELECT profile FROM dedup_profiles WHERE customer_id = ${customerId}`);
      return r.rows[0]?.profile;
    },
    async putProfile(customerId: number, profile: string) {
      await db.execute(sql`INSERT INTO dedup_profiles (customer_id, profile) VALUES (${customerId}, ${profile})
        ON CONFLICT (customer_id) DO UPDATE SET profile = excluded.profile`);
    },
    async putKeys(customerId: number, keys: readonly string[], scope: { province: number; industry: number }) {
      if (keys.length === 0) return;
      await db.execute(sql`INSERT INTO dedup_keys (key, customer_id, province, industry)
        SELECT k, ${customerId}::int, ${scope.province}::int, ${scope.industry}::bigint FROM unnest(${sql.param([...keys])}::text[]) AS k
        ON CONFLICT (key, customer_id) DO UPDATE SET province = excluded.province, industry = excluded.industry`);
    },
    async dropKeys(customerId: number, keys: readonly string[]) {
      if (keys.length === 0) return;
      await db.execute(sql`DELETE FROM dedup_keys WHERE customer_id = ${customerId} AND key = ANY(${sql.param([...keys])}::text[])`);
    },
  };
}
