import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef } from './arg-schemas';

export const claimCommand = defineCommand({
  name: '认领',
  aliases: ['rl', 'claim', 'renling'],
  group: '公海',
  summary: '从公海池认领客户，立即获得保护期',
  usage: '/认领 <名称或 #编号>',
  examples: ['/认领 杭州云启科技有限公司', '/认领 #12'],
  args: [{ name: 'customer', keys: ['客户', '公司', 'customer'], rest: true }],
  schema: z.object({ customer: customerRef }),
  async run(ctx, a) {
    const r = await ctx.domain.pool.claim(ctx.actor, a.customer);
    const t = ctx.domain.deps.time;
    return { text: `📥 已认领「${r.customer.name}」，保护期至 ${t.dateTime(r.registration.protectedUntil!)}。已通知你的经理。` };
  },
});
