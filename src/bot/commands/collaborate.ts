import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef } from './arg-schemas';
import { collaborationAskedText } from '../render/blocked-replies';

/** /协作: the blocked card's 申请协作 button, typed; the owner decides. */
export const collaborateCommand = defineCommand({
  name: '协作',
  aliases: ['xz', 'collab', 'collaborate', '申请协作', 'xiezuo'],
  group: '客户报备',
  summary: '请已报备该客户的同事共享：对方同意后你可以查看并跟进，业绩仍归对方',
  usage: '/协作 <客户> [说明]',
  examples: ['/协作 杭州云启', '/协作 杭州云启 我有客户的采购联系人'],
  args: [
    { name: 'customer', keys: ['客户', '公司', 'customer'] },
    { name: 'note', keys: ['说明', '备注', 'note'], rest: true },
  ],
  schema: z.object({ customer: customerRef, note: z.string().trim().max(200, '说明太长（最多 200 个字）').optional() }),
  async run(ctx, a) {
    const d = ctx.domain;
    const holder = await d.blocked.heldByOther(ctx.actor, a.customer, 'collaboration.request');
    return { text: await collaborationAskedText(d, await d.blocked.requestCollaboration(ctx.actor, holder.id, a.note ?? '')) };
  },
});
