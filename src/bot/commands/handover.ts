import { z } from 'zod';
import { defineCommand } from './command';
import { resolvePerson } from './person-arg';
import { lines } from '../render/format';
import { disclose } from '../render/disclosures';

const POOL_WORDS = new Set(['公海', '公海池', 'pool']);

export const handoverCommand = defineCommand({
  name: '转交',
  aliases: ['zj', 'handover', 'transfer', 'zhuanjiao'],
  group: '管理',
  summary: '把一个人名下所有客户转给另一个人，或放入公海（经理/总监/管理员）',
  usage: '/转交 <转出人> <接收人>|公海',
  examples: ['/转交 @李雷 @韩梅梅', '/转交 alice bob', '/转交 李雷 公海'],
  args: [
    { name: 'from', keys: ['从', '转出人', 'from'] },
    { name: 'to', keys: ['到', '接收人', 'to'] },
  ],
  schema: z.object({
    from: z.string({ message: '缺少转出人' }).trim().min(1, '缺少转出人'),
    to: z.string({ message: '缺少接收人（或 公海）' }).trim().min(1, '缺少接收人（或 公海）'),
  }),
  roles: ['manager', 'director', 'admin'],
  async run(ctx, a) {
    const from = await resolvePerson(ctx, a.from, 0);
    const to = POOL_WORDS.has(a.to) ? 'pool' : await resolvePerson(ctx, a.to, a.from.startsWith('@') ? 1 : 0);
    const r = await ctx.domain.handover.handover(ctx.actor, from, to);
    disclose({ kind: 'internal' });
    const target = to === 'pool' ? '公海池' : to.name;
    return {
      text: lines(
        `🔁 已处理 ${from.name} 的客户：`,
        r.moved > 0 && `· 转给 ${target}：${r.moved} 个（保护期不变）`,
        r.released > 0 && `· 放入公海：${r.released} 个`,
        r.withdrawn > 0 && `· 撤回审批中的报备：${r.withdrawn} 个`,
        r.keptWon > 0 && `· 已成交客户 ${r.keptWon} 个未放入公海，请用 /转交 ${from.name} <接收人> 指定接手人`,
        r.moved + r.released + r.withdrawn + r.keptWon === 0 && `· ${from.name} 名下没有需要转交的客户`,
        '双方都已收到通知。',
      ),
      mentions: [from.id, ...(to === 'pool' ? [] : [to.id])],
    };
  },
});
