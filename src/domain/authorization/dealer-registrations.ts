import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { first } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { Directory } from '../org/directory';
import { ACTIVE } from '../registration/records';

/** The customers a dealer's people hold now (审批中 / 保护中 / 已成交): what a lapse puts at stake. */
export async function dealerRegistrations(deps: DomainDeps, dir: Directory, dealerId: string, limit = 10): Promise<{ total: number; names: string[] }> {
  const staffIds = (await dir.staffOfDealer(dealerId)).map((s) => s.id);
  if (staffIds.length === 0) return { total: 0, names: [] };
  const { db, t } = deps.tx;
  const where = and(inArray(t.registrations.ownerId, staffIds), inArray(t.registrations.status, [...ACTIVE]));
  const total = first(await db.select({ n: count() }).from(t.registrations).where(where))?.n ?? 0;
  const rows = await db
    .select({ name: t.customers.name })
    .from(t.registrations)
    .innerJoin(t.customers, eq(t.customers.id, t.registrations.customerId))
    .where(where)
    .orderBy(desc(t.registrations.createdAt))
    .limit(limit);
  return { total, names: rows.map((r) => r.name) };
}
