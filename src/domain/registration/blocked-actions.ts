import { count, eq } from 'drizzle-orm';
import { first } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import type { ApprovalService } from '../approval/approval-service';
import type { ApprovalRow } from '../approval/types';
import { DomainError } from '../errors';
import { maskMobile } from '../dedup';
import type { CustomerLookup } from './lookup';
import type { Records } from './records';
import type { RegistrationInput, RegistrationRow } from './types';

/**
 * What a blocked registrant can do: dispute (申诉) or ask to share (申请协作), from the blocked
 * card or typed (/申诉 <客户> <理由>, /协作 <客户>) naming the customer.
 */
export class BlockedActions {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly records: Records,
    private readonly approvals: ApprovalService,
    private readonly lookup: CustomerLookup,
  ) {}

  /**
   * The live registration of the customer named `query`, held by someone other than the actor:
   * what a typed 申诉 / 协作 is about. `action` names the refusal in the audit log.
   */
  async heldByOther(actor: Staff, query: string, action: 'dispute.request' | 'collaboration.request'): Promise<RegistrationRow> {
    const verb = action === 'dispute.request' ? '申诉' : '协作';
    const found = await this.lookup.find(query);
    if (found.length === 0) {
      throw new DomainError('not_found', `没有找到客户「${query}」。`, { hint: `先发送 /查重 ${query} 确认客户名称` });
    }
    if (found.length > 1) {
      const cmd = action === 'dispute.request' ? '/申诉' : '/协作';
      const names = found.slice(0, 6).map((c) => `#${c.id} ${c.name}`).join('\n');
      throw new DomainError('ambiguous', `「${query}」匹配到 ${found.length} 个客户，请写全称或用编号：\n${names}`, {
        hint: `${cmd} #${found[0]!.id}${action === 'dispute.request' ? ' <理由>' : ''}`,
      });
    }
    const customer = found[0]!;
    const audit = { details: { audit: { subjectType: 'customer', subjectId: customer.id, action } } };
    const holder = await this.records.activeRegistrationOf(customer.id);
    if (!holder) {
      const where = customer.status === 'pool' ? `在公海池中，可以直接认领` : '目前没有人报备，可以直接报备';
      const hint = customer.status === 'pool' ? `/认领 ${customer.name}` : `/报备 ${customer.name} <联系人> <手机>`;
      throw new DomainError('not_held', `「${customer.name}」${where}，不需要${verb}。`, { hint, ...audit });
    }
    if (holder.ownerId === actor.id) {
      throw new DomainError('own_customer', `「${customer.name}」是你自己的客户，不需要${verb}。`, { hint: `/客户 ${customer.name}`, ...audit });
    }
    return holder;
  }

  /** `input` is what the blocked registrant typed, when the dispute comes from the blocked card. */
  async dispute(actor: Staff, holderRegistrationId: number, input: RegistrationInput | undefined, reason: string): Promise<ApprovalRow> {
    const { holder, customer, owner } = await this.live(holderRegistrationId);
    if (holder.status === 'won') {
      // An upheld dispute moves a pending or protected customer; a won order stays attributed.
      const boss = await this.dir.managerOf(owner);
      throw new DomainError('already_won', `「${customer.name}」已由 ${owner.name} 成交，成交后的客户不能申诉。`, {
        hint: `对业绩归属有异议，请联系 ${boss?.name ?? '管理员'}`,
        details: { audit: { subjectType: 'customer', subjectId: customer.id, action: 'dispute.request' } },
      });
    }
    const existing = await this.approvals.pendingOf('dispute', holder.id);
    if (existing) throw new DomainError('dispute_pending', `「${customer.name}」已有一条申诉在处理中，请等待结果。`);
    const approvers = new Set<string>();
    for (const p of [owner, actor]) {
      const m = await this.dir.managerOf(p);
      const who = m?.active ? m : await this.dir.directorFor(p);
      if (who && who.id !== actor.id && who.id !== owner.id) approvers.add(who.id);
    }
    if (approvers.size === 0) throw new DomainError('no_approver', '没有找到可以处理申诉的经理，请联系管理员。');
    const { db, t: tables } = this.deps.tx;
    const follow = first(await db.select({ n: count() }).from(tables.followUps).where(eq(tables.followUps.registrationId, holder.id)))?.n ?? 0;
    const t = this.deps.time;
    return await this.approvals.start({
      kind: 'dispute',
      subjectId: holder.id,
      requesterId: actor.id,
      title: `报备申诉：${customer.name}`,
      facts: [
        { label: '公司', value: customer.name },
        { label: '申诉人', value: actor.name },
        { label: '申诉理由', value: reason.trim() || '（未填写）' },
        ...(input ? [{ label: '申诉人提供', value: `${input.company}，${input.contactName} ${maskMobile(input.mobile)}` }] : []),
        { label: '当前归属', value: owner.name },
        { label: '报备时间', value: t.dateTime(holder.createdAt) },
        { label: '保护期至', value: holder.protectedUntil ? t.dateTime(holder.protectedUntil) : '审批中' },
        { label: '跟进记录', value: `${follow} 条${holder.lastFollowUpAt ? `，最近 ${t.dateTime(holder.lastFollowUpAt)}` : ''}` },
        { label: '通过后', value: `客户转给 ${actor.name}，重新计算保护期` },
      ],
      chain: [{ mode: 'any', approvers: [...approvers] }],
    });
  }

  async requestCollaboration(actor: Staff, holderRegistrationId: number, note: string): Promise<ApprovalRow> {
    const { holder, customer, owner } = await this.live(holderRegistrationId);
    if (owner.id === actor.id) throw new DomainError('own_customer', '这是你自己的客户。');
    const existing = await this.approvals.pendingOf('collaboration', holder.id);
    if (existing && existing.requesterId === actor.id) throw new DomainError('collab_pending', `你已向 ${owner.name} 申请协作，请等待 TA 回复。`);
    return await this.approvals.start({
      kind: 'collaboration',
      subjectId: holder.id,
      requesterId: actor.id,
      title: `协作申请：${customer.name}`,
      facts: [
        { label: '公司', value: customer.name },
        { label: '申请人', value: actor.name },
        { label: '说明', value: note.trim() || '（未填写）' },
        { label: '同意后', value: `${actor.name} 可查看客户并记录跟进，业绩仍归你` },
      ],
      chain: [{ mode: 'any', approvers: [owner.id] }],
    });
  }

  private async live(registrationId: number) {
    const holder = await this.records.registration(registrationId);
    if (!holder || !['pending', 'protected', 'won'].includes(holder.status)) {
      throw new DomainError('gone', '该客户的报备状态已变化，请重新发送 /报备 或 /查重。');
    }
    return { holder, customer: (await this.records.customer(holder.customerId))!, owner: await this.dir.require(holder.ownerId) };
  }
}
