import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DomainDeps } from '../deps';
import type { Directory } from '../org/directory';
import { recordAudit } from '../audit/audit';
import { createCard, cardsOfSubject, reviseCard } from '../cards/cards';
import { enqueueNotice, type NoticeInput } from '../outbox/notices';
import { DomainError } from '../errors';
import type {
  ApprovalKindHandler, ApprovalRow, ApprovalStepRow, AssigneeRow, DecideOutcome, StartApproval,
} from './types';

const STATUS_ZH = { approved: '通过', rejected: '驳回', cancelled: '撤销', pending: '待审批' } as const;
const p = (name: string) => sql.placeholder(name);
/** A placeholder in an update's SET: drizzle binds it through the column like a value (a Date too); only its types lack it. */
const setTo = <T>(name: string) => sql.placeholder(name) as unknown as T;

/**
 * Generic approvals: a chain of steps, each decided by any one or by all of its approvers.
 * Kinds (registration, extension, dispute, …) plug in what happens when one is decided; they are
 * registered on each instance (one per unit of work), so a handler uses that unit's services.
 */
export class ApprovalService {
  private readonly handlers = new Map<string, ApprovalKindHandler>();

  constructor(private readonly deps: DomainDeps, private readonly dir: Directory) {}

  registerKind(kind: string, handler: ApprovalKindHandler): void {
    this.handlers.set(kind, handler);
  }

  /**
   * Opens an approval and sends the first step's card. `audit: false` when the caller records
   * the start in its own audit row (registration does, to keep its transaction small).
   */
  async start(spec: StartApproval, opts: { audit?: boolean } = {}): Promise<ApprovalRow> {
    const chain = spec.chain.filter((s) => s.approvers.length > 0);
    if (chain.length === 0) throw new Error(`approval ${spec.kind} without approvers`);
    const now = this.deps.clock.now();
    const tx = this.deps.tx;
    const approval = await tx.insertRow(tx.t.approvals, { kind: spec.kind, subjectId: spec.subjectId, requesterId: spec.requesterId, status: 'pending', title: spec.title, facts: spec.facts, createdAt: now });
    const insertAssignee = tx.prepared('approvalAssignees.insert', (db, t) =>
      db.insert(t.approvalAssignees).values({ stepId: p('stepId'), approvalId: p('approvalId'), staffId: p('staffId'), source: 'assigned' }).prepare(),
    );
    let first: ApprovalStepRow | undefined;
    for (const [idx, s] of chain.entries()) {
      const step = await tx.insertRow(tx.t.approvalSteps, { approvalId: approval.id, idx, mode: s.mode, status: 'waiting' });
      first ??= step;
      for (const staffId of new Set(s.approvers)) await insertAssignee.run({ stepId: step.id, approvalId: approval.id, staffId });
    }
    if (opts.audit !== false) {
      await recordAudit(this.deps, {
        actorId: spec.requesterId,
        action: 'approval.start',
        subjectType: 'approval',
        subjectId: approval.id,
        after: { kind: spec.kind, subjectId: spec.subjectId, chain: chain.map((c) => `${c.mode}:${c.approvers.join('+')}`) },
      });
    }
    await this.activateStep(approval, first!, [...new Set(chain[0]!.approvers)]);
    return approval;
  }

  async get(id: number): Promise<ApprovalRow | undefined> {
    return await this.deps.tx.prepared('approvals.byId', (db, t) => db.select().from(t.approvals).where(eq(t.approvals.id, p('id'))).prepare()).get({ id });
  }

  async step(stepId: number): Promise<ApprovalStepRow | undefined> {
    return await this.deps.tx.prepared('approvalSteps.byId', (db, t) => db.select().from(t.approvalSteps).where(eq(t.approvalSteps.id, p('id'))).prepare()).get({ id: stepId });
  }

  async steps(approvalId: number): Promise<ApprovalStepRow[]> {
    return await this.deps.tx
      .prepared('approvalSteps.ofApproval', (db, t) => db.select().from(t.approvalSteps).where(eq(t.approvalSteps.approvalId, p('approval'))).orderBy(asc(t.approvalSteps.idx)).prepare())
      .all({ approval: approvalId });
  }

  async assignees(stepId: number): Promise<AssigneeRow[]> {
    return await this.deps.tx
      .prepared('approvalAssignees.ofStep', (db, t) => db.select().from(t.approvalAssignees).where(eq(t.approvalAssignees.stepId, p('step'))).orderBy(asc(t.approvalAssignees.id)).prepare())
      .all({ step: stepId });
  }

