import { reviseCard } from '../../domain/cards/cards';
import { DomainError } from '../../domain/errors';
import type { RegistrationInput } from '../../domain/registration/types';
import type { CardActionHandler } from './action';
import { collaborationAskedText, disputeFiledText } from '../render/blocked-replies';

/** 申诉 / 申请协作 on the card a blocked registrant got. Only that registrant may press them. */
export const blockedAction: CardActionHandler = async (ctx, card, action, text) => {
  if (card.audienceId !== ctx.actor.id) {
    throw new DomainError('not_yours', '这张卡片是发给报备人的，只有 TA 可以申诉或申请协作。', {
      details: { audit: { subjectType: 'customer', subjectId: card.subjectId, action: `blocked.${action}` } },
    });
  }
  if (card.closed) throw new DomainError('already_done', '这张卡片已经处理过了。发送 /审批 或 /我的 查看进展。');
  const data = card.data as { holderRegistrationId: number; input: RegistrationInput };
  const d = ctx.domain;
  let reply: string;
  if (action === 'dispute') {
    reply = await disputeFiledText(d, await d.blocked.dispute(ctx.actor, data.holderRegistrationId, data.input, text ?? ''));
  } else if (action === 'collaborate') {
    reply = await collaborationAskedText(d, await d.blocked.requestCollaboration(ctx.actor, data.holderRegistrationId, text ?? ''));
  } else {
    throw new DomainError('unknown_action', `这张卡片没有「${action}」这个按钮。`);
  }
  await reviseCard(d.deps, card.id, { close: true });
  return { text: reply };
};
