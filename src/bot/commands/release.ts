import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef } from './arg-schemas';

export const releaseCommand = defineCommand({
  name: '释放',
  aliases: ['sf', 'release', 'giveback', 'shifang'],
  group: '公海',
  summary: '把自己的客户放回公海池（放回后你 30 天内不能再认领）',
  usage: '/释放 <客户> [原因]',
  examples: ['/释放 杭州云启 客户暂无预算'],
  args: [
    { name: 'customer', keys: ['客户', '公司', 'customer'] },
    { name: 'reason', keys: ['原因', 'reason'], rest: true },
  ],
  schema: z.object({ customer: customerRef, reason: z.string().trim().max(200, '原因太长').optional() }),
  async run(ctx, a) {
    const r = await ctx.domain.owner.giveBack(ctx.actor, a.customer, a.reason ?? '');
    const days = ctx.domain.deps.rules.pool.previousOwnerCooldownDays;
    return { text: `📤 已把「${r.customer.name}」放回公海池，${days} 天内你不能再认领它。` };
  },
});
