import { z } from 'zod';
import { defineCommand } from './command';
import { decideByCard } from '../actions/approval-action';

const cardArg = { name: 'card', keys: ['卡片', 'card'] };

export const approveCommand = defineCommand({
  name: '通过',
  aliases: ['tg', 'approve', 'ok'],
  group: '审批',
  summary: '通过一条审批（也可以直接点卡片上的「通过」）',
  usage: '/通过 c<卡片号>',
  examples: ['/通过 c12'],
  args: [cardArg],
  schema: z.object({ card: z.string({ message: '缺少卡片号，例如 c12（发送 /审批 查看）' }).trim().min(1) }),
  async run(ctx, a) {
    return await decideByCard(ctx, a.card, 'approved');
  },
});

export const rejectCommand = defineCommand({
  name: '驳回',
  aliases: ['bh', 'reject', 'no'],
  group: '审批',
  summary: '驳回一条审批，需要写原因',
  usage: '/驳回 c<卡片号> <原因>',
  examples: ['/驳回 c12 客户信息不全，请补充信用代码'],
  args: [cardArg, { name: 'reason', keys: ['原因', 'reason'], rest: true }],
  schema: z.object({
    card: z.string({ message: '缺少卡片号，例如 c12（发送 /审批 查看）' }).trim().min(1),
    reason: z.string({ message: '驳回需要写原因，例如 /驳回 c12 客户信息不全' }).trim().min(1, '驳回需要写原因').max(200, '原因太长'),
  }),
  async run(ctx, a) {
    return await decideByCard(ctx, a.card, 'rejected', a.reason);
  },
});
