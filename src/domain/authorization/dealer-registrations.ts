import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { customers, registrations } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import type { Directory } from '../org/directory';
import { ACTIVE } from '../registration/records';

/** The customers a dealer's people hold now (审批中 / 保护中 / 已成交): what a lapse puts at stake. */
export function dealerRegistrations(deps: DomainDeps, dir: Directory, dealerId: string, limit = 10): { total: number; names: string[] } {
  const staffIds = dir.staffOfDealer(dealerId).map((s) => s.id);
  if (staffIds.length === 0) return { total: 0, names: [] };
  const where = and(inArray(registrations.ownerId, staffIds), inArray(registrations.status, [...ACTIVE]));
  const total = deps.db.select({ n: sql<number>`count(*)` }).from(registrations).where(where).get()?.n ?? 0;
  const names = deps.db
    .select({ name: customers.name })
    .from(registrations)
    .innerJoin(customers, eq(customers.id, registrations.customerId))
    .where(where)
    .orderBy(desc(registrations.createdAt))
    .limit(limit)
    .all()
    .map((r) => r.name);
  return { total, names };
}
