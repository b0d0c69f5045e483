import type { NewNotice, NoticeQueries } from '../notice-queries';
import type { PgTx } from './pg-tx';

/** PostgreSQL: ON CONFLICT DO NOTHING … RETURNING says whether the row went in. */
export function pgNoticeQueries(tx: PgTx): NoticeQueries {
  return {
    async insert(n: NewNotice): Promise<boolean> {
      const t = tx.t.outbox;
      const rows = await tx.db.insert(t).values({ ...n, batchKey: n.batchKey ?? null }).onConflictDoNothing().returning({ id: t.id });
      return rows.length > 0;
    },
  };
}
