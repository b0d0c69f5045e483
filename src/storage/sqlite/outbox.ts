import { and, eq, inArray, lte, min, notLike, sql } from 'drizzle-orm';
import { outbox } from '../../../db/schema';
import type { LeaseQuery, OutboxClaim, OutboxQueries, OutboxSettlement } from '../outbox-queries';
import type { SqliteTx } from './sqlite-tx';

class ClaimLost extends Error {}

const EXPIRED_NOTE = '认领已过期，重新发送';

/** The row, if this claim still holds it (undefined: if it is still pending). */
function heldBy(id: number, claimId: string | undefined) {
  return claimId === undefined ? and(eq(outbox.id, id), eq(outbox.status, 'pending')) : and(eq(outbox.id, id), eq(outbox.status, 'sending'), eq(outbox.claimId, claimId));
}

function expired(q: LeaseQuery) {
  const before = new Date(q.now.getTime() - q.leaseSeconds * 1000);
  return and(eq(outbox.status, 'sending'), lte(outbox.claimedAt, before), notLike(outbox.claimId, `${q.ownPrefix}%`));
}

/**
 * SQLite: one connection, so the unit of work that claims holds the write lock (BEGIN IMMEDIATE)
 * and no other dispatcher can interleave; a row that is no longer pending simply changes nothing.
 */
export function sqliteOutboxQueries(tx: SqliteTx): OutboxQueries {
  const db = tx.drizzleDb;
  return {
    async claim(ids: readonly number[], claim: OutboxClaim): Promise<boolean> {
      try {
        await tx.savepoint(async () => {
          const res = db
            .update(outbox)
            .set({ status: 'sending', claimId: claim.id, claimedAt: claim.at })
            .where(and(inArray(outbox.id, [...ids]), eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, claim.at)))
            .run();
          if (res.changes !== new Set(ids).size) throw new ClaimLost();
        });
        return true;
      } catch (e) {
        if (e instanceof ClaimLost) return false;
        throw e;
      }
    },

    async settle(id: number, claimId: string | undefined, set: OutboxSettlement): Promise<boolean> {
      return db.update(outbox).set(set).where(heldBy(id, claimId)).run().changes > 0;
    },

    async hasExpiredLeases(q: LeaseQuery): Promise<boolean> {
      return db.select({ id: outbox.id }).from(outbox).where(expired(q)).limit(1).get() !== undefined;
    },

    async releaseExpiredLeases(q: LeaseQuery): Promise<number> {
      return db
        .update(outbox)
        .set({ status: 'pending', claimId: null, claimedAt: null, lastError: sql`coalesce(${outbox.lastError}, ${EXPIRED_NOTE})` })
        .where(expired(q))
        .run().changes;
    },

    async nextLeaseExpiry(q: Omit<LeaseQuery, 'now'>): Promise<Date | undefined> {
      const row = db
        .select({ at: min(outbox.claimedAt) })
        .from(outbox)
        .where(and(eq(outbox.status, 'sending'), notLike(outbox.claimId, `${q.ownPrefix}%`)))
        .get();
      return row?.at ? new Date(row.at.getTime() + q.leaseSeconds * 1000) : undefined;
    },
  };
}
