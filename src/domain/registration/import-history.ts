import { customers, registrations } from '../../../db/schema';
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
 * like any other. Call inside a write transaction, after the caller made sure it is not a duplicate.
 */
export function importHistoricCustomer(deps: DomainDeps, finder: DuplicateFinder, records: Records, h: HistoricCustomer, actorId: string): number {
  const db = deps.db;
  const now = deps.clock.now();
  const c = db
    .insert(customers)
    .values({ ...customerFields(h), createdAt: h.registeredAt, createdBy: actorId })
    .returning({ id: customers.id })
    .get();
  finder.index(c.id, { name: h.company, uscc: h.uscc ?? null, mobile: h.mobile, landline: h.landline ?? null }, { fresh: true });
  if (h.ownerId) {
    const base = { customerId: c.id, ownerId: h.ownerId, via: 'import' as const, keyAccount: h.keyAccount, createdAt: h.registeredAt, approvedAt: h.registeredAt, protectedFrom: h.registeredAt };
    if (h.status === 'protected') db.insert(registrations).values({ ...base, status: 'protected', protectedUntil: h.protectedUntil ?? null }).run();
    else if (h.status === 'won') db.insert(registrations).values({ ...base, status: 'won', protectedUntil: h.protectedUntil ?? null, wonAt: h.wonAt ?? h.registeredAt }).run();
    // A pool customer's last owner is history only: released, so the pool rules (cooldown) see it.
    else db.insert(registrations).values({ ...base, status: 'released', endedAt: now, endReason: 'import' }).run();
  }
  records.syncCustomer(c.id, h.status === 'pool');
  recordAudit(deps, {
    actorId,
    action: 'customer.import',
    subjectType: 'customer',
    subjectId: c.id,
    after: { status: h.status, owner: h.ownerId ?? null, registeredAt: deps.time.date(h.registeredAt) },
  });
  return c.id;
}
