import { z } from 'zod';
import { defineCommand } from './command';
import { lines } from '../render/format';

export const approvalsCommand = defineCommand({
  name: '审批',
  aliases: ['sp', 'approvals', 'todo', 'shenpi'],
  group: '审批',
  summary: '列出等我审批的事项，并重新发出审批卡片',
  usage: '/审批',
  examples: ['/审批'],
  args: [],
  schema: z.object({}),
  async run(ctx) {
    const d = ctx.domain;
    const t = d.deps.time;
    const pending = await d.approvals.pendingFor(ctx.actor.id);
    if (pending.length === 0) return { text: '✅ 目前没有等你审批的事项。' };
    const rows: string[] = [];
    for (const { approval, step } of pending) {
      const who = (await d.dir.get(approval.requesterId))?.name ?? approval.requesterId;
      rows.push(`· c${step.cardId} ${approval.title}（${who}，${t.short(step.startedAt!)} 提交）`);
    }
    return {
      text: lines(`你有 ${pending.length} 条待审批：`, ...rows, '点卡片按钮审批，或发送 /通过 c<卡片号>、/驳回 c<卡片号> <原因>。'),
      cardIds: pending.slice(0, 5).map((p) => p.step.cardId!).filter(Boolean),
    };
  },
});
