import { z } from 'zod';
import { parseDate } from '../domain/authorization/dates';
import { canonicalRegions } from '../domain/authorization/regions';
import { normalizeContractNo } from '../domain/authorization/types';
import { normalizeLandline, normalizeMobile } from '../domain/dedup';
import type { Column } from './columns';
import { asDate, asItems, asString } from './cell-values';

export const AUTHORIZATION_SHEET = '代理授权';

export const AUTHORIZATION_COLUMNS: Column[] = [
  { field: 'dealer', header: '代理商名称', aliases: ['代理商', '经销商', 'dealer'], required: true, example: '杭州云启科技', convert: asString },
  { field: 'contractNo', header: '合同编号', aliases: ['合同号', 'contract', 'contractNo'], required: true, example: 'HT-2024-001', convert: asString },
  { field: 'productLines', header: '授权产品线', aliases: ['产品线', 'products'], required: true, example: 'CRM、ERP', convert: asItems },
  { field: 'regions', header: '授权区域', aliases: ['区域', 'regions'], required: true, example: '浙江省、江苏省苏州市', convert: asItems },
  { field: 'tier', header: '合作等级', aliases: ['等级', 'tier'], example: '金牌', convert: asString },
  { field: 'startsOn', header: '起始日期', aliases: ['开始日期', 'start', 'startsOn'], required: true, example: '2024-03-01', convert: asDate },
  { field: 'endsOn', header: '到期日期', aliases: ['结束日期', 'end', 'endsOn'], required: true, example: '2025-02-28', convert: asDate },
  { field: 'owner', header: '负责人', aliases: ['负责人ID', 'owner'], required: true, example: 'carol', convert: asString },
  { field: 'contactName', header: '关键联系人', aliases: ['联系人', 'contact'], example: '张伟', convert: asString },
  { field: 'contactPhone', header: '联系电话', aliases: ['电话', '手机', 'phone'], example: '13812345678', convert: asString },
];

const date = (what: string) =>
  z.unknown().transform((v, ctx) => {
    if (v === undefined || v === null || v === '') {
      ctx.addIssue({ code: 'custom', message: `缺少${what}` });
      return z.NEVER;
    }
    const d = parseDate(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `${what}「${v instanceof Date ? v.toISOString() : String(v)}」不是有效日期，请写成 2025-02-28` });
      return z.NEVER;
    }
    return d;
  });

const phone = z.string().transform((v, ctx) => {
  const m = normalizeMobile(v);
  if (m.ok) return m.e164;
  const l = normalizeLandline(v);
  if (l.ok) return l.e164;
  ctx.addIssue({ code: 'custom', message: `电话「${v}」不是有效的手机号或座机号，例如 13812345678 或 0571-88886666` });
  return z.NEVER;
});

/** One row of the authorization sheet, validated on its own (owners and duplicates are cross-checked later). */
export const authorizationRowSchema = z
  .object({
    dealer: z.string({ message: '缺少代理商名称' }).trim().min(2, '代理商名称至少 2 个字').max(60, '代理商名称太长（最多 60 个字）'),
    contractNo: z
      .string({ message: '缺少合同编号' })
      .transform(normalizeContractNo)
      .pipe(z.string().min(2, '合同编号至少 2 个字符').max(40, '合同编号太长（最多 40 个字符）')),
    productLines: z.array(z.string().max(30, '产品线名称太长（最多 30 个字）')).min(1, '至少填写一个授权产品线'),
    regions: z
      .array(z.string())
      .min(1, '至少填写一个授权区域（省、市，或 全国）')
      .transform((names, ctx) => {
        const r = canonicalRegions(names);
        if (!r.ok) {
          ctx.addIssue({ code: 'custom', message: `授权区域「${r.unknown.join('、')}」不是省市名称（例如 浙江省、杭州市，或 全国）` });
          return z.NEVER;
        }
        return r.names;
      }),
    tier: z.string().max(20, '合作等级太长（最多 20 个字）').optional(),
    startsOn: date('起始日期'),
    endsOn: date('到期日期'),
    owner: z.string({ message: '缺少负责人' }).min(1, '缺少负责人'),
    contactName: z.string().max(20, '联系人姓名太长（最多 20 个字）').optional(),
    contactPhone: phone.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.endsOn <= r.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `到期日期 ${r.endsOn} 必须晚于起始日期 ${r.startsOn}` });
  });

export type AuthorizationRowInput = z.infer<typeof authorizationRowSchema>;
