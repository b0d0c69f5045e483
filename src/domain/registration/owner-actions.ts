import { and, eq, gte } from 'drizzle-orm';
import { first, only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import type { ApprovalService } from '../approval/approval-service';
import type { ApprovalRow } from '../approval/types';
import { recordAudit } from '../audit/audit';
import { cardsOfSubject, reviseCard } from '../cards/cards';
import { notifyStaff } from '../outbox/notices';
import { LookupQuota } from './lookup-quota';
import { DomainError, refuse } from '../errors';
import { DAY_MS } from '../time';
import { maskMobile } from '../dedup';
import { managerChain } from './approval-chain';
import type { DuplicateFinder } from './duplicate-finder';
import type { CustomerLookup, Owned } from './lookup';
import type { Records } from './records';
import { releaseToPool } from './release';
import type { CustomerRow, RegistrationRow } from './types';

export interface ContactChange {
  contactName?: string;
  /** E.164 */
  mobile?: string;
  /** The new mobile as typed (shown back; matching uses `mobile`). */
  mobileAsTyped?: string;
}

export interface AmendResult {
  owned: Owned;
  before: { contactName: string; mobile: string | null; mobileAsTyped: string | null };
}

/** What an owner does with a customer they hold: follow up, extend, give back, win, correct, withdraw. */
export class OwnerActions {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly records: Records,
    private readonly lookup: CustomerLookup,
    private readonly approvals: ApprovalService,
    private readonly finder: DuplicateFinder,
  ) {}

  async followUp(actor: Staff, customerQuery: string, content: string): Promise<Owned> {
    const owned = await this.lookup.ownedOne(actor, customerQuery, { includeShared: true, statuses: ['protected', 'won', 'pending'] });
    const now = this.deps.clock.now();
    const { db, t } = this.deps.tx;
    await db.insert(t.followUps).values({ registrationId: owned.registration.id, customerId: owned.customer.id, staffId: actor.id, at: now, content });
    const registration = await this.records.setRegistration(owned.registration.id, { lastFollowUpAt: now });
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: 'followup.create',
      subjectType: 'registration',
      subjectId: owned.registration.id,
      after: { content: content.slice(0, 200) },
    });
    return { registration, customer: owned.customer };
  }

  async requestExtension(actor: Staff, customerQuery: string, reason: string): Promise<{ owned: Owned; approval: ApprovalRow }> {
    const owned = await this.lookup.ownedOne(actor, customerQuery, { statuses: ['protected', 'pending', 'won'] });
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
      const { db, t } = this.deps.tx;
      const logged = first(
        await db
          .select({ id: t.followUps.id })
          .from(t.followUps)
          .where(and(eq(t.followUps.registrationId, reg.id), gte(t.followUps.at, reg.protectedFrom)))
          .limit(1),
      );
      if (!logged) {
        throw new DomainError('followup_required', `申请延期前至少要记录一次跟进。`, { hint: `/跟进 ${owned.customer.name} <跟进内容>`, ...audit });
      }
    }
    if (await this.approvals.pendingOf('extension', reg.id)) {
      throw new DomainError('extension_pending', `「${owned.customer.name}」已有一条延期申请在审批中，请等待审批结果。`, audit);
    }
    const owner = await this.dir.require(reg.ownerId);
    const chain = await managerChain(this.dir, owner);
    if (!chain) throw new DomainError('no_approver', '没有找到你的审批人，延期申请未提交。请联系管理员设置你的上级。');
    const approval = await this.approvals.start({
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

  async giveBack(actor: Staff, customerQuery: string, reason: string): Promise<Owned> {
    const owned = await this.lookup.ownedOne(actor, customerQuery, { statuses: ['protected'] });
    const reg = await releaseToPool(this.deps, this.records, this.approvals, owned.registration, actor.id, 'given_back', reason || '主动释放');
    const manager = await this.dir.managerOf(actor);
    if (manager) {
      await notifyStaff(this.deps, [manager.id], `release:${reg.id}:given_back`, { template: 'protection.released', params: { registrationId: reg.id } });
    }
    return { registration: reg, customer: (await this.records.customer(reg.customerId))! };
  }

  /** 成交: attributed to the registration's owner, whoever records it; the customer stays with them. */
  async recordWon(actor: Staff, customerQuery: string, amountCents: number, note?: string): Promise<{ owned: Owned; orderId: number }> {
    const owned = await this.findForWon(actor, customerQuery);
    const reg = owned.registration;
    if (reg.status === 'pending') {
      throw new DomainError('not_approved', `「${owned.customer.name}」的报备还在审批中，审批通过后才能登记成交。`, {
        details: { audit: { subjectType: 'registration', subjectId: reg.id, action: 'order.create' } },
      });
    }
    const now = this.deps.clock.now();
    const { db, t } = this.deps.tx;
    const order = only(
      await db
        .insert(t.orders)
        .values({ customerId: owned.customer.id, registrationId: reg.id, ownerId: reg.ownerId, recordedBy: actor.id, amountCents, at: now, note: note ?? null })
        .returning(),
    );
    let registration = reg;
    if (reg.status !== 'won') {
      registration = await this.records.setRegistration(reg.id, { status: 'won', wonAt: now });
      await this.records.syncCustomer(reg.customerId);
    }
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: 'order.create',
      subjectType: 'registration',
      subjectId: reg.id,
      before: { status: reg.status },
      after: { status: 'won', orderId: order.id, amount: amountCents / 100, attributedTo: reg.ownerId },
    });
    const owner = await this.dir.require(reg.ownerId);
    const manager = await this.dir.managerOf(owner);
    const notify = [manager?.id, owner.id !== actor.id ? owner.id : undefined].filter((x): x is string => !!x);
    await notifyStaff(this.deps, notify, `order:${order.id}`, { template: 'order.won', params: { orderId: order.id } });
    return { owned: { registration, customer: owned.customer }, orderId: order.id };
  }

  /**
   * /修改: the owner (or a manager above them) corrects the contact or mobile of a pending or
   * protected registration. A new mobile is checked like a registration (excluding the customer
   * itself): one another live customer uses is refused. The dedup index follows in the same
   * transaction, so the old number stops blocking and the new one blocks.
   */
  async amendContact(actor: Staff, customerQuery: string, change: ContactChange): Promise<AmendResult> {
    const owned = await this.amendable(actor, customerQuery);
    const c = owned.customer;
    const audit = { details: { audit: { subjectType: 'customer', subjectId: c.id, action: 'registration.amend' } } };
    const contactName = change.contactName ?? c.contactName;
    const mobile = change.mobile ?? c.mobile;
    if (contactName === c.contactName && mobile === c.mobile) {
      throw new DomainError('no_change', `「${c.name}」的联系人和手机已经是这样了，没有修改。`, { hint: `/客户 ${c.name}`, ...audit });
    }
    if (mobile && mobile !== c.mobile) {
      // A new number tells who holds it, like /查重 手机=…: it counts against the same limit, and a
      // refusal is recorded as such a look-up, so that /修改 cannot walk a number list either.
      const quota = new LookupQuota(this.deps, this.dir);
      await quota.admit(actor, { mobile });
      await this.refuseHeldMobile(c.id, mobile, { details: { audit: quota.auditOf(actor, { mobile }) } });
      await quota.record(actor, { mobile }, { tier: 'none', customerIds: [] });
    }
    const mobileAsTyped = change.mobile !== undefined && change.mobile !== c.mobile ? change.mobileAsTyped ?? null : c.mobileAsTyped;
    const { db, t } = this.deps.tx;
    const updated = only(await db.update(t.customers).set({ contactName, mobile, mobileAsTyped }).where(eq(t.customers.id, c.id)).returning());
    await this.finder.index(c.id, { name: updated.name, uscc: updated.uscc, mobile: updated.mobile, landline: updated.landline });
    if (owned.registration.status === 'pending') await this.reviseApprovalContact(owned.registration.id, `${contactName} ${mobile ? maskMobile(mobile) : ''}`.trim());
    const shown = (name: string, m: string | null) => ({ contactName: name, mobile: m ? maskMobile(m) : null });
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: 'registration.amend',
      subjectType: 'customer',
      subjectId: c.id,
      before: shown(c.contactName, c.mobile),
      after: shown(contactName, mobile),
    });
    return { owned: { registration: owned.registration, customer: updated }, before: { contactName: c.contactName, mobile: c.mobile, mobileAsTyped: c.mobileAsTyped } };
  }

  /**
   * /撤回: the registrant takes back a registration still waiting for approval. The approval is
   * cancelled (its card updated wherever it was delivered), the approvers are told, and the
   * customer no longer blocks anyone.
   */
  async withdraw(actor: Staff, customerQuery: string, reason: string): Promise<{ owned: Owned; toldIds: string[] }> {
    const owned = await this.lookup.ownedOne(actor, customerQuery, { statuses: ['pending', 'protected', 'won'] });
    const reg = owned.registration;
    const name = owned.customer.name;
    if (reg.status !== 'pending') {
      throw new DomainError('not_pending', `「${name}」${reg.status === 'won' ? '已成交' : '已审批通过'}，只有审批中的报备可以撤回。`, {
        hint: reg.status === 'won' ? `/客户 ${name}` : `不再跟进请发送 /释放 ${name} <原因>`,
        details: { audit: { subjectType: 'registration', subjectId: reg.id, action: 'registration.withdraw' } },
      });
    }
    const approval = await this.approvals.pendingOf('registration', reg.id);
    const approvers = approval ? await this.currentApprovers(approval) : [];
    if (approval) await this.approvals.cancel(approval.id, actor.id, reason ? `报备人撤回：${reason}` : '报备人撤回');
    for (const kind of ['dispute', 'collaboration']) {
      for (let a = await this.approvals.pendingOf(kind, reg.id); a; a = await this.approvals.pendingOf(kind, reg.id)) await this.approvals.cancel(a.id, actor.id, '报备已撤回');
    }
    const ended = await this.records.endRegistration(reg.id, 'cancelled', this.deps.clock.now(), 'withdrawn');
    await this.records.syncCustomer(reg.customerId);
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: 'registration.withdraw',
      subjectType: 'registration',
      subjectId: reg.id,
      before: { status: 'pending' },
      after: { status: 'cancelled', ...(reason ? { reason } : {}) },
    });
    const toldIds = [...new Set(approvers)].filter((id) => id !== actor.id);
    await notifyStaff(this.deps, toldIds, `registration:${reg.id}:withdrawn`, { template: 'registration.withdrawn', params: { registrationId: reg.id, reason } });
    return { owned: { registration: ended, customer: (await this.records.customer(reg.customerId))! }, toldIds };
  }

  /** The approver decides on what the customer now is: the card's 联系人 follows a correction. */
  private async reviseApprovalContact(registrationId: number, contact: string): Promise<void> {
    const approval = await this.approvals.pendingOf('registration', registrationId);
    if (!approval) return;
    const facts = approval.facts.map((f) => (f.label === '联系人' ? { ...f, value: contact } : f));
    const { db, t } = this.deps.tx;
    await db.update(t.approvals).set({ facts }).where(eq(t.approvals.id, approval.id));
    const step = await this.currentStep(approval);
    if (step) for (const card of await cardsOfSubject(this.deps, 'approval_step', step.id)) await reviseCard(this.deps, card.id);
  }

  private async currentStep(approval: ApprovalRow) {
    return (await this.approvals.steps(approval.id)).find((s) => s.idx === approval.currentStep);
  }

  /** Everyone the approval's current step waits on (escalated stand-ins too). */
  private async currentApprovers(approval: ApprovalRow): Promise<string[]> {
    const step = await this.currentStep(approval);
    return step ? (await this.approvals.assignees(step.id)).map((a) => a.staffId) : [];
  }

  /** A mobile another customer is held under (or pooled with) cannot be given to this one. */
  private async refuseHeldMobile(customerId: number, mobile: string, audit: { details: Record<string, unknown> }): Promise<void> {
    const check = await this.finder.check({ name: '', mobile }, { excludeCustomerId: customerId, forWrite: true });
    for (const m of check.matches) {
      if (m.tier !== 'duplicate' || m.customer.mobile !== mobile) continue;
      const other = m.customer;
      const holder = await this.records.activeRegistrationOf(other.id);
      if (holder) {
        const who = (await this.dir.get(holder.ownerId))?.name ?? holder.ownerId;
        const until = holder.status === 'won' ? '已成交' : holder.protectedUntil ? `保护期至 ${this.deps.time.date(holder.protectedUntil)}` : '审批中';
        throw new DomainError('mobile_taken', `这个手机号已被 ${who} 报备的「${other.name}」使用（${until}），不能改成这个号码。`, {
          hint: `请核对号码；如认为是同一客户，可发送 /申诉 ${other.name} <理由>`,
          ...audit,
        });
      }
      if (other.status === 'pool') {
        throw new DomainError('mobile_taken', `这个手机号属于公海池中的客户「${other.name}」，不能改成这个号码。`, { hint: `请核对号码，或发送 /认领 ${other.name}`, ...audit });
      }
    }
  }

  /** The actor's own live customer, or one of their people's when they manage them. */
  private async amendable(actor: Staff, query: string): Promise<Owned> {
    const statuses = ['pending', 'protected', 'won'] as const;
    const own = await this.lookup.owned(actor, query, { statuses });
    let found: Owned | undefined = own.length === 1 ? own[0] : undefined;
    if (!found && own.length === 0 && (actor.role === 'manager' || actor.role === 'director')) {
      for (const c of await this.lookup.find(query)) {
        const reg = await this.records.activeRegistrationOf(c.id);
        const owner = reg ? await this.dir.get(reg.ownerId) : undefined;
        if (reg && owner && (await this.dir.isAbove(actor, owner))) {
          found = { registration: reg, customer: c };
          break;
        }
      }
    }
    if (!found && own.length === 0) {
      const other = await this.firstHeld(await this.lookup.find(query));
      if (other) {
        const who = (await this.dir.get(other.reg.ownerId))?.name ?? other.reg.ownerId;
        throw new DomainError('not_owner', `「${other.c.name}」由 ${who} 报备，只有 ${who} 或其上级经理可以修改。`, {
          hint: '/我的（查看你名下的客户）',
          details: { audit: { subjectType: 'customer', subjectId: other.c.id, action: 'registration.amend' } },
        });
      }
    }
    found ??= await this.lookup.ownedOne(actor, query, { statuses });
    if (found.registration.status === 'won') {
      throw new DomainError('already_won', `「${found.customer.name}」已成交，报备时的联系人和手机不能再修改。`, {
        hint: `新的联系方式可以记在跟进里：/跟进 ${found.customer.name} 联系人改为…`,
        details: { audit: { subjectType: 'customer', subjectId: found.customer.id, action: 'registration.amend' } },
      });
    }
    return found;
  }

  /** The first of these customers someone holds, with its live registration. */
  private async firstHeld(found: CustomerRow[]): Promise<{ c: CustomerRow; reg: RegistrationRow } | undefined> {
    for (const c of found) {
      const reg = await this.records.activeRegistrationOf(c.id);
      if (reg) return { c, reg };
    }
    return undefined;
  }

  private async findForWon(actor: Staff, query: string): Promise<Owned> {
    const own = await this.lookup.owned(actor, query, { statuses: ['protected', 'won', 'pending'] });
    if (own.length === 1) return own[0]!;
    if (actor.role === 'sales' || actor.role === 'partner' || own.length > 1) return await this.lookup.ownedOne(actor, query, { statuses: ['protected', 'won', 'pending'] });
    // Managers, directors and admins may record an order on their people's customers.
    const candidates = (await this.lookup.find(query)).filter((c) => c.status === 'protected' || c.status === 'won');
    for (const c of candidates) {
      const reg = await this.records.activeRegistrationOf(c.id);
      const owner = reg ? await this.dir.get(reg.ownerId) : undefined;
      if (reg && owner && (actor.role !== 'manager' || (await this.dir.isAbove(actor, owner)))) return { registration: reg, customer: c };
    }
    refuse('not_found', `没有找到你可以登记成交的客户「${query}」。`, '/我的');
  }
}
