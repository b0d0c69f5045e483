import type { DomainDeps } from '../deps';
import type { ApprovalService } from '../approval/approval-service';
import type { ApprovalRow } from '../approval/types';
import { only } from '../../storage/unit-of-work';
import { recordAudit } from '../audit/audit';
import { notifyStaff } from '../outbox/notices';
import { protect } from './protection';
import type { Records } from './records';

/** What registration-related approvals do once decided (in the deciding unit of work; awaited). */
export function registerRegistrationApprovalKinds(deps: DomainDeps, records: Records, approvals: ApprovalService): void {
  approvals.registerKind('registration', {
    async onApproved(a: ApprovalRow, decider: string) {
      const reg = await records.registration(a.subjectId);
      if (!reg || reg.status !== 'pending') return;
      await protect(deps, records, reg, decider, deps.rules.registration.protectionDays, 'registration.approve');
    },
    async onRejected(a: ApprovalRow, decider: string, reason: string) {
      const reg = await records.registration(a.subjectId);
      if (!reg || reg.status !== 'pending') return;
      await records.setRegistration(reg.id, { status: 'rejected', endedAt: deps.clock.now(), endReason: reason });
      await records.syncCustomer(reg.customerId);
      await recordAudit(deps, { actorId: decider, action: 'registration.reject', subjectType: 'registration', subjectId: reg.id, before: { status: 'pending' }, after: { status: 'rejected', reason } });
    },
  });

  approvals.registerKind('extension', {
    async onApproved(a: ApprovalRow, decider: string) {
      const reg = await records.registration(a.subjectId);
      if (!reg || reg.status !== 'protected' || !reg.protectedUntil) return;
      const until = deps.time.addDays(reg.protectedUntil, deps.rules.extension.days);
      await records.setRegistration(reg.id, { protectedUntil: until, extensionsUsed: reg.extensionsUsed + 1 });
      await recordAudit(deps, {
        actorId: decider,
        action: 'extension.approve',
        subjectType: 'registration',
        subjectId: reg.id,
        before: { protectedUntil: deps.time.dateTime(reg.protectedUntil), extensionsUsed: reg.extensionsUsed },
        after: { protectedUntil: deps.time.dateTime(until), extensionsUsed: reg.extensionsUsed + 1 },
      });
    },
    async onRejected() {
      // Nothing changes; the requester is told by the generic decision notice.
    },
  });

  approvals.registerKind('dispute', {
    async onApproved(a: ApprovalRow, decider: string) {
      const holder = await records.registration(a.subjectId);
      if (!holder || (holder.status !== 'protected' && holder.status !== 'pending')) return;
      const now = deps.clock.now();
      await records.setRegistration(holder.id, { status: 'released', endedAt: now, endReason: 'dispute' });
      const { db, t } = deps.tx;
      const taken = only(
        await db
          .insert(t.registrations)
          .values({ customerId: holder.customerId, ownerId: a.requesterId, status: 'pending', via: 'register', keyAccount: holder.keyAccount, createdAt: now })
          .returning(),
      );
      await protect(deps, records, taken, decider, deps.rules.registration.protectionDays, 'dispute.approve');
      await recordAudit(deps, {
        actorId: decider,
        action: 'dispute.approve',
        subjectType: 'customer',
        subjectId: holder.customerId,
        before: { owner: holder.ownerId, registrationId: holder.id },
        after: { owner: a.requesterId, registrationId: taken.id },
      });
      await notifyStaff(deps, [holder.ownerId], `dispute:${a.id}:lost`, { template: 'dispute.lost', params: { approvalId: a.id, customerId: holder.customerId } });
    },
    async onRejected() {
      // The holder keeps the customer; the requester is told by the generic decision notice.
    },
  });

  approvals.registerKind('collaboration', {
    async onApproved(a: ApprovalRow, decider: string) {
      const reg = await records.registration(a.subjectId);
      if (!reg) return;
      const { db, t } = deps.tx;
      await db.insert(t.collaborators).values({ registrationId: reg.id, staffId: a.requesterId, addedAt: deps.clock.now() }).onConflictDoNothing();
      await recordAudit(deps, { actorId: decider, action: 'collaboration.approve', subjectType: 'registration', subjectId: reg.id, after: { collaborator: a.requesterId } });
    },
    async onRejected() {
      // Nothing to undo.
    },
  });
}