  /** Steps waiting on this person, oldest first. */
  async pendingFor(staffId: string): Promise<{ approval: ApprovalRow; step: ApprovalStepRow }[]> {
    const { db, t } = this.deps.tx;
    const rows = await db
      .select({ a: t.approvals, s: t.approvalSteps })
      .from(t.approvalAssignees)
      .innerJoin(t.approvalSteps, eq(t.approvalSteps.id, t.approvalAssignees.stepId))
      .innerJoin(t.approvals, eq(t.approvals.id, t.approvalAssignees.approvalId))
      .where(and(eq(t.approvalAssignees.staffId, staffId), isNull(t.approvalAssignees.decision), eq(t.approvalSteps.status, 'pending')))
      .orderBy(asc(t.approvalSteps.startedAt));
    return rows.map((r) => ({ approval: r.a, step: r.s }));
  }

  async pendingOf(kind: string, subjectId: number): Promise<ApprovalRow | undefined> {
    return await this.deps.tx
      .prepared('approvals.pendingOf', (db, t) =>
        db
          .select()
          .from(t.approvals)
          .where(and(eq(t.approvals.kind, p('kind')), eq(t.approvals.subjectId, p('subjectId')), eq(t.approvals.status, 'pending')))
          .prepare(),
      )
      .get({ kind, subjectId });
  }

  async decide(stepId: number, actorId: string, decision: 'approved' | 'rejected', reason?: string): Promise<DecideOutcome> {
    const step = await this.step(stepId);
    if (!step) throw new DomainError('approval_not_found', '找不到这条审批。', { hint: '发送 /审批 查看待你处理的审批' });
    const approval = (await this.get(step.approvalId))!;
    const refusal = { subjectType: 'approval', subjectId: approval.id, action: `approval.${decision}` };
    if (approval.status !== 'pending' || step.status !== 'pending') {
      const who = approval.decidedBy ? (await this.dir.get(approval.decidedBy))?.name ?? approval.decidedBy : '';
      const when = approval.decidedAt ? this.deps.time.dateTime(approval.decidedAt) : '';
      const state = approval.status === 'pending' ? '进入下一级审批' : `已${STATUS_ZH[approval.status]}`;
      throw new DomainError('already_decided', `该审批${state}${who ? `（${who} ${when}）` : ''}，本次点击未做任何更改。`, {
        details: { audit: refusal },
      });
    }
    const assignees = await this.assignees(stepId);
    const mine = assignees.find((a) => a.staffId === actorId);
    if (!mine) {
      const names: string[] = [];
      for (const a of assignees) names.push((await this.dir.get(a.staffId))?.name ?? a.staffId);
      throw new DomainError('not_approver', `你不是这条审批的审批人，不能${STATUS_ZH[decision]}。当前审批人：${names.join('、')}。`, {
        details: { audit: refusal },
      });
    }
    if (mine.decision) {
      throw new DomainError('already_voted', `你已于 ${this.deps.time.dateTime(mine.decidedAt!)} ${STATUS_ZH[mine.decision]}，不能重复操作。`, {
        details: { audit: refusal },
      });
    }
    const cleanReason = reason?.trim() ?? '';
    if (decision === 'rejected' && !cleanReason) {
      throw new DomainError('reason_required', '驳回需要填写原因。', { hint: `/驳回 c<卡片号> <原因>` });
    }
    const now = this.deps.clock.now();
    const { db, t } = this.deps.tx;
    await db
      .update(t.approvalAssignees)
      .set({ decision, decidedAt: now, reason: cleanReason || null })
      .where(eq(t.approvalAssignees.id, mine.id));
    await recordAudit(this.deps, {
      actorId,
      action: `approval.${decision}`,
      subjectType: 'approval',
      subjectId: approval.id,
      before: { status: 'pending', step: step.idx },
      after: { decision, step: step.idx, ...(cleanReason ? { reason: cleanReason } : {}) },
    });

    if (decision === 'rejected') {
      await this.closeStep(step, 'rejected', now);
      const done = await this.finish(approval, 'rejected', actorId, cleanReason, now);
      await this.handlers.get(approval.kind)?.onRejected(done, actorId, cleanReason);
      return { result: 'rejected', approval: done };
    }
    if (!this.stepComplete(step, await this.assignees(stepId))) {
      for (const c of await cardsOfSubject(this.deps, 'approval_step', step.id)) await reviseCard(this.deps, c.id);
      return { result: 'recorded', approval };
    }
    await this.closeStep(step, 'approved', now);
    const next = (await this.steps(approval.id)).find((s) => s.idx === step.idx + 1);
    if (next) {
      await db.update(t.approvals).set({ currentStep: next.idx }).where(eq(t.approvals.id, approval.id));
      await this.activateStep(approval, next, (await this.assignees(next.id)).map((a) => a.staffId));
      return { result: 'advanced', approval: (await this.get(approval.id))!, nextStep: (await this.step(next.id))! };
    }
    const done = await this.finish(approval, 'approved', actorId, null, now);
    await this.handlers.get(approval.kind)?.onApproved(done, actorId);
    return { result: 'approved', approval: done };
  }

