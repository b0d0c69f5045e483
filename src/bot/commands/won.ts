import { z } from 'zod';
import { defineCommand } from './command';
import { amountCents, customerRef } from './arg-schemas';
import { money, yuanExact } from '../render/format';
import { disclose } from '../render/disclosures';

export const wonCommand = defineCommand({
  name: '成交',
  aliases: ['cj', 'won', 'deal', 'chengjiao'],
  group: '客户报备',
  summary: '登记成交订单，业绩归属报备人，客户长期归属不变',
  usage: '/成交 <客户> <金额（不写单位按元计）> [备注]',
  examples: ['/成交 杭州云启 12.5万', '/成交 #12 80000 首期款', '/成交 杭州云启 ￥120,000', '/成交 杭州云启 1.2亿'],
  args: [
    { name: 'customer', keys: ['客户', '公司', 'customer'] },
    { name: 'amount', keys: ['金额', 'amount'] },
    { name: 'note', keys: ['备注', 'note'], rest: true },
  ],
  schema: z.object({ customer: customerRef, amount: amountCents, note: z.string().trim().max(200, '备注太长').optional() }),
  async run(ctx, a) {
    const { owned } = await ctx.domain.owner.recordWon(ctx.actor, a.customer, a.amount, a.note || undefined);
    const owner = (await ctx.domain.dir.get(owned.registration.ownerId))?.name ?? owned.registration.ownerId;
    disclose({ kind: 'customer', customerId: owned.customer.id });
    const exact = money(a.amount) === yuanExact(a.amount) ? '' : `金额按 ${yuanExact(a.amount)}记录。`;
    return { text: `🎉 已登记「${owned.customer.name}」成交 ${money(a.amount)}，业绩归属 ${owner}。${exact}` };
  },
});
