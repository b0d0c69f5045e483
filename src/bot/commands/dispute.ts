import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef, freeText } from './arg-schemas';
import { disputeFiledText } from '../render/blocked-replies';

/** /申诉: the blocked card's 申诉 button, typed; the same service, approvers and audit. */
export const disputeCommand = defineCommand({
  name: '申诉',
  aliases: ['ss', 'dispute', 'appeal', 'shensu'],
  group: '客户报备',
  summary: '对别人已报备的客户提出申诉，由双方经理裁定归属',
  usage: '/申诉 <客户> <理由>',
  examples: ['/申诉 杭州云启 客户10月就和我签了意向书', '/申诉 #12 我先拜访，有拜访记录'],
  notes: ['理由必填，经理会同时看到双方的报备时间和跟进记录；支持后客户转到你名下，重新计算保护期。', '同一客户同时只能有一条申诉在处理中。'],
  args: [
    { name: 'customer', keys: ['客户', '公司', 'customer'] },
    { name: 'reason', keys: ['理由', '原因', 'reason'], rest: true },
  ],
  schema: z.object({ customer: customerRef, reason: freeText('申诉理由', 200) }),
  async run(ctx, a) {
    const d = ctx.domain;
    const holder = await d.blocked.heldByOther(ctx.actor, a.customer, 'dispute.request');
    return { text: await disputeFiledText(d, await d.blocked.dispute(ctx.actor, holder.id, undefined, a.reason)) };
  },
});
