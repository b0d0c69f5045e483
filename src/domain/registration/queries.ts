import { and, asc, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { approvals, auditLog, collaborators, customers, followUps, orders, registrations } from '../../../db/schema';
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
  mine(actor: Staff, limit = 30): { total: number; items: MyCustomer[] } {
    const db = this.deps.db;
    const sharedIds = db.select({ id: collaborators.registrationId }).from(collaborators).where(eq(collaborators.staffId, actor.id)).all().map((r) => r.id);
    const where = and(
      inArray(registrations.status, [...ACTIVE]),
      sharedIds.length > 0 ? or(eq(registrations.ownerId, actor.id), inArray(registrations.id, sharedIds)) : eq(registrations.ownerId, actor.id),
    );
    const total = db.select({ n: count() }).from(registrations).where(where).get()?.n ?? 0;
    const rows = db
      .select({ r: registrations, c: customers })
      .from(registrations)
      .innerJoin(customers, eq(customers.id, registrations.customerId))
      .where(where)
      .orderBy(sql`${registrations.protectedUntil} IS NULL`, asc(registrations.protectedUntil), asc(registrations.id))
      .limit(limit)
      .all();
    return { total, items: rows.map((x) => ({ customer: x.c, registration: x.r, shared: x.r.ownerId !== actor.id })) };
  }

  /** Whether `viewer` may see this customer in full: contacts, budget, notes, follow-ups, history. */
  seesInFull(viewer: Staff, customerId: number): boolean {
    const db = this.deps.db;
    const regs = db.select().from(registrations).where(eq(registrations.customerId, customerId)).all();
    return this.fullAccess(viewer, regs.find((r) => (ACTIVE as readonly string[]).includes(r.status)));
  }

  view(viewer: Staff, customer: CustomerRow): CustomerView {
    const db = this.deps.db;
    const regs = db.select().from(registrations).where(eq(registrations.customerId, customer.id)).orderBy(desc(registrations.createdAt)).all();
    const active = regs.find((r) => (ACTIVE as readonly string[]).includes(r.status));
    const full = this.fullAccess(viewer, active);
    const base: CustomerView = {
      customer,
      full,
      registrations: full ? regs : [],
      followUps: [],
      orders: [],
      history: [],
      ...(active ? { active, ownerName: this.dir.get(active.ownerId)?.name ?? active.ownerId } : {}),
    };
    if (!full) return base;
    const regIds = regs.map((r) => String(r.id));
    const approvalIds = regIds.length
      ? db.select({ id: approvals.id }).from(approvals).where(and(inArray(approvals.kind, [...REGISTRATION_APPROVAL_KINDS]), inArray(approvals.subjectId, regs.map((r) => r.id)))).all().map((a) => String(a.id))
      : [];
    const subjects = [
      and(eq(auditLog.subjectType, 'customer'), eq(auditLog.subjectId, String(customer.id))),
      ...(regIds.length ? [and(eq(auditLog.subjectType, 'registration'), inArray(auditLog.subjectId, regIds))] : []),
      ...(approvalIds.length ? [and(eq(auditLog.subjectType, 'approval'), inArray(auditLog.subjectId, approvalIds))] : []),
    ];
    base.history = db.select().from(auditLog).where(or(...subjects)).orderBy(asc(auditLog.at), asc(auditLog.id)).all();
    base.followUps = db.select().from(followUps).where(eq(followUps.customerId, customer.id)).orderBy(desc(followUps.at)).limit(10).all();
    base.orders = db.select().from(orders).where(eq(orders.customerId, customer.id)).orderBy(desc(orders.at)).all();
    return base;
  }

  private fullAccess(viewer: Staff, active: RegistrationRow | undefined): boolean {
    if (!active) return viewer.role === 'admin' || viewer.role === 'director';
    if (canSeeCustomerDetails(this.dir, viewer, active.ownerId)) return true;
    return !!this.deps.db.select().from(collaborators).where(and(eq(collaborators.registrationId, active.id), eq(collaborators.staffId, viewer.id))).get();
  }
}
