import { and, eq, inArray, sql } from 'drizzle-orm';
import { only, type Tx } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { CustomerRow, RegistrationRow } from './types';

export const ACTIVE = ['pending', 'protected', 'won'] as const;

const p = (name: string) => sql.placeholder(name);

/** A customer by id, prepared (the duplicate check reads every match this way). */
export function customerById(tx: Tx, id: number): Promise<CustomerRow | undefined> {
  return tx.prepared('customers.byId', (db, t) => db.select().from(t.customers).where(eq(t.customers.id, p('id'))).prepare()).get({ id });
}

/** Row access for customers and registrations, and the one place that keeps their states in step. */
export class Records {
  constructor(private readonly deps: DomainDeps) {}

  customer(id: number): Promise<CustomerRow | undefined> {
    return customerById(this.deps.tx, id);
  }

  registration(id: number): Promise<RegistrationRow | undefined> {
    return this.deps.tx.prepared('registrations.byId', (db, t) => db.select().from(t.registrations).where(eq(t.registrations.id, p('id'))).prepare()).get({ id });
  }

  activeRegistrationOf(customerId: number): Promise<RegistrationRow | undefined> {
    return this.deps.tx
      .prepared('registrations.activeOf', (db, t) =>
        db
          .select()
          .from(t.registrations)
          .where(and(eq(t.registrations.customerId, p('customerId')), inArray(t.registrations.status, [...ACTIVE])))
          .prepare(),
      )
      .get({ customerId });
  }

  /** Ends a registration (released, rejected, cancelled): the sweep's hot path, prepared. */
  async endRegistration(id: number, status: 'released' | 'rejected' | 'cancelled', endedAt: Date, endReason: string): Promise<RegistrationRow> {
    const ended = await this.deps.tx
      .prepared('registrations.end', (db, t) =>
        db
          .update(t.registrations)
          .set({ status: p('status') as never, endedAt: p('endedAt') as never, endReason: p('endReason') as never })
          .where(eq(t.registrations.id, p('id')))
          .returning()
          .prepare(),
      )
      .get({ status, endedAt, endReason, id });
    if (!ended) throw new Error(`registration ${id} not found`);
    return ended;
  }

  async setRegistration(id: number, patch: Partial<RegistrationRow>): Promise<RegistrationRow> {
    const { db, t } = this.deps.tx;
    return only(await db.update(t.registrations).set(patch).where(eq(t.registrations.id, id)).returning());
  }

  /**
   * The customer follows `active`, a registration just created for it (what syncCustomer would
   * find); returns the row as it now stands.
   */
  async markActive(customer: CustomerRow, active: RegistrationRow): Promise<CustomerRow> {
    const status = active.status as 'pending' | 'protected' | 'won';
    await this.setCustomerState(customer.id, status, active.id, null);
    return { ...customer, status, activeRegistrationId: active.id, pooledAt: null };
  }

  /** The customer follows its active registration; with none it is free or in the pool. */
  async syncCustomer(customerId: number, pooled = false): Promise<void> {
    const active = await this.activeRegistrationOf(customerId);
    const now = this.deps.clock.now();
    const status: CustomerRow['status'] = active ? (active.status as 'pending' | 'protected' | 'won') : pooled ? 'pool' : 'free';
    await this.setCustomerState(customerId, status, active?.id ?? null, status === 'pool' ? now : null);
  }

  // Hot path (every registration), prepared. A placeholder cannot carry a null timestamp (drizzle
  // encodes it as a Date), so a customer out of the pool has a statement of its own.
  private setCustomerState(customerId: number, status: CustomerRow['status'], activeRegistrationId: number | null, pooledAt: Date | null): Promise<void> {
    const tx = this.deps.tx;
    const params = { status, activeRegistrationId, customerId };
    if (pooledAt === null) {
      return tx
        .prepared('customers.setState', (db, t) =>
          db
            .update(t.customers)
            .set({ status: p('status') as never, activeRegistrationId: p('activeRegistrationId') as never, pooledAt: null })
            .where(eq(t.customers.id, p('customerId')))
            .prepare(),
        )
        .run(params);
    }
    return tx
      .prepared('customers.setStatePooled', (db, t) =>
        db
          .update(t.customers)
          .set({ status: p('status') as never, activeRegistrationId: p('activeRegistrationId') as never, pooledAt: p('pooledAt') as never })
          .where(eq(t.customers.id, p('customerId')))
          .prepare(),
      )
      .run({ ...params, pooledAt });
  }
}
