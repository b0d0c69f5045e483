import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef, freeText } from './arg-schemas';
import { disclose } from '../render/disclosures';

export const followUpCommand = defineCommand({
  name: '跟进',
  aliases: ['gj', 'follow', 'followup', 'genjin'],
  group: '客户报备',
  summary: '记录一次客户跟进（保护期内至少要有跟进，延期也需要跟进记录）',
  usage: '/跟进 <客户> <跟进内容>',
  examples: ['/跟进 杭州云启 上门拜访，客户关注报价', '/跟进 #12 电话沟通，下周演示'],
  args: [
    { name: 'customer', keys: ['客户', '公司', 'customer'] },
    { name: 'content', keys: ['内容', 'content'], rest: true },
  ],
  schema: z.object({ customer: customerRef, content: freeText('跟进内容') }),
  async run(ctx, a) {
    const r = await ctx.domain.owner.followUp(ctx.actor, a.customer, a.content);
    disclose({ kind: 'customer', customerId: r.customer.id });
    const t = ctx.domain.deps.time;
    return { text: `📝 已记录「${r.customer.name}」的跟进（${t.dateTime(ctx.now)}）：${a.content}` };
  },
});
