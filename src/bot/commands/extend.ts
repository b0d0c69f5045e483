import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef, freeText } from './arg-schemas';

export const extendCommand = defineCommand({
  name: '延期',
  aliases: ['yq', 'extend', 'yanqi'],
  group: '客户报备',
  summary: '申请延长保护期（经理审批）',
  usage: '/延期 <客户> <原因>',
  examples: ['/延期 杭州云启 客户下周招标，需要跟到结果'],
  notes: [],
  args: [
    { name: 'customer', keys: ['客户', '公司', 'customer'] },
    { name: 'reason', keys: ['原因', 'reason'], rest: true },
  ],
  schema: z.object({ customer: customerRef, reason: freeText('延期原因', 200) }),
  async run(ctx, a) {
    const d = ctx.domain;
    const { owned, approval } = await d.owner.requestExtension(ctx.actor, a.customer, a.reason);
    const approvers: string[] = [];
    for (const x of await d.approvals.assignees((await d.approvals.steps(approval.id))[0]!.id)) approvers.push((await d.dir.get(x.staffId))?.name ?? x.staffId);
    const r = ctx.domain.deps.rules.extension;
    return { text: `✅ 已提交「${owned.customer.name}」的延期申请（+${r.days} 天），等待 ${approvers.join('、')} 审批。` };
  },
});
