import { reviseCard } from '../../domain/cards/cards';
import { DomainError } from '../../domain/errors';
import type { RegistrationInput } from '../../domain/registration/types';
import { registrationReply } from '../render/registration-replies';
import type { CardActionHandler } from './action';

/** 确认报备 / 取消 on a suspected-duplicate prompt: only the registrant decides, once. */
export const confirmAction: CardActionHandler = async (ctx, card, action) => {
  if (card.audienceId !== ctx.actor.id) {
    throw new DomainError('not_yours', '只有报备人本人可以确认这条报备。', {
      details: { audit: { subjectType: 'card', subjectId: card.id, action: `confirm.${action}` } },
    });
  }
  if (card.closed) throw new DomainError('already_done', '这条报备已经确认或取消过了。发送 /我的 查看。');
  await reviseCard(ctx.domain.deps, card.id, { close: true });
  if (action === 'cancel') return { text: '已取消，这条报备没有提交。' };
  if (action !== 'confirm') throw new DomainError('unknown_action', `这张卡片没有「${action}」这个按钮。`);
  const input = { ...(card.data as { input: RegistrationInput }).input, confirmed: true };
  return await registrationReply(ctx.domain, ctx.chat, await ctx.domain.register.register(ctx.actor, input));
};
