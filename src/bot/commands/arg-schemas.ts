import { z } from 'zod';
import { checkUscc, normalizeLandline, normalizeMobile } from '../../domain/dedup';
import { amountInYuan, parseAmount } from '../parse/amount';

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

/** The same check, keeping what was typed beside the normalised number (normalise for matching, never for storage). */
export const mobileAsTyped = z
  .string({ message: '缺少手机号' })
  .trim()
  .min(1, '缺少手机号')
  .transform((v, ctx) => {
    const r = mobile.safeParse(v);
    if (!r.success) {
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    }
    return { normalized: r.data, typed: v };
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

export const landlineAsTyped = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = landline.safeParse(v);
    if (!r.success) {
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      return z.NEVER;
    }
    return { normalized: r.data, typed: v };
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

/**
 * A money argument: every amount (预算, 成交金额) is read by the one parser, parseAmount
 * (￥120,000 · 120000元 · 12.5万 · 1.2亿 · 1,200,000.50 · full-width digits); `bare` is the unit of
 * a number typed without one. The result is in 元.
 */
const moneyArg = (o: { what: string; bare: '元' | '万'; positive: boolean; maxYuan: number; refusal: string }) =>
  z
    .string({ message: `缺少${o.what}` })
    .trim()
    .min(1, `缺少${o.what}`)
    .transform((v, ctx) => {
      const parsed = parseAmount(v);
      const yuan = parsed && amountInYuan(parsed, o.bare);
      if (yuan === undefined || yuan < 0 || (o.positive && yuan <= 0)) {
        ctx.addIssue({ code: 'custom', message: `${o.what}「${v}」看不懂。${o.refusal}` });
        return z.NEVER;
      }
      if (yuan > o.maxYuan) {
        ctx.addIssue({ code: 'custom', message: `${o.what}「${v}」太大了，请检查单位。${o.refusal}` });
        return z.NEVER;
      }
      return yuan;
    });

/** 预算 in 万元 (a bare number is 万元): "100", "100万", "￥1,000,000", "1.2亿". */
export const budgetWan = moneyArg({
  what: '预算',
  bare: '万',
  positive: false,
  maxYuan: 1e11,
  refusal: '预算不写单位按万元计，例如 预算=50（50 万元）、预算=12.5万、预算=1.2亿 或 预算=￥120,000（12 万元）。',
}).transform((yuan) => yuan / 10_000);

/** 成交金额 in cents (a bare number is 元): "12万", "12.5万元", "￥120,000", "1,200,000.50". */
export const amountCents = moneyArg({
  what: '成交金额',
  bare: '元',
  positive: true,
  maxYuan: 1e11,
  refusal: '不写单位按元计，例如 12.5万、12.5万元、￥120,000、120000元 或 1.2亿。',
}).transform((yuan) => Math.round(yuan * 100));

/** Parses a money amount in 元; a bare number means 元, or 万 when `bare` is 'wan'. */
export function parseAmountYuan(text: string, bare: 'yuan' | 'wan'): number | undefined {
  const parsed = parseAmount(text);
  return parsed && amountInYuan(parsed, bare === 'wan' ? '万' : '元');
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
