import { z } from 'zod';
import { defineCommand } from './command';
import { REGISTRATION_STATUS_ZH, daysLeftText, lines } from '../render/format';
import { disclose } from '../render/disclosures';

export const mineCommand = defineCommand({
  name: '我的',
  aliases: ['wd', 'mine', 'my', 'wode'],
  group: '客户报备',
  summary: '我名下的客户和保护期剩余天数，快到期的在前',
  usage: '/我的',
  examples: ['/我的'],
  args: [],
  schema: z.object({}),
  async run(ctx) {
    const d = ctx.domain;
    const t = d.deps.time;
    const { total, items: mine } = await d.queries.mine(ctx.actor, 30);
    if (total === 0) return { text: '你名下还没有客户。发送 /报备 <公司全称> <联系人> <手机> 报备第一个客户。' };
    const rows = mine.map(({ customer, registration: r, shared }) => {
      disclose({ kind: 'customer', customerId: customer.id });
      const left = r.status === 'protected' && r.protectedUntil ? `保护期至 ${t.date(r.protectedUntil)}（${daysLeftText(t, ctx.now, r.protectedUntil)}）` : REGISTRATION_STATUS_ZH[r.status];
      const follow = r.lastFollowUpAt ? `最近跟进 ${t.date(r.lastFollowUpAt)}` : '未跟进';
      return `#${customer.id} ${customer.name} · ${left} · ${follow}${shared ? ' · 协作' : ''}`;
    });
    return { text: lines(`你名下共 ${total} 个客户：`, ...rows, total > mine.length && `…还有 ${total - mine.length} 个，用 /客户 <名称> 查看单个客户。`) };
  },
});
