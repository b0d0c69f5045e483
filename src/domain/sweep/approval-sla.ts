import { writeTx } from '../../../db/open';
import type { DomainDeps } from '../deps';
import type { ApprovalService } from '../approval/approval-service';
import { HOUR_MS } from '../time';
import { enqueueNotice, noticeExists } from '../outbox/notices';
import { createCard } from '../cards/cards';

/** Approvals waiting too long: a reminder to the approver, then a stand-in above them. */
export function checkApprovalSla(deps: DomainDeps, approvals: ApprovalService): { reminded: number; escalated: number } {
  const now = deps.clock.now().getTime();
  const { remindAfterHours, escalateAfterHours } = deps.rules.approval;
  let reminded = 0;
  let escalated = 0;
  for (const step of approvals.pendingStepsStartedBefore(new Date(now - remindAfterHours * HOUR_MS))) {
    writeTx(deps.db, () => {
      const waited = now - step.startedAt!.getTime();
      const assignees = approvals.assignees(step.id);
      if (waited >= escalateAfterHours * HOUR_MS && !assignees.some((a) => a.source === 'escalated')) {
        if (approvals.escalate(step).length > 0) escalated++;
        return;
      }
      // Stand-ins were just given a fresh card with the escalation; only the original approvers are reminded.
      const undecided = assignees.filter((a) => !a.decision && a.source === 'assigned');
      if (undecided.length === 0) return;
      let card: number | undefined;
      for (const a of undecided) {
        const key = `approval:${step.approvalId}:step${step.idx}:remind${remindAfterHours}h`;
        const to = { type: 'staff' as const, id: a.staffId };
        if (noticeExists(deps, key, to)) continue;
        card ??= createCard(deps, { kind: 'approval', subjectType: 'approval_step', subjectId: step.id }).id;
        if (enqueueNotice(deps, { key, to, payload: { template: 'approval.remind', params: { approvalId: step.approvalId }, cardId: card } })) reminded++;
      }
    });
  }
  return { reminded, escalated };
}
