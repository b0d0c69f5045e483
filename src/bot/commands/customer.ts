import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef } from './arg-schemas';
import { customerDetailReply } from '../render/customer-detail';
import { lines } from '../render/format';

const SUGGESTIONS = 3;

export const customerCommand = defineCommand({
  name: '客户',
  aliases: ['kh', 'customer', 'info', 'kehu'],
  group: '客户报备',
  summary: '查看客户详情和历史（只显示你有权查看的内容）',
  usage: '/客户 <名称或 #编号>',
  examples: ['/客户 杭州云启', '/客户 #12'],
  args: [{ name: 'query', keys: ['客户', '名称', 'name'], rest: true }],
  schema: z.object({ query: customerRef }),
  async run(ctx, a) {
    const d = ctx.domain;
    const { matches: found, nearest } = await d.lookup.resolve(a.query);
    if (found.length === 0) {
      // Only customers the asker could open in full, or anyone's pool customers, are offered.
      const offer: typeof nearest = [];
      for (const c of nearest) {
        if (offer.length >= SUGGESTIONS) break;
        if (c.status === 'pool' || (await d.queries.seesInFull(ctx.actor, c.id))) offer.push(c);
      }
      if (offer.length === 0) return { text: `没有找到「${a.query}」。请写公司全称或 #编号；也可以用 /查重 ${a.query} 查重，或 /报备 报备新客户。` };
      return { text: lines(`没有找到「${a.query}」。你是不是要找：`, ...offer.map((c) => `/客户 ${c.name}`)) };
    }
    if (found.length > 1) {
      return { text: lines(`「${a.query}」匹配到 ${found.length} 个客户，请用编号查看：`, ...found.map((c) => `/客户 #${c.id}　${c.name}`)) };
    }
    return await customerDetailReply(ctx.domain, ctx.actor, found[0]!);
  },
});
