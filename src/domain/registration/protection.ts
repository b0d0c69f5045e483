import type { DomainDeps } from '../deps';
import { recordAudit } from '../audit/audit';
import type { Records } from './records';
import type { RegistrationRow } from './types';

/** Starts (or restarts) a protection period of `days` from now. */
export async function protect(deps: DomainDeps, records: Records, reg: RegistrationRow, actorId: string, days: number, action: string): Promise<RegistrationRow> {
  const now = deps.clock.now();
  const until = deps.time.addDays(now, days);
  const updated = await records.setRegistration(reg.id, { status: 'protected', approvedAt: now, protectedFrom: now, protectedUntil: until });
  await records.syncCustomer(reg.customerId);
  await recordAudit(deps, {
    actorId,
    action,
    subjectType: 'registration',
    subjectId: reg.id,
    before: { status: reg.status },
    after: { status: 'protected', protectedUntil: deps.time.dateTime(until) },
  });
  return updated;
}
