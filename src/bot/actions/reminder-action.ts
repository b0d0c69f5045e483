import { DomainError } from '../../domain/errors';
import { customerDetailReply } from '../render/customer-detail';
import type { CardActionHandler } from './action';

/** 跟进 / 延期申请 / 查看 on a reminder or digest item: "followup:12" names the registration. */
export const reminderAction: CardActionHandler = async (ctx, _card, action, text) => {
  const [verb, idText] = action.split(':');
  const reg = await ctx.domain.records.registration(Number(idText));
  if (!reg) throw new DomainError('gone', '这条提醒对应的报备已不存在。', { hint: '/我的' });
  const customer = (await ctx.domain.records.customer(reg.customerId))!;
  const ref = `#${customer.id}`;
  if (verb === 'view') return await customerDetailReply(ctx.domain, ctx.actor, customer);
  if (verb === 'followup') {
    if (!text?.trim()) return { text: `请发送跟进内容：/跟进 ${ref} <内容>` };
    const r = await ctx.domain.owner.followUp(ctx.actor, ref, text.trim());
    return { text: `📝 已记录「${r.customer.name}」的跟进：${text.trim()}` };
  }
  if (verb === 'extend') {
    if (!text?.trim()) return { text: `请写明延期原因：/延期 ${ref} <原因>` };
    const { owned } = await ctx.domain.owner.requestExtension(ctx.actor, ref, text.trim());
    return { text: `✅ 已提交「${owned.customer.name}」的延期申请，等待审批。` };
  }
  throw new DomainError('unknown_action', `提醒卡片没有「${action}」这个按钮。`);
};
