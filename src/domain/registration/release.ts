import type { DomainDeps } from '../deps';
import type { ApprovalService } from '../approval/approval-service';
import { recordAudit } from '../audit/audit';
import type { Records } from './records';
import type { RegistrationRow } from './types';

/** Ends a registration and puts its customer in the public pool; a pending extension is withdrawn. */
export function releaseToPool(
  deps: DomainDeps,
  records: Records,
  approvals: ApprovalService,
  reg: RegistrationRow,
  actorId: string,
  reason: 'expired' | 'given_back' | 'handover',
  detail: string,
): RegistrationRow {
  const now = deps.clock.now();
  const ext = approvals.pendingOf('extension', reg.id);
  if (ext) approvals.cancel(ext.id, actorId, '保护期已结束');
  const released = records.endRegistration(reg.id, 'released', now, reason);
  records.syncCustomer(reg.customerId, true);
  recordAudit(deps, {
    actorId,
    action: `registration.release`,
    subjectType: 'registration',
    subjectId: reg.id,
    before: { status: reg.status, owner: reg.ownerId },
    after: { status: 'released', reason, pool: true },
    detail,
  });
  return released;
}