  /** Withdraws a pending approval (the subject went away, e.g. handed over); nobody decides it. */
  async cancel(approvalId: number, actorId: string, reason: string): Promise<void> {
    const approval = await this.get(approvalId);
    if (!approval || approval.status !== 'pending') return;
    const { db, t } = this.deps.tx;
    const now = this.deps.clock.now();
    for (const s of await this.steps(approvalId)) {
      if (s.status === 'pending' || s.status === 'waiting') await this.closeStep(s, 'cancelled', now);
    }
    await db.update(t.approvals).set({ status: 'cancelled', decidedAt: now, decidedBy: actorId, reason }).where(eq(t.approvals.id, approvalId));
    await recordAudit(this.deps, { actorId, action: 'approval.cancel', subjectType: 'approval', subjectId: approvalId, before: { status: 'pending' }, after: { status: 'cancelled', reason } });
  }

  /**
   * Someone who left (离职): their undecided place on a step goes to `toId`, who gets a fresh card
   * when the step is live; if `toId` is on the step already, their own decision settles it.
   */
  async reassign(stepId: number, fromId: string, toId: string, actorId: string): Promise<void> {
    const step = await this.step(stepId);
    const assignees = step ? await this.assignees(stepId) : [];
    const mine = assignees.find((a) => a.staffId === fromId && !a.decision);
    if (!step || !mine) return;
    const { db, t } = this.deps.tx;
    const approval = (await this.get(step.approvalId))!;
    if (assignees.some((a) => a.staffId === toId)) await db.delete(t.approvalAssignees).where(eq(t.approvalAssignees.id, mine.id));
    else await db.update(t.approvalAssignees).set({ staffId: toId }).where(eq(t.approvalAssignees.id, mine.id));
    await recordAudit(this.deps, { actorId, action: 'approval.reassign', subjectType: 'approval', subjectId: approval.id, before: { step: step.idx, approver: fromId }, after: { step: step.idx, approver: toId } });
    if (step.status !== 'pending') return;
    for (const c of await cardsOfSubject(this.deps, 'approval_step', step.id)) await reviseCard(this.deps, c.id);
    const card = await createCard(this.deps, { kind: 'approval', subjectType: 'approval_step', subjectId: step.id });
    await enqueueNotice(this.deps, {
      key: `approval:${approval.id}:step${step.idx}:reassigned:${fromId}`,
      to: { type: 'staff', id: toId },
      payload: { template: 'approval.reassigned', params: { approvalId: approval.id, from: fromId }, cardId: card.id },
    });
  }

  /**
   * Adds a stand-in for each approver who has not decided: their manager, or the director.
   * The stand-in gets a fresh card (a stale one may no longer be updatable on some platforms).
   * `send` lets the SLA check gather the notices of one sweep into digests (it is awaited).
   */
  async escalate(step: ApprovalStepRow, send: (n: NoticeInput) => unknown = (n) => enqueueNotice(this.deps, n)): Promise<string[]> {
    const { db, t } = this.deps.tx;
    const approval = (await this.get(step.approvalId))!;
    const assignees = await this.assignees(step.id);
    // One stand-in may cover several approvers (two managers under the same director).
    const standIns = new Map<string, string[]>();
    for (const a of assignees.filter((x) => x.source === 'assigned' && !x.decision)) {
      const person = await this.dir.get(a.staffId);
      const boss = person ? (await this.dir.managerOf(person)) ?? (await this.dir.directorFor(person)) : undefined;
      if (!boss || !boss.active || boss.id === approval.requesterId || assignees.some((x) => x.staffId === boss.id)) continue;
      standIns.set(boss.id, [...(standIns.get(boss.id) ?? []), a.staffId]);
    }
    for (const [target, from] of standIns) {
      await db
        .insert(t.approvalAssignees)
        .values({ stepId: step.id, approvalId: approval.id, staffId: target, source: 'escalated', escalatedFrom: from.join(',') });
      await recordAudit(this.deps, {
        actorId: 'system',
        action: 'approval.escalate',
        subjectType: 'approval',
        subjectId: approval.id,
        after: { step: step.idx, from: from.join(','), to: target },
      });
    }
    const added = [...standIns.keys()];
    if (added.length > 0) {
      const card = await createCard(this.deps, { kind: 'approval', subjectType: 'approval_step', subjectId: step.id });
      for (const id of added) {
        await send({
          key: `approval:${approval.id}:step${step.idx}:escalated`,
          to: { type: 'staff', id },
          payload: { template: 'approval.escalated', params: { approvalId: approval.id }, cardId: card.id, priority: 'high' },
        });
      }
    }
    return added;
  }

