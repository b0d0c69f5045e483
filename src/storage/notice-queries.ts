import type { InferInsertModel } from 'drizzle-orm';
import type { outbox } from '../../db/schema';
import type { Tx } from './unit-of-work';
import type { SqliteTx } from './sqlite/sqlite-tx';
import type { PgTx } from './pg/pg-tx';
import { pgNoticeQueries } from './pg/notices';
import { sqliteNoticeQueries } from './sqlite/notices';

/** A notice as enqueueNotice writes it (src/domain/outbox/notices.ts). */
export type NewNotice = Pick<
  InferInsertModel<typeof outbox>,
  'dedupKey' | 'kind' | 'recipientType' | 'recipientId' | 'channel' | 'payload' | 'batchKey' | 'createdAt' | 'nextAttemptAt'
>;

/**
 * Writing a notice: on every path that changes something (registration, approvals, sweeps), so it
 * is one prepared statement that also says whether the row went in.
 */
export interface NoticeQueries {
  /** Inserts the notice unless one with its dedup key exists; true when it went in. */
  insert(n: NewNotice): Promise<boolean>;
}

export function noticeQueries(tx: Tx): NoticeQueries {
  if (tx.engine === 'sqlite') return sqliteNoticeQueries(tx as SqliteTx);
  return pgNoticeQueries(tx as PgTx);
}
