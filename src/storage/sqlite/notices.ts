import { sql } from 'drizzle-orm';
import { outbox } from '../../../db/schema';
import type { NewNotice, NoticeQueries } from '../notice-queries';
import type { SqliteTx } from './sqlite-tx';

const built = new WeakMap<SqliteTx, NoticeQueries>();

/**
 * SQLite: the statement's change count says whether the insert happened (INSERT … ON CONFLICT DO
 * NOTHING), which costs half of what RETURNING does (SQLite materialises RETURNING rows in a
 * scratch table). Prepared once per connection (one SqliteTx serves every unit of work).
 */
export function sqliteNoticeQueries(tx: SqliteTx): NoticeQueries {
  let q = built.get(tx);
  if (q) return q;
  const p = (name: string) => sql.placeholder(name);
  const insert = tx.drizzleDb
    .insert(outbox)
    .values({ dedupKey: p('dedupKey'), kind: p('kind'), recipientType: p('recipientType'), recipientId: p('recipientId'), channel: p('channel'), payload: p('payload'), batchKey: p('batchKey'), createdAt: p('createdAt'), nextAttemptAt: p('nextAttemptAt') })
    .onConflictDoNothing()
    .prepare();
  q = {
    async insert(n: NewNotice): Promise<boolean> {
      return insert.run({ ...n, batchKey: n.batchKey ?? null }).changes > 0;
    },
  };
  built.set(tx, q);
  return q;
}
