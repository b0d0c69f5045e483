import { eq } from 'drizzle-orm';
import { only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import type { ApprovalService } from '../approval/approval-service';
import type { ApprovalRow } from '../approval/types';
import { recordAudit } from '../audit/audit';
import { createCard } from '../cards/cards';
import { DomainError } from '../errors';
import { maskMobile } from '../dedup';
import { customerFields } from './customer-fields';
import { registrationChain } from './approval-chain';
import type { DuplicateFinder, DuplicateMatch } from './duplicate-finder';
import type { Records } from './records';
import type { CustomerRow, RegistrationInput, RegistrationRow } from './types';
import { protect } from './protection';

export type RegisterResult =
  | {
      kind: 'submitted';
      customer: CustomerRow;
      registration: RegistrationRow;
      approval?: ApprovalRow;
      approverIds: string[];
      /** Approval steps (2 for a key account: manager, then director). */
      steps: number;
      suspects: DuplicateMatch[];
    }
  | { kind: 'blocked'; customer: CustomerRow; holder: RegistrationRow; holderName: string; reasons: string[]; cardId: number }
  | { kind: 'needs_confirmation'; suspects: DuplicateMatch[]; usccWarning: boolean; cardId: number };

/** A hook later features add (e.g. dealer authorization and region checks); throws (or rejects with) DomainError to refuse. */
export type RegistrationGuard = (actor: Staff, input: RegistrationInput) => Promise<void> | void;

export class RegisterService {
  private readonly guards: RegistrationGuard[] = [];

  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly records: Records,
    private readonly finder: DuplicateFinder,
    private readonly approvals: ApprovalService,
  ) {}

  addGuard(g: RegistrationGuard): void {
    this.guards.push(g);
  }

  /** Runs inside one write unit of work: the check and the insert cannot interleave with another. */
  async register(actor: Staff, input: RegistrationInput): Promise<RegisterResult> {
    for (const g of this.guards) await g(actor, input);
    const check = await this.finder.check({ name: input.company, uscc: input.uscc ?? null, mobile: input.mobile, landline: input.landline ?? null }, { forWrite: true });
    const duplicates = check.matches.filter((m) => m.tier === 'duplicate');
    let reuse: CustomerRow | undefined;
    for (const d of duplicates) {
      const c = d.customer;
      if (c.status === 'pool') {
        this.refuse(actor, c, 'in_pool', `「${c.name}」已在公海池，可以直接认领。`, `/认领 ${c.name}`);
      }
      const holder = await this.records.activeRegistrationOf(c.id);
      if (holder && holder.ownerId === actor.id) {
        const until = holder.protectedUntil ? `，保护期至 ${this.deps.time.date(holder.protectedUntil)}` : '（审批中）';
        this.refuse(actor, c, 'already_yours', `你已报备过「${c.name}」${until}，无需重复报备。`, `/客户 ${c.name}`);
      }
      if (holder) return this.blocked(actor, input, c, holder, d.reasons);
      reuse ??= c;
    }
    const suspects = check.matches.filter((m) => m.tier === 'suspect' && m.customer.id !== reuse?.id);
    const usccWarning = input.usccChecksumOk === false;
    if ((suspects.length > 0 || usccWarning) && !input.confirmed) {
      const card = await createCard(this.deps, {
        kind: 'confirm_registration',
        subjectType: 'staff',
        subjectId: 0,
        audienceId: actor.id,
        data: {
          input: { ...input },
          suspects: suspects.map((s) => ({ customerId: s.customer.id, name: s.customer.name, reason: s.reasons.join('；') })),
          usccWarning,
        },
      });
      return { kind: 'needs_confirmation', suspects, usccWarning, cardId: card.id };
    }
    return this.submit(actor, input, reuse, suspects);
  }

  private async submit(actor: Staff, input: RegistrationInput, reuse: CustomerRow | undefined, suspects: DuplicateMatch[]): Promise<RegisterResult> {
    const now = this.deps.clock.now();
    const keyAccount = input.keyAccount === true || (input.budgetWan ?? 0) >= this.deps.rules.registration.keyAccountBudgetWan;
    const chain = await registrationChain(this.dir, actor, keyAccount);
    if (chain === undefined) {
      throw new DomainError('no_approver', '没有找到你的审批人，报备未提交。请联系管理员在组织架构中设置你的上级。');
    }
    const fields = customerFields({ ...input, keyAccount });
    const tx = this.deps.tx;
    const { db, t } = tx;
    const customer = reuse
      ? only(await db.update(t.customers).set(fields).where(eq(t.customers.id, reuse.id)).returning())
      : await tx.insertRow(t.customers, { ...fields, createdAt: now, createdBy: actor.id });
    await this.finder.index(customer.id, { name: customer.name, uscc: customer.uscc, mobile: customer.mobile, landline: customer.landline }, { fresh: !reuse });
    let registration = await tx.insertRow(t.registrations, {
      status: 'pending',
      via: 'register',
      customerId: customer.id,
      ownerId: actor.id,
      keyAccount,
      createdAt: now,
      suspects: suspects.length > 0 ? suspects.map((s) => ({ customerId: s.customer.id, name: s.customer.name, reason: s.reasons.join('；') })) : null,
      usccWarning: input.usccChecksumOk === false,
    });
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: 'registration.create',
      subjectType: 'customer',
      subjectId: customer.id,
      before: reuse ? { status: reuse.status } : {},
      after: {
        registrationId: registration.id,
        status: 'pending',
        owner: actor.id,
        keyAccount,
        mobile: maskMobile(input.mobile),
        approvers: chain.map((s) => s.approvers.join('+')).join(' → ') || '无需审批',
      },
      ...(suspects.length > 0 ? { detail: `确认了疑似重复：${suspects.map((s) => s.customer.name).join('、')}` } : {}),
    });
    let approval: ApprovalRow | undefined;
    if (chain.length === 0) {
      registration = await protect(this.deps, this.records, registration, 'system', this.deps.rules.registration.protectionDays, 'registration.auto_approved');
    } else {
      approval = await this.approvals.start({
        kind: 'registration',
        subjectId: registration.id,
        requesterId: actor.id,
        title: `${keyAccount ? '重点客户' : '客户'}报备：${customer.name}`,
        facts: await this.facts(actor, customer, input, suspects, keyAccount),
        chain,
      }, { audit: false });
    }
    return {
      kind: 'submitted',
      customer: await this.records.markActive(customer, registration),
      registration,
      ...(approval ? { approval } : {}),
      approverIds: chain.flatMap((s) => s.approvers),
      steps: chain.length,
      suspects,
    };
  }

  private async facts(actor: Staff, c: CustomerRow, input: RegistrationInput, suspects: DuplicateMatch[], keyAccount: boolean) {
    const dealer = actor.role === 'partner' && actor.dealerId ? `（${(await this.dir.dealer(actor.dealerId))?.name ?? '代理商'}）` : '';
    const f: { label: string; value: string }[] = [
      { label: '公司', value: c.name },
      { label: '报备人', value: `${actor.name}${dealer}` },
      { label: '联系人', value: `${c.contactName} ${maskMobile(input.mobile)}` },
    ];
    if (c.uscc) f.push({ label: '信用代码', value: input.usccChecksumOk === false ? `${c.uscc}（⚠ 校验位不符，报备人已确认）` : c.uscc });
    const region = [c.province, c.city].filter(Boolean).join(' ');
    if (region) f.push({ label: '地区', value: region });
    if (c.product) f.push({ label: '意向产品', value: c.product });
    if (c.budgetWan !== null) f.push({ label: '预算', value: `${c.budgetWan} 万元` });
    if (c.source) f.push({ label: '来源', value: c.source });
    if (keyAccount) f.push({ label: '重点客户', value: '是（经理审批后需总监审批）' });
    if (c.note) f.push({ label: '备注', value: c.note });
    for (const s of suspects.slice(0, 3)) f.push({ label: '相似客户', value: `${s.customer.name}：${s.reasons.join('；')}` });
    return f;
  }

  private async blocked(actor: Staff, input: RegistrationInput, c: CustomerRow, holder: RegistrationRow, reasons: string[]): Promise<RegisterResult> {
    const holderName = (await this.dir.get(holder.ownerId))?.name ?? holder.ownerId;
    const card = await createCard(this.deps, {
      kind: 'blocked',
      subjectType: 'customer',
      subjectId: c.id,
      audienceId: actor.id,
      data: { holderRegistrationId: holder.id, input: { ...input }, reasons },
    });
    await recordAudit(this.deps, {
      actorId: actor.id,
      action: 'registration.create',
      outcome: 'refused',
      subjectType: 'customer',
      subjectId: c.id,
      detail: `重复报备，已被 ${holderName} 报备（${reasons.join('；')}）`,
    });
    return { kind: 'blocked', customer: c, holder, holderName, reasons, cardId: card.id };
  }

  private refuse(actor: Staff, c: CustomerRow, code: string, message: string, hint: string): never {
    throw new DomainError(code, message, { hint, details: { audit: { subjectType: 'customer', subjectId: c.id, action: 'registration.create' } } });
  }
}
