import type { InferSelectModel } from 'drizzle-orm';
import type { outbox } from '../../db/schema';
import type { Tx } from './unit-of-work';
import type { SqliteTx } from './sqlite/sqlite-tx';
import type { PgTx } from './pg/pg-tx';
import { pgOutboxQueries } from './pg/outbox';
import { sqliteOutboxQueries } from './sqlite/outbox';

type OutboxRow = InferSelectModel<typeof outbox>;

/** One delivery attempt: the notices it holds are 'sending' under `id` since `at`. */
export interface OutboxClaim {
  id: string;
  at: Date;
}

/** What the outcome of an attempt writes on a notice. */
export type OutboxSettlement = Partial<Pick<OutboxRow, 'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'sentAt' | 'platform' | 'claimId' | 'claimedAt'>>;

/**
 * The delivery lease of the outbox. Notices are claimed ('sending', claim_id, claimed_at) in one
 * short unit of work before the platform is called and settled in another after it answered; a
 * claim older than the lease was left by a process that died and goes back to due. Several
 * dispatchers (processes) may share one database: a notice is claimed by one attempt only.
 */
export interface OutboxQueries {
  /**
   * Claims these notices for one attempt at `claim.at`, all or none: only if every one is still
   * pending and due then. False when another dispatcher has (or had) one of them.
   */
  claim(ids: readonly number[], claim: OutboxClaim): Promise<boolean>;
  /**
   * Writes the outcome on a notice if `claimId` still holds it (undefined: a notice never
   * claimed, written only if still pending). False when it is no longer held that way.
   */
  settle(id: number, claimId: string | undefined, set: OutboxSettlement): Promise<boolean>;
  /** Whether a claim not starting with `ownPrefix` is older than the lease at `now`. */
  hasExpiredLeases(opts: LeaseQuery): Promise<boolean>;
  /**
   * Notices claimed longer than the lease ago by attempts not starting with `ownPrefix` go back to
   * pending (their last error says why unless they had one). Returns how many.
   */
  releaseExpiredLeases(opts: LeaseQuery): Promise<number>;
  /** When the earliest claim not starting with `ownPrefix` expires, if there is one. */
  nextLeaseExpiry(opts: Omit<LeaseQuery, 'now'>): Promise<Date | undefined>;
}

export interface LeaseQuery {
  /** This process's claims (never taken back: their outcome may still be on its way). */
  ownPrefix: string;
  now: Date;
  leaseSeconds: number;
}

export function outboxQueries(tx: Tx): OutboxQueries {
  if (tx.engine === 'sqlite') return sqliteOutboxQueries(tx as SqliteTx);
  return pgOutboxQueries(tx as PgTx);
}
