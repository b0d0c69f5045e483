import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef } from './arg-schemas';

export const withdrawCommand = defineCommand({
  name: '撤回',
  aliases: ['ch', 'withdraw', 'chehui', '撤销报备'],
  group: '客户报备',
  summary: '撤回自己审批中的报备：审批撤销，审批人会收到通知，客户不再占用',
  usage: '/撤回 <客户> [原因]',
  examples: ['/撤回 杭州云启 公司名称写错了'],
  notes: ['只有报备人可以撤回，且只在审批通过之前；已通过的客户不想跟了请用 /释放。'],
  args: [
    { name: 'customer', keys: ['客户', '公司', 'customer'] },
    { name: 'reason', keys: ['原因', 'reason'], rest: true },
  ],
  schema: z.object({ customer: customerRef, reason: z.string().trim().max(200, '原因太长（最多 200 个字）').optional() }),
  async run(ctx, a) {
    const d = ctx.domain;
    const { owned, toldIds } = await d.owner.withdraw(ctx.actor, a.customer, a.reason ?? '');
    const names: string[] = [];
    for (const id of toldIds) names.push((await d.dir.get(id))?.name ?? id);
    const told = names.length > 0 ? `，已通知 ${names.join('、')}` : '';
    return { text: `↩️ 已撤回「${owned.customer.name}」的报备，审批已撤销${told}。其他人现在可以报备这个客户。` };
  },
});
