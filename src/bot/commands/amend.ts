import { z } from 'zod';
import { defineCommand } from './command';
import { customerRef, mobileAsTyped, personName } from './arg-schemas';
import { disclose } from '../render/disclosures';

export const amendCommand = defineCommand({
  name: '修改',
  aliases: ['xg', 'amend', 'edit', 'xiugai'],
  group: '客户报备',
  summary: '更正自己客户的联系人或手机（审批中或保护期内；新手机号会重新查重）',
  usage: '/修改 <客户> [联系人=…] [手机=…]',
  examples: ['/修改 杭州云启 手机=13912345678', '/修改 杭州云启 联系人=李娜 手机=139-1234-5678'],
  notes: ['报备人或其上级经理可以修改；新手机号已被其他客户使用时不能修改，会告诉你被谁报备。', '修改会记入客户的操作历史。'],
  args: [
    { name: 'customer', keys: ['客户', '公司', 'customer'] },
    { name: 'contact', keys: ['联系人', '姓名', 'contact'], positional: false, verbatim: true },
    { name: 'mobile', keys: ['手机', '手机号', '电话', 'phone', 'tel'], positional: false, phone: true },
  ],
  schema: z
    .object({ customer: customerRef, contact: personName.optional(), mobile: mobileAsTyped.optional() })
    .refine((a) => a.contact !== undefined || a.mobile !== undefined, { message: '请写要改成什么：联系人=… 或 手机=…' }),
  async run(ctx, a) {
    const { owned, before } = await ctx.domain.owner.amendContact(ctx.actor, a.customer, {
      ...(a.contact !== undefined ? { contactName: a.contact } : {}),
      ...(a.mobile !== undefined ? { mobile: a.mobile.normalized, mobileAsTyped: a.mobile.typed } : {}),
    });
    const c = owned.customer;
    // Contacts are the customer's details: a group whose members may not all see them gets only the first line.
    disclose({ kind: 'customer', customerId: c.id });
    const phone = (m: string | null) => (m ? m.replace(/^\+86/, '') : '（无）');
    const shown = (typed: string | null, m: string | null) => typed ?? phone(m);
    const changes = [
      before.contactName !== c.contactName && `联系人 ${before.contactName} → ${c.contactName}`,
      before.mobile !== c.mobile && `手机 ${shown(before.mobileAsTyped, before.mobile)} → ${shown(c.mobileAsTyped, c.mobile)}`,
    ].filter((x): x is string => !!x);
    return { text: `✏️ 已修改「${c.name}」：${changes.join('；')}。`, publicText: `✏️ 已修改「${c.name}」的联系方式。` };
  },
});
