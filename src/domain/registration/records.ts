import { and, eq, inArray, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { customers, registrations } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import type { CustomerRow, RegistrationRow } from './types';

export const ACTIVE = ['pending', 'protected', 'won'] as const;

/** Row access for customers and registrations, and the one place that keeps their states in step. */
export class Records {
  constructor(private readonly deps: DomainDeps) {}

  customer(id: number): CustomerRow | undefined {
    const db = this.deps.db;
    return prepared(db, 'customers.byId', () => db.select().from(customers).where(eq(customers.id, sql.placeholder('id'))).prepare()).get({ id });
  }

  registration(id: number): RegistrationRow | undefined {
    const db = this.deps.db;
    return prepared(db, 'registrations.byId', () => db.select().from(registrations).where(eq(registrations.id, sql.placeholder('id'))).prepare()).get({ id });
  }

  activeRegistrationOf(customerId: number): RegistrationRow | undefined {
    const db = this.deps.db;
    return prepared(db, 'registrations.activeOf', () =>
      db
        .select()
        .from(registrations)
        .where(and(eq(registrations.customerId, sql.placeholder('customerId')), inArray(registrations.status, [...ACTIVE])))
        .prepare(),
    ).get({ customerId });
  }

  /** Ends a registration (released, rejected, cancelled): the sweep's hot path, prepared. */
  endRegistration(id: number, status: 'released' | 'rejected' | 'cancelled', endedAt: Date, endReason: string): RegistrationRow {
    const db = this.deps.db;
    const p = (name: string) => sql.placeholder(name);
    return prepared(db, 'registrations.end', () =>
      db.update(registrations).set({ status: p('status') as never, endedAt: p('endedAt') as never, endReason: p('endReason') as never }).where(eq(registrations.id, p('id'))).returning().prepare(),
    ).get({ status, endedAt, endReason, id })!;
  }

  setRegistration(id: number, patch: Partial<RegistrationRow>): RegistrationRow {
    return this.deps.db.update(registrations).set(patch).where(eq(registrations.id, id)).returning().get();
  }

  /**
   * The customer follows `active`, a registration just created for it (what syncCustomer would
   * find); returns the row as it now stands.
   */
  markActive(customer: CustomerRow, active: RegistrationRow): CustomerRow {
    const status = active.status as 'pending' | 'protected' | 'won';
    this.setCustomerState(customer.id, status, active.id, null);
    return { ...customer, status, activeRegistrationId: active.id, pooledAt: null };
  }

  /** The customer follows its active registration; with none it is free or in the pool. */
  syncCustomer(customerId: number, pooled = false): void {
    const active = this.activeRegistrationOf(customerId);
    const now = this.deps.clock.now();
    const status: CustomerRow['status'] = active ? (active.status as 'pending' | 'protected' | 'won') : pooled ? 'pool' : 'free';
    this.setCustomerState(customerId, status, active?.id ?? null, status === 'pool' ? now : null);
  }

  // Hot path (every registration): plain SQL; drizzle cannot prepare an update with a nullable timestamp.
  private setCustomerState(customerId: number, status: CustomerRow['status'], activeRegistrationId: number | null, pooledAt: Date | null): void {
    this.deps.db.$client
      .prepare('UPDATE customers SET status = ?, active_registration_id = ?, pooled_at = ? WHERE id = ?')
      .run(status, activeRegistrationId, pooledAt?.getTime() ?? null, customerId);
  }
}