  private async activateStep(approval: ApprovalRow, step: ApprovalStepRow, approvers: string[]): Promise<void> {
    const now = this.deps.clock.now();
    const card = await createCard(this.deps, { kind: 'approval', subjectType: 'approval_step', subjectId: step.id });
    await this.deps.tx
      .prepared('approvalSteps.activate', (db, t) =>
        db.update(t.approvalSteps).set({ status: 'pending', startedAt: setTo<Date>('startedAt'), cardId: setTo<number>('cardId') }).where(eq(t.approvalSteps.id, p('id'))).prepare(),
      )
      .run({ startedAt: now, cardId: card.id, id: step.id });
    for (const staffId of approvers) {
      await enqueueNotice(this.deps, {
        key: `approval:${approval.id}:step${step.idx}:request`,
        to: { type: 'staff', id: staffId },
        payload: { template: 'approval.request', params: { approvalId: approval.id }, cardId: card.id },
      });
    }
  }

  private stepComplete(step: ApprovalStepRow, assignees: AssigneeRow[]): boolean {
    if (step.mode === 'any') return assignees.some((a) => a.decision === 'approved');
    return assignees
      .filter((a) => a.source === 'assigned')
      .every((a) => a.decision === 'approved' || assignees.some((s) => s.decision === 'approved' && (s.escalatedFrom ?? '').split(',').includes(a.staffId)));
  }

  private async closeStep(step: ApprovalStepRow, status: 'approved' | 'rejected' | 'cancelled', now: Date): Promise<void> {
    const { db, t } = this.deps.tx;
    await db.update(t.approvalSteps).set({ status, decidedAt: now }).where(eq(t.approvalSteps.id, step.id));
    for (const c of await cardsOfSubject(this.deps, 'approval_step', step.id)) await reviseCard(this.deps, c.id, { close: true });
  }

  private async finish(approval: ApprovalRow, status: 'approved' | 'rejected', actorId: string, reason: string | null, now: Date): Promise<ApprovalRow> {
    const { db, t } = this.deps.tx;
    await db.update(t.approvals).set({ status, decidedAt: now, decidedBy: actorId, reason }).where(eq(t.approvals.id, approval.id));
    const done = (await this.get(approval.id))!;
    await enqueueNotice(this.deps, {
      key: `approval:${approval.id}:decided`,
      to: { type: 'staff', id: approval.requesterId },
      payload: { template: 'approval.decided', params: { approvalId: approval.id } },
    });
    return done;
  }

  /** Pending steps started before `before` (for the SLA check). */
  async pendingStepsStartedBefore(before: Date): Promise<ApprovalStepRow[]> {
    const { db, t } = this.deps.tx;
    return await db
      .select()
      .from(t.approvalSteps)
      .where(and(eq(t.approvalSteps.status, 'pending'), lte(t.approvalSteps.startedAt, before)));
  }

  async undecidedAssignees(stepId: number): Promise<AssigneeRow[]> {
    const { db, t } = this.deps.tx;
    return await db
      .select()
      .from(t.approvalAssignees)
      .where(and(eq(t.approvalAssignees.stepId, stepId), isNull(t.approvalAssignees.decision)));
  }

  async approvalsByIds(ids: number[]): Promise<ApprovalRow[]> {
    if (ids.length === 0) return [];
    const { db, t } = this.deps.tx;
    return await db.select().from(t.approvals).where(inArray(t.approvals.id, ids));
  }
}
