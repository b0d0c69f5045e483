import { z } from 'zod';
import { parseDate } from '../../domain/authorization/dates';
import { parseStage, STAGE_CHOICES } from '../../domain/authorization/stages';

/** Argument schemas of the authorization commands; every message says what to type instead. */

export const contractNoArg = z
  .string({ message: '缺少合同编号，例如 /续约 HT-2024-001 报价（不知道编号可以先发 /授权 <代理商名>）' })
  .trim()
  .min(1, '缺少合同编号')
  .max(40, '合同编号太长（最多 40 个字符）');

export const stageArg = z
  .string({ message: `缺少续约阶段，可选：${STAGE_CHOICES}` })
  .trim()
  .transform((v, ctx) => {
    const s = parseStage(v);
    if (!s || s === 'not_started') {
      ctx.addIssue({ code: 'custom', message: `看不懂续约阶段「${v}」，可选：${STAGE_CHOICES}` });
      return z.NEVER;
    }
    return s;
  });

export const dateArg = (what: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      const d = parseDate(v);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: `${what}「${v}」看不懂，请写成 2027-12-31 这样的日期` });
        return z.NEVER;
      }
      return d;
    });

export const daysArg = (what: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}\s*天?$/, `${what}请写数字，例如 30`)
    .transform((v) => Number.parseInt(v, 10))
    .refine((n) => n >= 1 && n <= max, `${what}应在 1 到 ${max} 天之间`);

export const yearArg = z
  .string()
  .trim()
  .regex(/^20\d{2}\s*年?$/, '年份请写四位数，例如 2027')
  .transform((v) => Number.parseInt(v, 10));
