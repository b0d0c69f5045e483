import { z } from 'zod';
import { budgetWan, companyName, landlineAsTyped, mobileAsTyped, personName, uscc, yesNo } from '../bot/commands/arg-schemas';
import { parseDate } from '../domain/authorization/dates';
import type { Column } from './columns';
import { asDate, asString } from './cell-values';

export const CUSTOMER_SHEET = '客户';

export const CUSTOMER_COLUMNS: Column[] = [
  { field: 'company', header: '公司全称', aliases: ['公司', '客户名称', '客户', 'company'], required: true, example: '杭州云启科技有限公司', convert: asString },
  { field: 'contact', header: '联系人', aliases: ['联系人姓名', 'contact'], required: true, example: '张伟', convert: asString },
  { field: 'mobile', header: '手机', aliases: ['手机号', 'mobile'], required: true, example: '13812345678', convert: asString },
  { field: 'uscc', header: '统一社会信用代码', aliases: ['信用代码', 'uscc'], example: '91330106MA27Y5QH44', convert: asString },
  { field: 'landline', header: '座机', aliases: ['固话', 'landline'], example: '0571-88886666', convert: asString },
  { field: 'province', header: '省', aliases: ['省份', 'province'], example: '浙江', convert: asString },
  { field: 'city', header: '市', aliases: ['城市', 'city'], example: '杭州', convert: asString },
  { field: 'source', header: '来源渠道', aliases: ['来源', 'source'], example: '展会', convert: asString },
  { field: 'product', header: '意向产品', aliases: ['产品', 'product'], example: 'CRM', convert: asString },
  { field: 'budget', header: '预算（万元）', aliases: ['预算', '预算(万元)', 'budget'], example: '50', convert: asString },
  { field: 'note', header: '备注', aliases: ['note'], example: '', convert: asString },
  { field: 'keyAccount', header: '重点客户', aliases: ['重点', 'key'], example: '否', convert: asString },
  { field: 'owner', header: '负责人', aliases: ['负责人ID', 'owner'], example: 'alice', convert: asString },
  { field: 'status', header: '状态', aliases: ['status'], example: '保护中', convert: asString },
  { field: 'registeredOn', header: '报备日期', aliases: ['报备时间', 'registeredOn'], example: '2026-11-01', convert: asDate },
  { field: 'protectedUntil', header: '保护期至', aliases: ['保护到期', 'protectedUntil'], example: '2026-12-01', convert: asDate },
  { field: 'wonOn', header: '成交日期', aliases: ['wonOn'], example: '', convert: asDate },
];

const STATUS_WORDS: Record<string, 'protected' | 'won' | 'pool'> = {
  保护中: 'protected', 保护: 'protected', 已报备: 'protected', protected: 'protected',
  已成交: 'won', 成交: 'won', won: 'won',
  公海: 'pool', 公海池: 'pool', pool: 'pool',
};

const optionalDate = (what: string) =>
  z
    .unknown()
    .transform((v, ctx) => {
      const d = parseDate(v);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: `${what}「${v instanceof Date ? v.toISOString() : String(v)}」不是有效日期，请写成 2026-11-01` });
        return z.NEVER;
      }
      return d;
    })
    .optional();

/** One migrated customer; the same field rules as /报备 (phone, credit code, budget). */
export const customerRowSchema = z
  .object({
    company: companyName,
    contact: personName,
    mobile: mobileAsTyped,
    uscc: uscc.optional(),
    landline: landlineAsTyped.optional(),
    province: z.string().max(20, '省份太长').optional(),
    city: z.string().max(20, '城市太长').optional(),
    source: z.string().max(40, '来源太长').optional(),
    product: z.string().max(80, '意向产品太长').optional(),
    budget: budgetWan.optional(),
    note: z.string().max(500, '备注太长（最多 500 字）').optional(),
    keyAccount: yesNo.optional(),
    owner: z.string().min(1).optional(),
    status: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return 'protected' as const;
        const s = STATUS_WORDS[v.trim().toLowerCase()];
        if (!s) {
          ctx.addIssue({ code: 'custom', message: `状态「${v}」看不懂，应为 保护中、已成交 或 公海（审批中的报备请在群里重新报备）` });
          return z.NEVER;
        }
        return s;
      }),
    registeredOn: optionalDate('报备日期'),
    protectedUntil: optionalDate('保护期至'),
    wonOn: optionalDate('成交日期'),
  })
  .superRefine((r, ctx) => {
    if (r.status !== 'pool' && !r.owner) ctx.addIssue({ code: 'custom', path: ['owner'], message: '保护中或已成交的客户必须填写负责人' });
    if (r.protectedUntil && r.registeredOn && r.protectedUntil < r.registeredOn) {
      ctx.addIssue({ code: 'custom', path: ['protectedUntil'], message: `保护期至 ${r.protectedUntil} 早于报备日期 ${r.registeredOn}` });
    }
  });

export type CustomerRowInput = z.infer<typeof customerRowSchema>;
