import type { DomainDeps } from '../deps';
import type { ApprovalService } from '../approval/approval-service';
import { HOUR_MS } from '../time';
import { enqueueNotice, noticeExists, type NoticeInput } from '../outbox/notices';
import { createCard } from '../cards/cards';

/** One reminder or escalation inside an approver's digest (src/bot/render/reminder-items.ts). */
export const APPROVAL_DIGEST_ITEM = 'approval.overdue';
/** Tells the requester that their request went up to a stand-in. */
export const APPROVAL_ESCALATED_REQUESTER = 'approval.escalated_requester';

/**
 * Approvals waiting too long: a reminder to the approver, then a stand-in above them, and the
 * requester told. Run the whole check in one write unit of work (`root.write((d) =>
 * checkApprovalSla(d.deps, d.approvals))`), so that the notices for one approver are known
 * together: a single one keeps its approval card; several become one digest card.
 */
export async function checkApprovalSla(deps: DomainDeps, approvals: ApprovalService, batchKey = `sla:${deps.clock.now().toISOString()}`): Promise<{ reminded: number; escalated: number }> {
  const now = deps.clock.now().getTime();
  const { remindAfterHours, escalateAfterHours } = deps.rules.approval;
  let reminded = 0;
  let escalated = 0;
  const steps = await approvals.pendingStepsStartedBefore(new Date(now - remindAfterHours * HOUR_MS));
  if (steps.length === 0) return { reminded, escalated };
  const toApprover = new Map<string, NoticeInput[]>();
  const reminders = new Set<NoticeInput>();
  const gather = (n: NoticeInput): void => {
    toApprover.set(n.to.id, [...(toApprover.get(n.to.id) ?? []), n]);
  };
  for (const step of steps) {
    const waited = now - step.startedAt!.getTime();
    const assignees = await approvals.assignees(step.id);
    if (waited >= escalateAfterHours * HOUR_MS && !assignees.some((a) => a.source === 'escalated')) {
      if ((await approvals.escalate(step, gather)).length === 0) continue;
      escalated++;
      const approval = (await approvals.get(step.approvalId))!;
      await enqueueNotice(deps, {
        key: `approval:${approval.id}:step${step.idx}:escalated:requester`,
        to: { type: 'staff', id: approval.requesterId },
        payload: { template: APPROVAL_ESCALATED_REQUESTER, params: { approvalId: approval.id, stepId: step.id } },
        // Not the approver digest's key: a requester may be an approver in the same check.
        batchKey: `${batchKey}:requester:${approval.requesterId}`,
      });
      continue;
    }
    // Stand-ins were just given a fresh card with the escalation; only the original approvers are reminded.
    const undecided = assignees.filter((a) => !a.decision && a.source === 'assigned');
    let card: number | undefined;
    for (const a of undecided) {
      const key = `approval:${step.approvalId}:step${step.idx}:remind${remindAfterHours}h`;
      const to = { type: 'staff' as const, id: a.staffId };
      if (await noticeExists(deps, key, to)) continue;
      card ??= (await createCard(deps, { kind: 'approval', subjectType: 'approval_step', subjectId: step.id })).id;
      const n: NoticeInput = { key, to, payload: { template: 'approval.remind', params: { approvalId: step.approvalId }, cardId: card } };
      reminders.add(n);
      gather(n);
    }
  }
  for (const [staffId, notices] of toApprover) {
    for (const n of notices) {
      const sent = await enqueueNotice(deps, notices.length === 1 ? n : asDigestItem(n, `${batchKey}:${staffId}`));
      if (sent && reminders.has(n)) reminded++;
    }
  }
  return { reminded, escalated };
}

/** The same notice (same key: still sent once) as an item of the approver's digest card. */
function asDigestItem(n: NoticeInput, batchKey: string): NoticeInput {
  const escalated = n.payload.template === 'approval.escalated';
  return {
    ...n,
    batchKey,
    payload: {
      template: APPROVAL_DIGEST_ITEM,
      params: { approvalId: Number(n.payload.params.approvalId), escalated, approvalCardId: n.payload.cardId ?? null },
      ...(escalated ? { priority: 'high' as const } : {}),
    },
  };
}
