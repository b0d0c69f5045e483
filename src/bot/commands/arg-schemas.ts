import { z } from 'zod';
import { checkUscc, normalizeLandline, normalizeMobile } from '../../domain/dedup';

/** Argument schemas shared by commands; every message says what to type instead. */

export const companyName = z
  .string({ message: '缺少公司全称' })
  .trim()
  .min(4, '公司全称至少 4 个字，请填写营业执照上的全称')
  .max(80, '公司全称太长（最多 80 个字）');

export const personName = z.string({ message: '缺少联系人' }).trim().min(1, '缺少联系人').max(20, '联系人姓名太长（最多 20 个字）');

export const mobile = z
  .string({ message: '缺少手机号' })
  .trim()
  .min(1, '缺少手机号')
  .transform((v, ctx) => {
    const r = normalizeMobile(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `手机号「${v}」不是有效的大陆手机号，请填写 11 位手机号，例如 13812345678` });
      return z.NEVER;
    }
    return r.e164;
  });

export const landline = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = normalizeLandline(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `座机「${v}」格式不对，例如 0571-88886666` });
      return z.NEVER;
    }
    return r.ext ? `${r.e164};ext=${r.ext}` : r.e164;
  });

export const uscc = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = checkUscc(v);
    if (r.format === 'bad') {
      ctx.addIssue({ code: 'custom', message: `统一社会信用代码「${v}」格式不对：应为 18 位数字和大写字母（不含 I、O、S、V、Z）` });
      return z.NEVER;
    }
    return { code: r.normalized, checksumOk: r.checksum === 'ok' };
  });

/** 预算: "100", "100万", "100万元", "1,000,000元" → 万元. */
export const budgetWan = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const wan = parseAmountYuan(v, 'wan');
    if (wan === undefined || wan < 0 || wan > 1e7) {
      ctx.addIssue({ code: 'custom', message: `预算「${v}」看不懂，请写万元数，例如 预算=50 或 预算=50万` });
      return z.NEVER;
    }
    return wan / 10_000;
  });

/** 金额: "12万", "12.5万元", "120000", "8000元" → cents. */
export const amountCents = z
  .string({ message: '缺少成交金额' })
  .trim()
  .transform((v, ctx) => {
    const yuan = parseAmountYuan(v, 'yuan');
    if (yuan === undefined || yuan <= 0 || yuan > 1e11) {
      ctx.addIssue({ code: 'custom', message: `金额「${v}」看不懂，请写例如 12万、12.5万元 或 120000` });
      return z.NEVER;
    }
    return Math.round(yuan * 100);
  });

/** Parses a money amount; a bare number means yuan, or 万 when `bare` is 'wan'. */
export function parseAmountYuan(text: string, bare: 'yuan' | 'wan'): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(万元|万|w|元|块)?$/i.exec(text.replace(/[,，\s]/g, ''));
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  const unit = m[2]?.toLowerCase();
  if (unit === '万元' || unit === '万' || unit === 'w') return n * 10_000;
  if (unit === '元' || unit === '块') return n;
  return bare === 'wan' ? n * 10_000 : n;
}

const YES = new Set(['是', '对', '确认', 'yes', 'y', 'true', '1', '重点']);
const NO = new Set(['否', '不', '不是', 'no', 'n', 'false', '0']);

export const yesNo = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const k = v.toLowerCase();
    if (YES.has(k)) return true;
    if (NO.has(k)) return false;
    ctx.addIssue({ code: 'custom', message: `「${v}」请填 是 或 否` });
    return z.NEVER;
  });

export const customerRef = z.string({ message: '缺少客户名称' }).trim().min(1, '缺少客户名称').max(80, '客户名称太长');

export const freeText = (what: string, max = 500) =>
  z.string({ message: `缺少${what}` }).trim().min(1, `缺少${what}`).max(max, `${what}太长（最多 ${max} 个字）`);
