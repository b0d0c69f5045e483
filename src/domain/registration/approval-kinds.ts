import { collaborators, registrations } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import type { ApprovalService } from '../approval/approval-service';
import type { ApprovalRow } from '../approval/types';
import { recordAudit } from '../audit/audit';
import { notifyStaff } from '../outbox/notices';
import { protect } from './protection';
import type { Records } from './records';

/** What registration-related approvals do once decided. */
export function registerRegistrationApprovalKinds(deps: DomainDeps, records: Records, approvals: ApprovalService): void {
  approvals.registerKind('registration', {
    onApproved(a: ApprovalRow, decider: string) {
      const reg = records.registration(a.subjectId);
      if (!reg || reg.status !== 'pending') return;
      protect(deps, records, reg, decider, deps.rules.registration.protectionDays, 'registration.approve');
    },
    onRejected(a: ApprovalRow, decider: string, reason: string) {
      const reg = records.registration(a.subjectId);
      if (!reg || reg.status !== 'pending') return;
      records.setRegistration(reg.id, { status: 'rejected', endedAt: deps.clock.now(), endReason: reason });
      records.syncCustomer(reg.customerId);
      recordAudit(deps, { actorId: decider, action: 'registration.reject', subjectType: 'registration', subjectId: reg.id, before: { status: 'pending' }, after: { status: 'rejected', reason } });
    },
  });

  approvals.registerKind('extension', {
    onApproved(a: ApprovalRow, decider: string) {
      const reg = records.registration(a.subjectId);
      if (!reg || reg.status !== 'protected' || !reg.protectedUntil) return;
      const until = deps.time.addDays(reg.protectedUntil, deps.rules.extension.days);
      records.setRegistration(reg.id, { protectedUntil: until, extensionsUsed: reg.extensionsUsed + 1 });
      recordAudit(deps, {
        actorId: decider,
        action: 'extension.approve',
        subjectType: 'registration',
        subjectId: reg.id,
        before: { protectedUntil: deps.time.dateTime(reg.protectedUntil), extensionsUsed: reg.extensionsUsed },
        after: { protectedUntil: deps.time.dateTime(until), extensionsUsed: reg.extensionsUsed + 1 },
      });
    },
    onRejected() {
      // Nothing changes; the requester is told by the generic decision notice.
    },
  });

  approvals.registerKind('dispute', {
    onApproved(a: ApprovalRow, decider: string) {
      const holder = records.registration(a.subjectId);
      if (!holder || (holder.status !== 'protected' && holder.status !== 'pending')) return;
      const now = deps.clock.now();
      records.setRegistration(holder.id, { status: 'released', endedAt: now, endReason: 'dispute' });
      const taken = deps.db
        .insert(registrations)
        .values({ customerId: holder.customerId, ownerId: a.requesterId, status: 'pending', via: 'register', keyAccount: holder.keyAccount, createdAt: now })
        .returning()
        .get();
      protect(deps, records, taken, decider, deps.rules.registration.protectionDays, 'dispute.approve');
      recordAudit(deps, {
        actorId: decider,
        action: 'dispute.approve',
        subjectType: 'customer',
        subjectId: holder.customerId,
        before: { owner: holder.ownerId, registrationId: holder.id },
        after: { owner: a.requesterId, registrationId: taken.id },
      });
      notifyStaff(deps, [holder.ownerId], `dispute:${a.id}:lost`, { template: 'dispute.lost', params: { approvalId: a.id, customerId: holder.customerId } });
    },
    onRejected() {
      // The holder keeps the customer; the requester is told by the generic decision notice.
    },
  });

  approvals.registerKind('collaboration', {
    onApproved(a: ApprovalRow, decider: string) {
      const reg = records.registration(a.subjectId);
      if (!reg) return;
      deps.db.insert(collaborators).values({ registrationId: reg.id, staffId: a.requesterId, addedAt: deps.clock.now() }).onConflictDoNothing().run();
      recordAudit(deps, { actorId: decider, action: 'collaboration.approve', subjectType: 'registration', subjectId: reg.id, after: { collaborator: a.requesterId } });
    },
    onRejected() {
      // Nothing to undo.
    },
  });
}
