import { and, asc, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { auditLog, followUps, orders } from '../../../db/schema';
import { first } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import { canSeeCustomerDetails } from '../org/visibility';
import { ACTIVE } from './records';
import type { CustomerRow, RegistrationRow } from './types';

const REGISTRATION_APPROVAL_KINDS = ['registration', 'extension', 'dispute', 'collaboration'] as const;

export interface MyCustomer {
  customer: CustomerRow;
  registration: RegistrationRow;
  shared: boolean;
}

export interface CustomerView {
  customer: CustomerRow;
  active?: RegistrationRow;
  ownerName?: string;
  /** Contacts and history only when the viewer may see them. */
  full: boolean;
  registrations: RegistrationRow[];
  followUps: (typeof followUps.$inferSelect)[];
  orders: (typeof orders.$inferSelect)[];
  history: (typeof auditLog.$inferSelect)[];
}

export class RegistrationQueries {
  constructor(private readonly deps: DomainDeps, private readonly dir: Directory) {}

  /** The actor's live customers (own and shared), soonest expiry first, at most `limit`, and how many in all. */
  async mine(actor: Staff, limit = 30): Promise<{ total: number; items: MyCustomer[] }> {
    const { db, t } = this.deps.tx;
    const { registrations, collaborators } = t;
    const sharedIds = (await db.select({ id: collaborators.registrationId }).from(collaborators).where(eq(collaborators.staffId, actor.id))).map((r) => r.id);
    const where = and(
      inArray(registrations.status, [...ACTIVE]),
      sharedIds.length > 0 ? or(eq(registrations.ownerId, actor.id), inArray(registrations.id, sharedIds)) : eq(registrations.ownerId, actor.id),
    );
    const total = first(await db.select({ n: count() }).from(registrations).where(where))?.n ?? 0;
    const rows = await db
      .select({ r: registrations, c: t.customers })
      .from(registrations)
      .innerJoin(t.customers, eq(t.customers.id, registrations.customerId))
      .where(where)
      .orderBy(sql`${registrations.protectedUntil} IS NULL`, asc(registrations.protectedUntil), asc(registrations.id))
      .limit(limit);
    return { total, items: rows.map((x) => ({ customer: x.c, registration: x.r, shared: x.r.ownerId !== actor.id })) };
  }

  /** Whether `viewer` may see this customer in full: contacts, budget, notes, follow-ups, history. */
  async seesInFull(viewer: Staff, customerId: number): Promise<boolean> {
    const { db, t } = this.deps.tx;
    const regs = await db.select().from(t.registrations).where(eq(t.registrations.customerId, customerId));
    return await this.fullAccess(viewer, regs.find((r) => (ACTIVE as readonly string[]).includes(r.status)));
  }

  async view(viewer: Staff, customer: CustomerRow): Promise<CustomerView> {
    const { db, t } = this.deps.tx;
    const { registrations, approvals, auditLog, followUps, orders } = t;
    const regs = await db.select().from(registrations).where(eq(registrations.customerId, customer.id)).orderBy(desc(registrations.createdAt));
    const active = regs.find((r) => (ACTIVE as readonly string[]).includes(r.status));
    const full = await this.fullAccess(viewer, active);
    const base: CustomerView = {
      customer,
      full,
      registrations: full ? regs : [],
      followUps: [],
      orders: [],
      history: [],
      ...(active ? { active, ownerName: (await this.dir.get(active.ownerId))?.name ?? active.ownerId } : {}),
    };
    if (!full) return base;
    const regIds = regs.map((r) => String(r.id));
    const approvalIds = regIds.length
      ? (
          await db
            .select({ id: approvals.id })
            .from(approvals)
            .where(and(inArray(approvals.kind, [...REGISTRATION_APPROVAL_KINDS]), inArray(approvals.subjectId, regs.map((r) => r.id))))
        ).map((a) => String(a.id))
      : [];
    const subjects = [
      and(eq(auditLog.subjectType, 'customer'), eq(auditLog.subjectId, String(customer.id))),
      ...(regIds.length ? [and(eq(auditLog.subjectType, 'registration'), inArray(auditLog.subjectId, regIds))] : []),
      ...(approvalIds.length ? [and(eq(auditLog.subjectType, 'approval'), inArray(auditLog.subjectId, approvalIds))] : []),
    ];
    base.history = await db.select().from(auditLog).where(or(...subjects)).orderBy(asc(auditLog.at), asc(auditLog.id));
    base.followUps = await db.select().from(followUps).where(eq(followUps.customerId, customer.id)).orderBy(desc(followUps.at)).limit(10);
    base.orders = await db.select().from(orders).where(eq(orders.customerId, customer.id)).orderBy(desc(orders.at));
    return base;
  }

  private async fullAccess(viewer: Staff, active: RegistrationRow | undefined): Promise<boolean> {
    if (!active) return viewer.role === 'admin' || viewer.role === 'director';
    if (await canSeeCustomerDetails(this.dir, viewer, active.ownerId)) return true;
    const { db, t } = this.deps.tx;
    const c = t.collaborators;
    return first(await db.select({ id: c.registrationId }).from(c).where(and(eq(c.registrationId, active.id), eq(c.staffId, viewer.id))).limit(1)) !== undefined;
  }
}
