import { and, eq, gte } from 'drizzle-orm';
import { followUps, orders } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import type { ApprovalService } from '../approval/approval-service';
import type { ApprovalRow } from '../approval/types';
import { recordAudit } from '../audit/audit';
import { notifyStaff } from '../outbox/notices';
import { DomainError, refuse } from '../errors';
import { DAY_MS } from '../time';
import { managerChain } from './approval-chain';
import type { CustomerLookup, Owned } from './lookup';
import type { Records } from './records';
import { releaseToPool } from './release';

/** What an owner does with a customer they hold: follow up, extend, give back, win. */
export class OwnerActions {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly records: Records,
    private readonly lookup: CustomerLookup,
    private readonly approvals: ApprovalService,
  ) {}

  followUp(actor: Staff, customerQuery: string, content: string): Owned {
    const owned = this.lookup.ownedOne(actor, customerQuery, { includeShared: true, statuses: ['protected', 'won', 'pending'] });
    const now = this.deps.clock.now();
    this.deps.db
      .insert(followUps)
      .values({ registrationId: owned.registration.id, customerId: owned.customer.id, staffId: actor.id, at: now, content })
      .run();
    const registration = this.records.setRegistration(owned.registration.id, { lastFollowUpAt: now });
    recordAudit(this.deps, {
      actorId: actor.id,
      action: 'followup.create',
      subjectType: 'registration',
      subjectId: owned.registration.id,
      after: { content: content.slice(0, 200) },
    });
    return { registration, customer: owned.customer };
  }

  requestExtension(actor: Staff, customerQuery: string, reason: string): { owned: Owned; approval: ApprovalRow } {
    const owned = this.lookup.ownedOne(actor, customerQuery, { statuses: ['protected', 'pending', 'won'] });
    const reg = owned.registration;
    const rules = this.deps.rules.extension;
    const now = this.deps.clock.now();
    const audit = { details: { audit: { subjectType: 'registration', subjectId: reg.id, action: 'extension.request' } } };
    if (reg.status !== 'protected' || !reg.protectedUntil || !reg.protectedFrom) {
      throw new DomainError('not_protected', `「${owned.customer.name}」${reg.status === 'won' ? '已成交，不需要延期' : '还在审批中，通过后才有保护期'}。`, audit);
    }
    if (reg.extensionsUsed >= rules.maxPerRegistration) {
      throw new DomainError('extension_limit', `「${owned.customer.name}」已延期 ${reg.extensionsUsed} 次，最多 ${rules.maxPerRegistration} 次，不能再延期。`, audit);
    }
    const windowStart = reg.protectedUntil.getTime() - rules.windowDays * DAY_MS;
    if (now.getTime() < windowStart) {
      throw new DomainError(
        'extension_too_early',
        `保护期最后 ${rules.windowDays} 天才能申请延期。「${owned.customer.name}」保护期至 ${this.deps.time.date(reg.protectedUntil)}，请在 ${this.deps.time.date(new Date(windowStart))} 之后申请。`,
        audit,
      );
    }
    if (!reason.trim()) throw new DomainError('reason_required', '延期需要写明原因。', { hint: `/延期 ${owned.customer.name} <原因>` });
    if (rules.requireFollowUp) {
      const logged = this.deps.db
        .select({ id: followUps.id })
        .from(followUps)
        .where(and(eq(followUps.registrationId, reg.id), gte(followUps.at, reg.protectedFrom)))
        .get();
      if (!logged) {
        throw new DomainError('followup_required', `申请延期前至少要记录一次跟进。`, { hint: `/跟进 ${owned.customer.name} <跟进内容>`, ...audit });
      }
    }
    if (this.approvals.pendingOf('extension', reg.id)) {
      throw new DomainError('extension_pending', `「${owned.customer.name}」已有一条延期申请在审批中，请等待审批结果。`, audit);
    }
    const owner = this.dir.require(reg.ownerId);
    const chain = managerChain(this.dir, owner);
    if (!chain) throw new DomainError('no_approver', '没有找到你的审批人，延期申请未提交。请联系管理员设置你的上级。');
    const approval = this.approvals.start({
      kind: 'extension',
      subjectId: reg.id,
      requesterId: actor.id,
      title: `延期申请：${owned.customer.name}`,
      facts: [
        { label: '公司', value: owned.customer.name },
        { label: '申请人', value: owner.name },
        { label: '当前保护期至', value: this.deps.time.dateTime(reg.protectedUntil) },
        { label: '延期后至', value: this.deps.time.dateTime(this.deps.time.addDays(reg.protectedUntil, rules.days)) },
        { label: '已延期次数', value: `${reg.extensionsUsed} / ${rules.maxPerRegistration}` },
        { label: '原因', value: reason.trim() },
      ],
      chain,
    });
    return { owned, approval };
  }

  giveBack(actor: Staff, customerQuery: string, reason: string): Owned {
    const owned = this.lookup.ownedOne(actor, customerQuery, { statuses: ['protected'] });
    const reg = releaseToPool(this.deps, this.records, this.approvals, owned.registration, actor.id, 'given_back', reason || '主动释放');
    const manager = this.dir.managerOf(actor);
    if (manager) {
      notifyStaff(this.deps, [manager.id], `release:${reg.id}:given_back`, { template: 'protection.released', params: { registrationId: reg.id } });
    }
    return { registration: reg, customer: this.records.customer(reg.customerId)! };
  }

  /** 成交: attributed to the registration's owner, whoever records it; the customer stays with them. */
  recordWon(actor: Staff, customerQuery: string, amountCents: number, note?: string): { owned: Owned; orderId: number } {
    const owned = this.findForWon(actor, customerQuery);
    const reg = owned.registration;
    if (reg.status === 'pending') {
      throw new DomainError('not_approved', `「${owned.customer.name}」的报备还在审批中，审批通过后才能登记成交。`, {
        details: { audit: { subjectType: 'registration', subjectId: reg.id, action: 'order.create' } },
      });
    }
    const now = this.deps.clock.now();
    const order = this.deps.db
      .insert(orders)
      .values({ customerId: owned.customer.id, registrationId: reg.id, ownerId: reg.ownerId, recordedBy: actor.id, amountCents, at: now, note: note ?? null })
      .returning()
      .get();
    let registration = reg;
    if (reg.status !== 'won') {
      registration = this.records.setRegistration(reg.id, { status: 'won', wonAt: now });
      this.records.syncCustomer(reg.customerId);
    }
    recordAudit(this.deps, {
      actorId: actor.id,
      action: 'order.create',
      subjectType: 'registration',
      subjectId: reg.id,
      before: { status: reg.status },
      after: { status: 'won', orderId: order.id, amount: amountCents / 100, attributedTo: reg.ownerId },
    });
    const owner = this.dir.require(reg.ownerId);
    const manager = this.dir.managerOf(owner);
    const notify = [manager?.id, owner.id !== actor.id ? owner.id : undefined].filter((x): x is string => !!x);
    notifyStaff(this.deps, notify, `order:${order.id}`, { template: 'order.won', params: { orderId: order.id } });
    return { owned: { registration, customer: owned.customer }, orderId: order.id };
  }

  private findForWon(actor: Staff, query: string): Owned {
    const own = this.lookup.owned(actor, query, { statuses: ['protected', 'won', 'pending'] });
    if (own.length === 1) return own[0]!;
    if (actor.role === 'sales' || actor.role === 'partner' || own.length > 1) return this.lookup.ownedOne(actor, query, { statuses: ['protected', 'won', 'pending'] });
    // Managers, directors and admins may record an order on their people's customers.
    const candidates = this.lookup.find(query).filter((c) => c.status === 'protected' || c.status === 'won');
    for (const c of candidates) {
      const reg = this.records.activeRegistrationOf(c.id);
      const owner = reg ? this.dir.get(reg.ownerId) : undefined;
      if (reg && owner && (actor.role !== 'manager' || this.dir.isAbove(actor, owner))) return { registration: reg, customer: c };
    }
    refuse('not_found', `没有找到你可以登记成交的客户「${query}」。`, '/我的');
  }
}
