import type { Domain } from '../domain/domain';
import { getCard } from '../domain/cards/cards';
import type { OutboxRow } from './compose';

/**
 * Notices that ask someone to decide an approval, or tell its requester it is still waiting:
 * pointless (and confusing) once it is decided.
 */
const APPROVAL_ASKS = new Set(['approval.request', 'approval.remind', 'approval.escalated', 'approval.reassigned', 'approval.escalated_requester']);

const APPROVAL_STATUS_ZH: Record<string, string> = { approved: '通过', rejected: '驳回', cancelled: '撤销' };

/**
 * Why a notice waiting in the outbox (held by quiet hours, retried, …) should no longer be sent,
 * or undefined when it should. Asked at delivery time, against the current state.
 */
export async function staleReason(domain: Domain, row: OutboxRow): Promise<string | undefined> {
  // Someone marked 离职 since: their customers and approvals have moved on, and so do their notices.
  if (row.recipientType === 'staff' && (await domain.dir.get(row.recipientId))?.active === false) return '收件人已停用（离职），不再发送';
  if (!APPROVAL_ASKS.has(row.payload.template)) return undefined;
  const approval = await domain.approvals.get(Number(row.payload.params.approvalId));
  if (!approval) return '审批已不存在，不再发送';
  if (approval.status !== 'pending') return `审批已${APPROVAL_STATUS_ZH[approval.status] ?? '处理'}，不再发送`;
  const card = row.payload.cardId !== undefined ? await getCard(domain.deps, row.payload.cardId) : undefined;
  if (card?.subjectType !== 'approval_step') return undefined;
  const step = await domain.approvals.step(card.subjectId);
  if (step && step.status !== 'pending') return '这一步审批已处理，不再发送';
  if (step && row.recipientType === 'staff' && (await domain.approvals.assignees(step.id)).some((a) => a.staffId === row.recipientId && a.decision)) {
    return '收件人已审批过，不再发送';
  }
  return undefined;
}
