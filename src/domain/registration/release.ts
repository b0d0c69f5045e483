import { and, eq, ne } from 'drizzle-orm';
import { first } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { ApprovalService } from '../approval/approval-service';
import { recordAudit } from '../audit/audit';
import { enqueueNotice } from '../outbox/notices';
import type { Records } from './records';
import type { RegistrationRow } from './types';

/** The group notice of a release: the company name and how to claim it, nothing more. */
export const POOL_ANNOUNCE_NOTICE = 'pool.announced';

/**
 * Ends a registration and puts its customer in the public pool; a pending extension is withdrawn.
 * The owner's team groups hear of it (those who may claim it); releases of one sweep or handover
 * share `batchKey`, so that a group gets one message for all of them.
 */
export async function releaseToPool(
  deps: DomainDeps,
  records: Records,
  approvals: ApprovalService,
  reg: RegistrationRow,
  actorId: string,
  reason: 'expired' | 'given_back' | 'handover',
  detail: string,
  opts: { batchKey?: string } = {},
): Promise<RegistrationRow> {
  const now = deps.clock.now();
  const ext = await approvals.pendingOf('extension', reg.id);
  if (ext) await approvals.cancel(ext.id, actorId, '保护期已结束');
  const released = await records.endRegistration(reg.id, 'released', now, reason);
  await records.syncCustomer(reg.customerId, true);
  await recordAudit(deps, {
    actorId,
    action: `registration.release`,
    subjectType: 'registration',
    subjectId: reg.id,
    before: { status: reg.status, owner: reg.ownerId },
    after: { status: 'released', reason, pool: true },
    detail,
  });
  await announceToClaimers(deps, released, opts.batchKey);
  return released;
}

/**
 * Tells the groups bound to the previous owner's team. Anyone internal may claim any pool customer
 * (pool.ts has no team rule), while a dealer's people may claim only inside their authorized
 * regions: so a group is told only when it holds someone internal besides the previous owner — a
 * group of dealer people alone might be told of a customer none of them may take.
 */
async function announceToClaimers(deps: DomainDeps, reg: RegistrationRow, batchKey: string | undefined): Promise<void> {
  const { db, t } = deps.tx;
  const { staff, groupMembers } = t;
  const owner = (await db.select({ teamId: staff.teamId }).from(staff).where(eq(staff.id, reg.ownerId)))[0];
  if (!owner?.teamId) return;
  for (const group of await db.select({ id: t.chatGroups.id }).from(t.chatGroups).where(eq(t.chatGroups.teamId, owner.teamId))) {
    const claimer = first(
      await db
        .select({ id: staff.id })
        .from(groupMembers)
        .innerJoin(staff, eq(staff.id, groupMembers.staffId))
        .where(and(eq(groupMembers.groupId, group.id), ne(staff.id, reg.ownerId), eq(staff.active, true), ne(staff.role, 'partner')))
        .limit(1),
    );
    if (!claimer) continue;
    await enqueueNotice(deps, {
      key: `pool:${reg.id}:announced`,
      to: { type: 'group', id: String(group.id) },
      payload: { template: POOL_ANNOUNCE_NOTICE, params: { customerId: reg.customerId } },
      ...(batchKey ? { batchKey } : {}),
    });
  }
}
