import type { Tx } from './unit-of-work';
import type { SqliteTx } from './sqlite/sqlite-tx';
import type { PgTx } from './pg/pg-tx';
import { pgDedupRebuildQueries } from './pg/dedup-rebuild';
import { sqliteDedupRebuildQueries } from './sqlite/dedup-rebuild';

/** A customer's identifiers, as the dedup index is computed from them. */
export interface IndexSource {
  id: number;
  name: string;
  uscc: string | null;
  mobile: string | null;
  landline: string | null;
  /** What the entry was computed from (opaque): a customer whose row no longer gives it is computed again. */
  source: string;
}

/** One customer's computed index entry. */
export interface ScratchEntry {
  customerId: number;
  keys: readonly string[];
  province: number;
  industry: number;
  profile: string;
  source: string;
}

/**
 * Rebuilding the dedup index from scratch. Entries are computed into scratch tables over several
 * units of work (cheap unindexed appends; checks meanwhile see the old index), then swapped in by
 * one. The scratch tables belong to the rebuild: one at a time per store.
 */
export interface DedupRebuildQueries {
  /** Creates empty scratch tables (dropping any an interrupted rebuild left). */
  openScratch(): Promise<void>;
  /** The next `limit` customers by id after `afterId`. */
  customersAfter(afterId: number, limit: number): Promise<IndexSource[]>;
  /** Appends the entries to the scratch tables; returns the number of keys written. */
  addToScratch(entries: readonly ScratchEntry[]): Promise<number>;
  /**
   * Customers with no scratch entry (`seen` false), or whose entry was computed from what their row
   * no longer says (`seen` true): added or changed since the scan read them.
   */
  changedSinceScan(): Promise<(IndexSource & { seen: boolean })[]>;
  /** Removes these customers' scratch entries; returns the number of keys removed. */
  dropFromScratch(customerIds: readonly number[]): Promise<number>;
  /** Replaces the dedup index with the scratch tables' content. */
  swapIn(): Promise<void>;
  /** Drops the scratch tables. */
  closeScratch(): Promise<void>;
}

export function dedupRebuildQueries(tx: Tx): DedupRebuildQueries {
  if (tx.engine === 'sqlite') return sqliteDedupRebuildQueries(tx as SqliteTx);
  return pgDedupRebuildQueries(tx as PgTx);
}
