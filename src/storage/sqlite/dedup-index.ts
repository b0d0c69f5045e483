import type Database from 'better-sqlite3';
import type { CandidateQuery, DedupIndexQueries } from '../dedup-index-queries';
import type { SqliteTx } from './sqlite-tx';

// Candidates of every key in one statement (a statement costs ~15 µs at a million customers,
// mostly fixed overhead, and a check looks up ~10 keys): for each [key, kind] in @keys, the
// customer ids under it as "1,5,9", capped per key; look-alike keys filtered by scope.
// The caps are written into the statement: as bound parameters, they make it ~3 times slower.
const idsUnder = (filter: string, cap: number) =>
  `(SELECT group_concat(customer_id) FROM (SELECT customer_id FROM dedup_keys WHERE key = j.key${filter} LIMIT ${cap}))`;
// c:X: stored c:X rows (alternative readings), then every n:X|… row (see storedKeys).
const idsUnderCore = (cap: number) => `(SELECT group_concat(customer_id) FROM (SELECT customer_id FROM dedup_keys WHERE key = j.key UNION ALL
  SELECT customer_id FROM dedup_keys WHERE key >= 'n:' || substr(j.key, 3) || '|' AND key < 'n:' || substr(j.key, 3) || '}' LIMIT ${cap}))`;
const inScope = ' AND (@province = 0 OR province = 0 OR province = @province) AND (@industry = 0 OR industry = 0 OR industry = @industry)';
const candidatesSql = (precisePerKey: number, fuzzyPerKey: number) => `SELECT CASE j.kind WHEN 'precise' THEN ${idsUnder('', precisePerKey)}
  WHEN 'core' THEN ${idsUnderCore(fuzzyPerKey)} ELSE ${idsUnder(inScope, fuzzyPerKey)} END AS ids
  FROM (SELECT value ->> 0 AS key, value ->> 1 AS kind, key AS pos FROM json_each(@keys)) j ORDER BY j.pos`;

type CandidateStatement = Database.Statement<{ keys: string; province: number; industry: number }, { ids: string | null }>;

function prepareAll(c: Database.Database) {
  const candidates = new Map<string, CandidateStatement>();
  return {
    candidates(precisePerKey: number, fuzzyPerKey: number): CandidateStatement {
      const caps = `${precisePerKey}:${fuzzyPerKey}`;
      let st = candidates.get(caps);
      if (!st) {
        if (!Number.isInteger(precisePerKey) || !Number.isInteger(fuzzyPerKey)) throw new Error(`dedup candidates: caps must be integers, got ${caps}`);
        st = c.prepare(candidatesSql(precisePerKey, fuzzyPerKey));
        candidates.set(caps, st);
      }
      return st;
    },
    profiles: c.prepare<[string], { customerId: number; profile: string }>(
      'SELECT p.customer_id AS customerId, p.profile FROM json_each(?) j JOIN dedup_profiles p ON p.customer_id = j.value',
    ),
    profile: c.prepare<[number], { profile: string }>('SELECT profile FROM dedup_profiles WHERE customer_id = ?'),
    putProfile: c.prepare<[number, string]>(
      'INSERT INTO dedup_profiles (customer_id, profile) VALUES (?, ?) ON CONFLICT (customer_id) DO UPDATE SET profile = excluded.profile',
    ),
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not the SELECT.
    putKeys: c.prepare<[number, number, number, string]>(
      'INSERT INTO dedup_keys (key, customer_id, province, industry) SELECT value, ?, ?, ? FROM json_each(?) WHERE true ' +
        'ON CONFLICT (key, customer_id) DO UPDATE SET province = excluded.province, industry = excluded.industry',
    ),
    dropKeys: c.prepare<[number, string]>('DELETE FROM dedup_keys WHERE customer_id = ? AND key IN (SELECT value FROM json_each(?))'),
  };
}

const built = new WeakMap<SqliteTx, DedupIndexQueries>();

/**
 * SQLite: lists travel as JSON (json_each), so each step is one prepared statement whatever its
 * length; statements are prepared once per connection (one SqliteTx serves them all).
 */
export function sqliteDedupIndexQueries(tx: SqliteTx): DedupIndexQueries {
  let q = built.get(tx);
  if (q) return q;
  const s = prepareAll(tx.client);
  q = {
    async candidates(c: CandidateQuery): Promise<number[][]> {
      const rows = s.candidates(c.precisePerKey, c.fuzzyPerKey).all({ keys: JSON.stringify(c.keys), province: c.province, industry: c.industry });
      return rows.map((r) => (r.ids ? r.ids.split(',').map(Number) : []));
    },
    async profiles(customerIds: readonly number[]) {
      return s.profiles.all(JSON.stringify(customerIds));
    },
    async profile(customerId: number) {
      return s.profile.get(customerId)?.profile;
    },
    async putProfile(customerId: number, profile: string) {
      s.putProfile.run(customerId, profile);
    },
    async putKeys(customerId: number, keys: readonly string[], scope: { province: number; industry: number }) {
      s.putKeys.run(customerId, scope.province, scope.industry, JSON.stringify(keys));
    },
    async dropKeys(customerId: number, keys: readonly string[]) {
      s.dropKeys.run(customerId, JSON.stringify(keys));
    },
  };
  built.set(tx, q);
  return q;
}
