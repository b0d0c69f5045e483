import { only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import { recordAudit } from '../audit/audit';
import type { DuplicateFinder } from './duplicate-finder';
import type { Records } from './records';
import { customerFields, type CustomerDetails } from './customer-fields';

/** A customer from an old system, with who holds it and since when (迁移历史数据). */
export interface HistoricCustomer extends CustomerDetails {
  status: 'protected' | 'won' | 'pool';
  ownerId?: string;
  registeredAt: Date;
  protectedUntil?: Date;
  wonAt?: Date;
}

/**
 * Writes one migrated customer and its registration (via 'import'), indexed for the dedup check
 * like any other. Call inside a write unit of work, after the caller made sure it is not a duplicate.
 */
export async function importHistoricCustomer(deps: DomainDeps, finder: DuplicateFinder, records: Records, h: HistoricCustomer, actorId: string): Promise<number> {
  const { db, t } = deps.tx;
  const now = deps.clock.now();
  const c = only(
    await db
      .insert(t.customers)
      .values({ ...customerFields(h), createdAt: h.registeredAt, createdBy: actorId })
      .returning({ id: t.customers.id }),
  );
  await finder.index(c.id, { name: h.company, uscc: h.uscc ?? null, mobile: h.mobile, landline: h.landline ?? null }, { fresh: true });
  if (h.ownerId) {
    const base = { customerId: c.id, ownerId: h.ownerId, via: 'import' as const, keyAccount: h.keyAccount, createdAt: h.registeredAt, approvedAt: h.registeredAt, protectedFrom: h.registeredAt };
    if (h.status === 'protected') await db.insert(t.registrations).values({ ...base, status: 'protected', protectedUntil: h.protectedUntil ?? null });
    else if (h.status === 'won') await db.insert(t.registrations).values({ ...base, status: 'won', protectedUntil: h.protectedUntil ?? null, wonAt: h.wonAt ?? h.registeredAt });
    // A pool customer's last owner is history only: released, so the pool rules (cooldown) see it.
    else await db.insert(t.registrations).values({ ...base, status: 'released', endedAt: now, endReason: 'import' });
  }
  await records.syncCustomer(c.id, h.status === 'pool');
  await recordAudit(deps, {
    actorId,
    action: 'customer.import',
    subjectType: 'customer',
    subjectId: c.id,
    after: { status: h.status, owner: h.ownerId ?? null, registeredAt: deps.time.date(h.registeredAt) },
  });
  return c.id;
}
