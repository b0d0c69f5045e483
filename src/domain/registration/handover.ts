import { and, eq, inArray } from 'drizzle-orm';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import type { ApprovalService } from '../approval/approval-service';
import { recordAudit } from '../audit/audit';
import { notifyStaff } from '../outbox/notices';
import { DomainError } from '../errors';
import type { Records } from './records';
import { releaseToPool } from './release';

export interface HandoverResult {
  moved: number;
  released: number;
  withdrawn: number;
  /** Won customers left with the departing person when releasing to the pool. */
  keptWon: number;
}

/** 转交: a manager or admin moves all live customers of one person to another, or to the pool. */
export class HandoverService {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly records: Records,
    private readonly approvals: ApprovalService,
  ) {}

  async handover(actor: Staff, from: Staff, to: Staff | 'pool'): Promise<HandoverResult> {
    const audit = { details: { audit: { subjectType: 'staff', subjectId: from.id, action: 'handover' } } };
    const allowed = actor.role === 'admin' || actor.role === 'director' || (actor.role === 'manager' && (await this.dir.isAbove(actor, from)));
    if (!allowed) throw new DomainError('forbidden', `只有 ${from.name} 的上级经理、总监或管理员可以转交 TA 的客户。`, audit);
    if (to !== 'pool') {
      if (to.id === from.id) throw new DomainError('same_person', '转出人和接收人是同一个人。', { hint: '/转交 <转出人> <接收人>|公海' });
      if (!to.active) throw new DomainError('inactive', `${to.name} 已停用，不能接收客户。`, audit);
      if (to.role === 'partner' && to.dealerId !== from.dealerId) throw new DomainError('forbidden', `不能把客户转给其他代理商的人员 ${to.name}。`, audit);
    }
    const key = `handover:${from.id}:${this.deps.clock.now().getTime()}`;
    const result = await this.transfer(actor.id, from, to, to === 'pool' ? undefined : to, `${from.name} 的客户由 ${actor.name} 转入公海`, key);
    const params = { from: from.id, to: to === 'pool' ? 'pool' : to.id, moved: result.moved, released: result.released, withdrawn: result.withdrawn, keptWon: result.keptWon, actor: actor.id };
    await notifyStaff(this.deps, [from.id, ...(to === 'pool' ? [] : [to.id])].filter((id) => id !== actor.id), key, { template: 'handover.done', params });
    return result;
  }

  /**
   * Someone the org import marked 离职: nobody decides, the rules do. Their customers go to `to`
   * (their manager) or the pool; won customers, never released, go to `manager` when there is one,
   * so that no live customer stays with an inactive account. The receiver and the manager are told.
   */
  async handOverDeparted(actorId: string, from: Staff, to: Staff | 'pool', manager: Staff | undefined): Promise<HandoverResult> {
    const now = this.deps.clock.now().getTime();
    const result = await this.transfer(actorId, from, to, to === 'pool' ? manager : to, `${from.name} 离职，客户转入公海`, `departed:${from.id}:${now}`);
    const params = { from: from.id, to: to === 'pool' ? 'pool' : to.id, moved: result.moved, released: result.released, withdrawn: result.withdrawn, keptWon: result.keptWon };
    await notifyStaff(this.deps, [...(to === 'pool' ? [] : [to.id]), ...(manager ? [manager.id] : [])], `departed:${from.id}:${now}`, { template: 'handover.departed', params });
    return result;
  }

  /**
   * A pending registration handed to the very person asked to approve it (a departed salesperson's
   * customers go to their manager): nobody approves their own, so that step goes one level up.
   */
  private async keepOwnerOffOwnApproval(regId: number, owner: Staff, actorId: string): Promise<void> {
    const pending = await this.approvals.pendingOf('registration', regId);
    if (!pending) return;
    const above = (await this.dir.managerOf(owner)) ?? (await this.dir.directorFor(owner));
    if (!above || above.id === owner.id) return;
    for (const step of await this.approvals.steps(pending.id)) {
      const assignees = await this.approvals.assignees(step.id);
      if (assignees.some((a) => a.staffId === owner.id && !a.decision)) await this.approvals.reassign(step.id, owner.id, above.id, actorId);
    }
  }

  /** Moves every live customer of `from`; won ones go to `wonTo`, or stay when there is none. */
  private async transfer(actorId: string, from: Staff, to: Staff | 'pool', wonTo: Staff | undefined, poolDetail: string, batchKey: string): Promise<HandoverResult> {
    const { db, t } = this.deps.tx;
    const live = await db
      .select()
      .from(t.registrations)
      .where(and(eq(t.registrations.ownerId, from.id), inArray(t.registrations.status, ['pending', 'protected', 'won'])));
    const result: HandoverResult = { moved: 0, released: 0, withdrawn: 0, keptWon: 0 };
    const move = async (regId: number, target: Staff) => {
      await this.records.setRegistration(regId, { ownerId: target.id });
      await recordAudit(this.deps, { actorId, action: 'handover.move', subjectType: 'registration', subjectId: regId, before: { owner: from.id }, after: { owner: target.id } });
      await this.keepOwnerOffOwnApproval(regId, target, actorId);
      result.moved++;
    };
    for (const reg of live) {
      if (to !== 'pool') {
        await move(reg.id, to);
      } else if (reg.status === 'protected') {
        await releaseToPool(this.deps, this.records, this.approvals, reg, actorId, 'handover', poolDetail, { batchKey });
        result.released++;
      } else if (reg.status === 'pending') {
        const pending = await this.approvals.pendingOf('registration', reg.id);
        if (pending) await this.approvals.cancel(pending.id, actorId, '报备人已转交');
        await this.records.setRegistration(reg.id, { status: 'cancelled', endedAt: this.deps.clock.now(), endReason: 'handover' });
        await this.records.syncCustomer(reg.customerId);
        await recordAudit(this.deps, { actorId, action: 'handover.withdraw', subjectType: 'registration', subjectId: reg.id, before: { status: 'pending' }, after: { status: 'cancelled' } });
        result.withdrawn++;
      } else if (wonTo) {
        await move(reg.id, wonTo);
      } else {
        result.keptWon++;
      }
    }
    return result;
  }
}
