import { z } from 'zod';
import { defineCommand } from './command';
import { lines } from '../render/format';

export const poolCommand = defineCommand({
  name: '公海',
  aliases: ['gh', 'pool', 'gonghai'],
  group: '公海',
  summary: '查看公海池里可以认领的客户',
  usage: '/公海 [关键词]',
  examples: ['/公海', '/公海 科技'],
  args: [{ name: 'keyword', keys: ['关键词', 'keyword'], rest: true }],
  schema: z.object({ keyword: z.string().trim().max(40, '关键词太长').optional() }),
  async run(ctx, a) {
    const d = ctx.domain;
    const t = d.deps.time;
    const { total, items } = await d.pool.list(a.keyword || undefined, 20);
    if (total === 0) return { text: a.keyword ? `公海池中没有包含「${a.keyword}」的客户。` : '公海池现在是空的。' };
    const rows = items.map((c) => {
      const region = [c.province, c.city].filter(Boolean).join('');
      return `#${c.id} ${c.name}${region ? ` · ${region}` : ''}${c.product ? ` · ${c.product}` : ''} · ${c.pooledAt ? t.date(c.pooledAt) : ''} 进入`;
    });
    const limit = d.deps.rules.pool.maxClaimsPerDay;
    return {
      text: lines(
        `公海池共 ${total} 个客户${total > items.length ? `（显示最近 ${items.length} 个）` : ''}：`,
        ...rows,
        `认领：/认领 <名称或 #编号>，每人每天最多 ${limit} 个。`,
      ),
    };
  },
});
