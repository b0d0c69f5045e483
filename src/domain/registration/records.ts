import { and, eq, inArray } from 'drizzle-orm';
import { customers, registrations } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import type { CustomerRow, RegistrationRow } from './types';

export const ACTIVE = ['pending', 'protected', 'won'] as const;

/** Row access for customers and registrations, and the one place that keeps their states in step. */
export class Records {
  constructor(private readonly deps: DomainDeps) {}

  customer(id: number): CustomerRow | undefined {
    return this.deps.db.select().from(customers).where(eq(customers.id, id)).get();
  }

  registration(id: number): RegistrationRow | undefined {
    return this.deps.db.select().from(registrations).where(eq(registrations.id, id)).get();
  }

  activeRegistrationOf(customerId: number): RegistrationRow | undefined {
    return this.deps.db
      .select()
      .from(registrations)
      .where(and(eq(registrations.customerId, customerId), inArray(registrations.status, [...ACTIVE])))
      .get();
  }

  setRegistration(id: number, patch: Partial<RegistrationRow>): RegistrationRow {
    return this.deps.db.update(registrations).set(patch).where(eq(registrations.id, id)).returning().get();
  }

  /** The customer follows its active registration; with none it is free or in the pool. */
  syncCustomer(customerId: number, pooled = false): void {
    const active = this.activeRegistrationOf(customerId);
    const now = this.deps.clock.now();
    const status: CustomerRow['status'] = active ? (active.status as 'pending' | 'protected' | 'won') : pooled ? 'pool' : 'free';
    this.deps.db
      .update(customers)
      .set({
        status,
        activeRegistrationId: active?.id ?? null,
        pooledAt: status === 'pool' ? now : null,
      })
      .where(eq(customers.id, customerId))
      .run();
  }
}
