import type { Tx } from './unit-of-work';
import type { SqliteTx } from './sqlite/sqlite-tx';
import type { PgTx } from './pg/pg-tx';
import { pgDedupIndexQueries } from './pg/dedup-index';
import { sqliteDedupIndexQueries } from './sqlite/dedup-index';

/** How a key's candidates are gathered (see keyKind in src/domain/dedup/keys.ts). */
export type CandidateKeyKind = 'precise' | 'core' | 'lookalike';

export interface CandidateQuery {
  /** The keys looked up, in the order the answer follows. */
  keys: readonly (readonly [key: string, kind: CandidateKeyKind])[];
  /** The checked name's look-alike scope (0: unknown); look-alike keys only match customers within it. */
  province: number;
  industry: number;
  /** At most this many customers per precise key, and per core or look-alike key. */
  precisePerKey: number;
  fuzzyPerKey: number;
}

/**
 * The dedup index (tables dedup_keys and dedup_profiles): the duplicate check's hot path, one
 * statement per step whatever the number of keys. A customer's rows are written in the unit of
 * work that creates or changes it.
 */
export interface DedupIndexQueries {
  /**
   * For each key of `q.keys`, in order, the ids of the customers stored under it. A precise key's
   * customers in full (up to its cap); a core key c:<字号> also takes the customers under any
   * n:<字号>|… key (storedKeys leaves c:<字号> implied by them); a look-alike key only customers
   * whose scope is unknown or the same as the query's.
   */
  candidates(q: CandidateQuery): Promise<number[][]>;
  /** The stored profiles of these customers (those that have one, in no particular order). */
  profiles(customerIds: readonly number[]): Promise<{ customerId: number; profile: string }[]>;
  profile(customerId: number): Promise<string | undefined>;
  /** Writes (or replaces) a customer's profile. */
  putProfile(customerId: number, profile: string): Promise<void>;
  /** Stores the customer under these keys, with its look-alike scope (an existing row takes the new scope). */
  putKeys(customerId: number, keys: readonly string[], scope: { province: number; industry: number }): Promise<void>;
  dropKeys(customerId: number, keys: readonly string[]): Promise<void>;
}

export function dedupIndexQueries(tx: Tx): DedupIndexQueries {
  if (tx.engine === 'sqlite') return sqliteDedupIndexQueries(tx as SqliteTx);
  return pgDedupIndexQueries(tx as PgTx);
}
