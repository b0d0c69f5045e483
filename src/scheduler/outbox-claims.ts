import { and, eq, lte, min, notLike, sql } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import { writeTx } from '../../db/open';
import type { DomainDeps } from '../domain/deps';
import type { OutboxRow } from './compose';

/** The claim of one delivery attempt: rows are 'sending' under `id` from `at`. */
export interface Claim {
  id: string;
  at: Date;
}

class ClaimLost extends Error {}

/**
 * Marks the rows 'sending' under the claim in one short write, before the platform is called:
 * the send happens only if every row was still pending (another dispatcher on the same file may
 * have taken one). Returns false when it lost the race; throws a busy error when the database is.
 */
export function claimRows(deps: DomainDeps, rows: OutboxRow[], claim: Claim): boolean {
  try {
    writeTx(deps.db, () => {
      for (const r of rows) {
        const res = deps.db
          .update(outbox)
          .set({ status: 'sending', claimId: claim.id, claimedAt: claim.at })
          .where(and(eq(outbox.id, r.id), eq(outbox.status, 'pending')))
          .run();
        if (res.changes === 0) throw new ClaimLost();
      }
    });
    return true;
  } catch (e) {
    if (e instanceof ClaimLost) return false;
    throw e;
  }
}

/** The row, if this claim still holds it (a write that settles an attempt touches nothing else). */
export function heldBy(id: number, claimId: string | undefined) {
  return claimId === undefined ? and(eq(outbox.id, id), eq(outbox.status, 'pending')) : and(eq(outbox.id, id), eq(outbox.status, 'sending'), eq(outbox.claimId, claimId));
}

/**
 * Rows left 'sending' past the lease by a process that died between its claim and its mark go
 * back to due (the send may have happened: at-least-once across a crash). This process's own
 * claims are never taken back: a mark it could not write yet is still on its way.
 */
export function reclaimExpired(deps: DomainDeps, ownPrefix: string): number {
  const expiredBefore = new Date(deps.clock.now().getTime() - deps.rules.delivery.claimLeaseSeconds * 1000);
  const expired = and(eq(outbox.status, 'sending'), lte(outbox.claimedAt, expiredBefore), notLike(outbox.claimId, `${ownPrefix}%`));
  // Read first: most passes find none, and need not wait for the write lock to learn it.
  if (!deps.db.select({ id: outbox.id }).from(outbox).where(expired).limit(1).get()) return 0;
  return writeTx(deps.db, () =>
    deps.db
      .update(outbox)
      .set({ status: 'pending', claimId: null, claimedAt: null, lastError: sql`coalesce(${outbox.lastError}, '认领已过期，重新发送')` })
      .where(expired)
      .run().changes,
  );
}

/** When the earliest claim of another process expires (for the virtual clock), if any. */
export function nextLeaseExpiry(deps: DomainDeps, ownPrefix: string): Date | undefined {
  const row = deps.db
    .select({ at: min(outbox.claimedAt) })
    .from(outbox)
    .where(and(eq(outbox.status, 'sending'), notLike(outbox.claimId, `${ownPrefix}%`)))
    .get();
  return row?.at ? new Date(row.at.getTime() + deps.rules.delivery.claimLeaseSeconds * 1000) : undefined;
}

