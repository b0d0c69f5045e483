import type { Domain } from '../domain/domain';
import { outboxQueries, type OutboxClaim, type OutboxSettlement } from '../storage/outbox-queries';
import type { OutboxRow } from './compose';

/** The claim of one delivery attempt: rows are 'sending' under `id` from `at`. */
export type Claim = OutboxClaim;

/**
 * Marks the rows 'sending' under the claim, in the unit of work of `d` (a short one, before the
 * platform is called): the send happens only if every row was still pending (another dispatcher
 * on the same database may have taken one). Returns false when it lost the race.
 */
export async function claimRows(d: Domain, rows: OutboxRow[], claim: Claim): Promise<boolean> {
  return outboxQueries(d.deps.tx).claim(
    rows.map((r) => r.id),
    claim,
  );
}

/** Writes the outcome on the row if this claim (undefined: none, the row still pending) still holds it. */
export async function settleRow(d: Domain, id: number, claimId: string | undefined, set: OutboxSettlement): Promise<boolean> {
  return outboxQueries(d.deps.tx).settle(id, claimId, set);
}

function lease(d: Domain, ownPrefix: string) {
  return { ownPrefix, now: d.deps.clock.now(), leaseSeconds: d.deps.rules.delivery.claimLeaseSeconds };
}

/** Whether some process that died between its claim and its mark left rows 'sending' past the lease. */
export async function anyExpiredClaims(d: Domain, ownPrefix: string): Promise<boolean> {
  return outboxQueries(d.deps.tx).hasExpiredLeases(lease(d, ownPrefix));
}

/**
 * Rows left 'sending' past the lease by a process that died between its claim and its mark go
 * back to due (the send may have happened: at-least-once across a crash). This process's own
 * claims are never taken back: a mark it could not write yet is still on its way.
 */
export async function reclaimExpired(d: Domain, ownPrefix: string): Promise<number> {
  return outboxQueries(d.deps.tx).releaseExpiredLeases(lease(d, ownPrefix));
}

/** When the earliest claim of another process expires (for the virtual clock), if any. */
export async function nextLeaseExpiry(d: Domain, ownPrefix: string): Promise<Date | undefined> {
  return outboxQueries(d.deps.tx).nextLeaseExpiry({ ownPrefix, leaseSeconds: d.deps.rules.delivery.claimLeaseSeconds });
}
