import { and, eq, lte, min, notLike, sql } from 'drizzle-orm';
import type { LeaseQuery, OutboxClaim, OutboxQueries, OutboxSettlement } from '../outbox-queries';
import type { PgTx } from './pg-tx';

class ClaimLost extends Error {}

const EXPIRED_NOTE = '认领已过期，重新发送';

/**
 * PostgreSQL: several instances dispatch from one table. A claim locks the rows it takes with
 * SELECT … FOR UPDATE SKIP LOCKED, so two dispatchers claiming at once never wait on each other
 * nor take the same notice: the one that finds a row locked or no longer pending gets fewer rows
 * than it asked for, undoes its claim and leaves those notices to the other.
 */
export function pgOutboxQueries(tx: PgTx): OutboxQueries {
  const db = tx.pg;
  const outbox = tx.t.outbox;
  const heldBy = (id: number, claimId: string | undefined) =>
    claimId === undefined ? and(eq(outbox.id, id), eq(outbox.status, 'pending')) : and(eq(outbox.id, id), eq(outbox.status, 'sending'), eq(outbox.claimId, claimId));
  const expired = (q: LeaseQuery) =>
    and(eq(outbox.status, 'sending'), lte(outbox.claimedAt, new Date(q.now.getTime() - q.leaseSeconds * 1000)), notLike(outbox.claimId, `${q.ownPrefix}%`));
  return {
    async claim(ids: readonly number[], claim: OutboxClaim): Promise<boolean> {
      const wanted = [...new Set(ids)];
      try {
        await tx.savepoint(async () => {
          const r = await db.execute<{ id: number }>(sql`
            UPDATE outbox SET status = 'sending', claim_id = ${claim.id}, claimed_at = ${claim.at.toISOString()}::timestamptz
            WHERE id IN (
              SELECT id FROM outbox
              WHERE id = ANY(${sql.param(wanted)}::int[]) AND status = 'pending' AND next_attempt_at <= ${claim.at.toISOString()}::timestamptz
              FOR UPDATE SKIP LOCKED)
            RETURNING id`);
          if (r.rows.length !== wanted.length) throw new ClaimLost();
        });
        return true;
      } catch (e) {
        if (e instanceof ClaimLost) return false;
        throw e;
      }
    },

    async settle(id: number, claimId: string | undefined, set: OutboxSettlement): Promise<boolean> {
      const rows = await tx.db.update(outbox).set(set).where(heldBy(id, claimId)).returning({ id: outbox.id });
      return rows.length > 0;
    },

    async hasExpiredLeases(q: LeaseQuery): Promise<boolean> {
      return (await tx.db.select({ id: outbox.id }).from(outbox).where(expired(q)).limit(1)).length > 0;
    },

    async releaseExpiredLeases(q: LeaseQuery): Promise<number> {
      const rows = await tx.db
        .update(outbox)
        .set({ status: 'pending', claimId: null, claimedAt: null, lastError: sql`coalesce(${outbox.lastError}, ${EXPIRED_NOTE})` })
        .where(expired(q))
        .returning({ id: outbox.id });
      return rows.length;
    },

    async nextLeaseExpiry(q: Omit<LeaseQuery, 'now'>): Promise<Date | undefined> {
      const [row] = await tx.db
        .select({ at: min(outbox.claimedAt) })
        .from(outbox)
        .where(and(eq(outbox.status, 'sending'), notLike(outbox.claimId, `${q.ownPrefix}%`)));
      return row?.at ? new Date(new Date(row.at).getTime() + q.leaseSeconds * 1000) : undefined;
    },
  };
}
