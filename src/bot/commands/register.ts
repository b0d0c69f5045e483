import { z } from 'zod';
import { defineCommand } from './command';
import { budgetWan, companyName, landlineAsTyped, mobileAsTyped, personName, uscc, yesNo } from './arg-schemas';
import { registrationReply } from '../render/registration-replies';
import { disclose } from '../render/disclosures';
import { lines } from '../render/format';
import type { RegistrationInput } from '../../domain/registration/types';

export const REGISTRATION_ARGS = [
  { name: 'company', keys: ['公司', '公司全称', '客户', '名称', 'name'], verbatim: true },
  { name: 'contact', keys: ['联系人', '姓名', 'contact'], verbatim: true },
  { name: 'mobile', keys: ['手机', '手机号', '电话', 'phone', 'tel'], phone: true },
  { name: 'uscc', keys: ['信用代码', '统一社会信用代码', '代码', 'code'], positional: false },
  { name: 'landline', keys: ['座机', '固话', 'landline'], positional: false, phone: true },
  { name: 'province', keys: ['省', '省份', 'province'], positional: false, verbatim: true },
  { name: 'city', keys: ['市', '城市', 'city'], positional: false, verbatim: true },
  { name: 'source', keys: ['来源', '来源渠道', 'source'], positional: false, verbatim: true },
  { name: 'product', keys: ['产品', '意向产品', 'product'], positional: false, verbatim: true },
  { name: 'budget', keys: ['预算', 'budget'], positional: false },
  { name: 'note', keys: ['备注', 'note'], positional: false, verbatim: true },
  { name: 'key', keys: ['重点', '重点客户', 'key'], positional: false },
  { name: 'confirm', keys: ['确认', 'confirm'], positional: false },
];

const optional = <T extends z.ZodTypeAny>(s: T) => s.optional();

const schema = z.object({
  company: companyName,
  contact: personName,
  mobile: mobileAsTyped,
  uscc: optional(uscc),
  landline: optional(landlineAsTyped),
  province: optional(z.string().trim().max(20, '省份太长')),
  city: optional(z.string().trim().max(20, '城市太长')),
  source: optional(z.string().trim().max(40, '来源太长')),
  product: optional(z.string().trim().max(80, '意向产品太长')),
  budget: optional(budgetWan),
  note: optional(z.string().trim().max(500, '备注太长（最多 500 字）')),
  key: optional(yesNo),
  confirm: optional(yesNo),
});

export type RegisterArgs = z.infer<typeof schema>;

export function toRegistrationInput(a: RegisterArgs): RegistrationInput {
  const input: RegistrationInput = { company: a.company, contactName: a.contact, mobile: a.mobile.normalized, mobileAsTyped: a.mobile.typed };
  if (a.uscc) {
    input.uscc = a.uscc.code;
    input.usccChecksumOk = a.uscc.checksumOk;
  }
  if (a.landline) {
    input.landline = a.landline.normalized;
    input.landlineAsTyped = a.landline.typed;
  }
  if (a.province) input.province = a.province;
  if (a.city) input.city = a.city;
  if (a.source) input.source = a.source;
  if (a.product) input.product = a.product;
  if (a.budget !== undefined) input.budgetWan = a.budget;
  if (a.note) input.note = a.note;
  if (a.key !== undefined) input.keyAccount = a.key;
  if (a.confirm) input.confirmed = true;
  return input;
}

export const registerCommand = defineCommand({
  name: '报备',
  aliases: ['bb', 'register', 'reg', '登记', '客户报备'],
  group: '客户报备',
  summary: '报备一个新客户：查重后提交审批，通过后获得保护期',
  usage: '/报备 <公司全称> <联系人> <手机> [信用代码=…] [省=…] [市=…] [意向产品=…] [预算=万元] [来源=…] [重点=是] [备注=…]',
  examples: [
    '/报备 杭州云启科技有限公司 张伟 13812345678',
    '/报备 公司=上海星河数据有限公司 联系人=刘洋 手机=139-1234-5678 预算=120 意向产品=CRM',
  ],
  notes: [
    '必填：公司全称、联系人、手机（大陆手机号）。',
    '预算不写单位按万元计（预算=50 即 50 万元），也可以写 预算=￥120,000、预算=12.5万、预算=1.2亿。',
    '预算 ≥ 100 万或 重点=是 为重点客户：经理审批后还需总监审批。',
    '发现疑似重复时会让你确认；确认不是同一家公司可点「确认报备」或加 确认=是。',
  ],
  args: REGISTRATION_ARGS,
  schema,
  async run(ctx, args) {
    const result = await ctx.domain.register.register(ctx.actor, toRegistrationInput(args));
    const reply = await registrationReply(ctx.domain, ctx.chat, result);
    if (result.kind !== 'submitted' || args.budget === undefined) return reply;
    // The budget said back with its unit is the customer's detail: a group that may not read it
    // gets the rest (the delivery path decides, see fitReplyToChat).
    disclose({ kind: 'customer', customerId: result.customer.id });
    return { ...reply, publicText: reply.text, text: lines(reply.text, `预算记为 ${args.budget} 万元。`) };
  },
});
