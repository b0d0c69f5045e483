import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { insertRow } from '../../../db/insert-row';
import { approvals, approvalSteps, approvalAssignees } from '../../../db/schema';
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

/**
 * Generic approvals: a chain of steps, each decided by any one or by all of its approvers.
 * Kinds (registration, extension, dispute, …) plug in what happens when one is decided.
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
  start(spec: StartApproval, opts: { audit?: boolean } = {}): ApprovalRow {
    const chain = spec.chain.filter((s) => s.approvers.length > 0);
    if (chain.length === 0) throw new Error(`approval ${spec.kind} without approvers`);
    const now = this.deps.clock.now();
    const db = this.deps.db;
    const p = (name: string) => sql.placeholder(name);
    const approval = insertRow(db, approvals, { kind: spec.kind, subjectId: spec.subjectId, requesterId: spec.requesterId, status: 'pending', title: spec.title, facts: spec.facts, createdAt: now });
    const insertStep = (values: { approvalId: number; idx: number; mode: ApprovalStepRow['mode'] }) => insertRow(db, approvalSteps, { ...values, status: 'waiting' });
    const insertAssignee = prepared(db, 'approvalAssignees.insert', () =>
      db.insert(approvalAssignees).values({ stepId: p('stepId'), approvalId: p('approvalId'), staffId: p('staffId'), source: 'assigned' }).prepare(),
    );
    let first: ApprovalStepRow | undefined;
    chain.forEach((s, idx) => {
      const step = insertStep({ approvalId: approval.id, idx, mode: s.mode });
      first ??= step;
      for (const staffId of new Set(s.approvers)) insertAssignee.run({ stepId: step.id, approvalId: approval.id, staffId });
    });
    if (opts.audit !== false) {
      recordAudit(this.deps, {
        actorId: spec.requesterId,
        action: 'approval.start',
        subjectType: 'approval',
        subjectId: approval.id,
        after: { kind: spec.kind, subjectId: spec.subjectId, chain: chain.map((c) => `${c.mode}:${c.approvers.join('+')}`) },
      });
    }
    this.activateStep(approval, first!, [...new Set(chain[0]!.approvers)]);
    return approval;
  }

  get(id: number): ApprovalRow | undefined {
    return this.deps.db.select().from(approvals).where(eq(approvals.id, id)).get();
  }

  step(stepId: number): ApprovalStepRow | undefined {
    return this.deps.db.select().from(approvalSteps).where(eq(approvalSteps.id, stepId)).get();
  }

  steps(approvalId: number): ApprovalStepRow[] {
    return this.deps.db.select().from(approvalSteps).where(eq(approvalSteps.approvalId, approvalId)).orderBy(asc(approvalSteps.idx)).all();
  }

  assignees(stepId: number): AssigneeRow[] {
    return this.deps.db.select().from(approvalAssignees).where(eq(approvalAssignees.stepId, stepId)).orderBy(asc(approvalAssignees.id)).all();
  }

  /** Steps waiting on this person, oldest first. */
  pendingFor(staffId: string): { approval: ApprovalRow; step: ApprovalStepRow }[] {
    const rows = this.deps.db
      .select({ a: approvals, s: approvalSteps })
      .from(approvalAssignees)
      .innerJoin(approvalSteps, eq(approvalSteps.id, approvalAssignees.stepId))
      .innerJoin(approvals, eq(approvals.id, approvalAssignees.approvalId))
      .where(and(eq(approvalAssignees.staffId, staffId), isNull(approvalAssignees.decision), eq(approvalSteps.status, 'pending')))
      .orderBy(asc(approvalSteps.startedAt))
      .all();
    return rows.map((r) => ({ approval: r.a, step: r.s }));
  }

  pendingOf(kind: string, subjectId: number): ApprovalRow | undefined {
    const db = this.deps.db;
    return prepared(db, 'approvals.pendingOf', () =>
      db
        .select()
        .from(approvals)
        .where(and(eq(approvals.kind, sql.placeholder('kind')), eq(approvals.subjectId, sql.placeholder('subjectId')), eq(approvals.status, 'pending')))
        .prepare(),
    ).get({ kind, subjectId });
  }

  decide(stepId: number, actorId: string, decision: 'approved' | 'rejected', reason?: string): DecideOutcome {
    const step = this.step(stepId);
    if (!step) throw new DomainError('approval_not_found', '找不到这条审批。', { hint: '发送 /审批 查看待你处理的审批' });
    const approval = this.get(step.approvalId)!;
    const refusal = { subjectType: 'approval', subjectId: approval.id, action: `approval.${decision}` };
    if (approval.status !== 'pending' || step.status !== 'pending') {
      const who = approval.decidedBy ? this.dir.get(approval.decidedBy)?.name ?? approval.decidedBy : '';
      const when = approval.decidedAt ? this.deps.time.dateTime(approval.decidedAt) : '';
      const state = approval.status === 'pending' ? '进入下一级审批' : `已${STATUS_ZH[approval.status]}`;
      throw new DomainError('already_decided', `该审批${state}${who ? `（${who} ${when}）` : ''}，本次点击未做任何更改。`, {
        details: { audit: refusal },
      });
    }
    const assignees = this.assignees(stepId);
    const mine = assignees.find((a) => a.staffId === actorId);
    if (!mine) {
      const names = assignees.map((a) => this.dir.get(a.staffId)?.name ?? a.staffId).join('、');
      throw new DomainError('not_approver', `你不是这条审批的审批人，不能${STATUS_ZH[decision]}。当前审批人：${names}。`, {
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
    this.deps.db
      .update(approvalAssignees)
      .set({ decision, decidedAt: now, reason: cleanReason || null })
      .where(eq(approvalAssignees.id, mine.id))
      .run();
    recordAudit(this.deps, {
      actorId,
      action: `approval.${decision}`,
      subjectType: 'approval',
      subjectId: approval.id,
      before: { status: 'pending', step: step.idx },
      after: { decision, step: step.idx, ...(cleanReason ? { reason: cleanReason } : {}) },
    });

    if (decision === 'rejected') {
      this.closeStep(step, 'rejected', now);
      const done = this.finish(approval, 'rejected', actorId, cleanReason, now);
      this.handlers.get(approval.kind)?.onRejected(done, actorId, cleanReason);
      return { result: 'rejected', approval: done };
    }
    if (!this.stepComplete(step, this.assignees(stepId))) {
      for (const c of cardsOfSubject(this.deps, 'approval_step', step.id)) reviseCard(this.deps, c.id);
      return { result: 'recorded', approval };
    }
    this.closeStep(step, 'approved', now);
    const next = this.steps(approval.id).find((s) => s.idx === step.idx + 1);
    if (next) {
      this.deps.db.update(approvals).set({ currentStep: next.idx }).where(eq(approvals.id, approval.id)).run();
      this.activateStep(approval, next, this.assignees(next.id).map((a) => a.staffId));
      return { result: 'advanced', approval: this.get(approval.id)!, nextStep: this.step(next.id)! };
    }
    const done = this.finish(approval, 'approved', actorId, null, now);
    this.handlers.get(approval.kind)?.onApproved(done, actorId);
    return { result: 'approved', approval: done };
  }

  /** Withdraws a pending approval (the subject went away, e.g. handed over); nobody decides it. */
  cancel(approvalId: number, actorId: string, reason: string): void {
    const approval = this.get(approvalId);
    if (!approval || approval.status !== 'pending') return;
    const now = this.deps.clock.now();
    for (const s of this.steps(approvalId)) {
      if (s.status === 'pending' || s.status === 'waiting') this.closeStep(s, 'cancelled', now);
    }
    this.deps.db.update(approvals).set({ status: 'cancelled', decidedAt: now, decidedBy: actorId, reason }).where(eq(approvals.id, approvalId)).run();
    recordAudit(this.deps, { actorId, action: 'approval.cancel', subjectType: 'approval', subjectId: approvalId, before: { status: 'pending' }, after: { status: 'cancelled', reason } });
  }

  /**
   * Someone who left (离职): their undecided place on a step goes to `toId`, who gets a fresh card
   * when the step is live; if `toId` is on the step already, their own decision settles it.
   */
  reassign(stepId: number, fromId: string, toId: string, actorId: string): void {
    const step = this.step(stepId);
    const mine = step ? this.assignees(stepId).find((a) => a.staffId === fromId && !a.decision) : undefined;
    if (!step || !mine) return;
    const approval = this.get(step.approvalId)!;
    if (this.assignees(stepId).some((a) => a.staffId === toId)) this.deps.db.delete(approvalAssignees).where(eq(approvalAssignees.id, mine.id)).run();
    else this.deps.db.update(approvalAssignees).set({ staffId: toId }).where(eq(approvalAssignees.id, mine.id)).run();
    recordAudit(this.deps, { actorId, action: 'approval.reassign', subjectType: 'approval', subjectId: approval.id, before: { step: step.idx, approver: fromId }, after: { step: step.idx, approver: toId } });
    if (step.status !== 'pending') return;
    for (const c of cardsOfSubject(this.deps, 'approval_step', step.id)) reviseCard(this.deps, c.id);
    const card = createCard(this.deps, { kind: 'approval', subjectType: 'approval_step', subjectId: step.id });
    enqueueNotice(this.deps, {
      key: `approval:${approval.id}:step${step.idx}:reassigned:${fromId}`,
      to: { type: 'staff', id: toId },
      payload: { template: 'approval.reassigned', params: { approvalId: approval.id, from: fromId }, cardId: card.id },
    });
  }

  /**
   * Adds a stand-in for each approver who has not decided: their manager, or the director.
   * The stand-in gets a fresh card (a stale one may no longer be updatable on some platforms).
   * `send` lets the SLA check gather the notices of one sweep into digests.
   */
  escalate(step: ApprovalStepRow, send: (n: NoticeInput) => void = (n) => void enqueueNotice(this.deps, n)): string[] {
    const approval = this.get(step.approvalId)!;
    const assignees = this.assignees(step.id);
    // One stand-in may cover several approvers (two managers under the same director).
    const standIns = new Map<string, string[]>();
    for (const a of assignees.filter((x) => x.source === 'assigned' && !x.decision)) {
      const person = this.dir.get(a.staffId);
      const boss = person ? this.dir.managerOf(person) ?? this.dir.directorFor(person) : undefined;
      if (!boss || !boss.active || boss.id === approval.requesterId || assignees.some((x) => x.staffId === boss.id)) continue;
      standIns.set(boss.id, [...(standIns.get(boss.id) ?? []), a.staffId]);
    }
    for (const [target, from] of standIns) {
      this.deps.db
        .insert(approvalAssignees)
        .values({ stepId: step.id, approvalId: approval.id, staffId: target, source: 'escalated', escalatedFrom: from.join(',') })
        .run();
      recordAudit(this.deps, {
        actorId: 'system',
        action: 'approval.escalate',
        subjectType: 'approval',
        subjectId: approval.id,
        after: { step: step.idx, from: from.join(','), to: target },
      });
    }
    const added = [...standIns.keys()];
    if (added.length > 0) {
      const card = createCard(this.deps, { kind: 'approval', subjectType: 'approval_step', subjectId: step.id });
      for (const id of added) {
        send({
          key: `approval:${approval.id}:step${step.idx}:escalated`,
          to: { type: 'staff', id },
          payload: { template: 'approval.escalated', params: { approvalId: approval.id }, cardId: card.id, priority: 'high' },
        });
      }
    }
    return added;
  }

  private activateStep(approval: ApprovalRow, step: ApprovalStepRow, approvers: string[]): void {
    const now = this.deps.clock.now();
    const card = createCard(this.deps, { kind: 'approval', subjectType: 'approval_step', subjectId: step.id });
    this.deps.db.$client
      .prepare("UPDATE approval_steps SET status = 'pending', started_at = ?, card_id = ? WHERE id = ?")
      .run(now.getTime(), card.id, step.id);
    for (const staffId of approvers) {
      enqueueNotice(this.deps, {
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

  private closeStep(step: ApprovalStepRow, status: 'approved' | 'rejected' | 'cancelled', now: Date): void {
    this.deps.db.update(approvalSteps).set({ status, decidedAt: now }).where(eq(approvalSteps.id, step.id)).run();
    for (const c of cardsOfSubject(this.deps, 'approval_step', step.id)) reviseCard(this.deps, c.id, { close: true });
  }

  private finish(approval: ApprovalRow, status: 'approved' | 'rejected', actorId: string, reason: string | null, now: Date): ApprovalRow {
    this.deps.db.update(approvals).set({ status, decidedAt: now, decidedBy: actorId, reason }).where(eq(approvals.id, approval.id)).run();
    const done = this.get(approval.id)!;
    enqueueNotice(this.deps, {
      key: `approval:${approval.id}:decided`,
      to: { type: 'staff', id: approval.requesterId },
      payload: { template: 'approval.decided', params: { approvalId: approval.id } },
    });
    return done;
  }

  /** Pending steps started before `before` (for the SLA check). */
  pendingStepsStartedBefore(before: Date): ApprovalStepRow[] {
    return this.deps.db
      .select()
      .from(approvalSteps)
      .where(and(eq(approvalSteps.status, 'pending'), lte(approvalSteps.startedAt, before)))
      .all();
  }

  undecidedAssignees(stepId: number): AssigneeRow[] {
    return this.deps.db
      .select()
      .from(approvalAssignees)
      .where(and(eq(approvalAssignees.stepId, stepId), isNull(approvalAssignees.decision)))
      .all();
  }

  approvalsByIds(ids: number[]): ApprovalRow[] {
    return ids.length === 0 ? [] : this.deps.db.select().from(approvals).where(inArray(approvals.id, ids)).all();
  }
}
