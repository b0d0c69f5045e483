import { parseCardId, getCard, type CardRow } from '../../domain/cards/cards';
import { DomainError } from '../../domain/errors';
import type { CommandContext, Reply } from '../context';
import type { CardActionHandler } from './action';

const RESULT_TEXT = {
  approved: '✅ 已通过',
  rejected: '❌ 已驳回',
  advanced: '✅ 已通过本级，已转下一级审批',
  recorded: '✅ 已记录你的意见，等待其他审批人（会签）',
} as const;

async function decide(ctx: CommandContext, card: CardRow, decision: 'approved' | 'rejected', reason?: string): Promise<Reply> {
  if (card.kind !== 'approval') throw new DomainError('not_approval', `卡片 c${card.id} 不是审批卡片。`, { hint: '/审批' });
  const out = await ctx.domain.approvals.decide(card.subjectId, ctx.actor.id, decision, reason);
  return { text: `${RESULT_TEXT[out.result]}：${out.approval.title}${reason ? `（原因：${reason}）` : ''}` };
}

/** /通过 c12 and /驳回 c12 原因: the same decision as a click, for when buttons are not at hand. */
export async function decideByCard(ctx: CommandContext, ref: string, decision: 'approved' | 'rejected', reason?: string): Promise<Reply> {
  const id = parseCardId(ref);
  const card = id === undefined ? undefined : await getCard(ctx.domain.deps, id);
  if (!card) throw new DomainError('card_not_found', `找不到卡片「${ref}」。`, { hint: '/审批（查看待你审批的卡片号）' });
  return await decide(ctx, card, decision, reason);
}

export const approvalAction: CardActionHandler = async (ctx, card, action, text) => {
  if (action === 'approve') return await decide(ctx, card, 'approved');
  if (action === 'reject') {
    if (!text?.trim()) {
      return { text: `请写明驳回原因：发送 /驳回 c${card.id} <原因>` };
    }
    return await decide(ctx, card, 'rejected', text.trim());
  }
  throw new DomainError('unknown_action', `审批卡片没有「${action}」这个按钮。`);
};
