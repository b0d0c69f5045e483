import { fold } from './fold';

/** What an amount was written in: an explicit unit, or none (the argument's own unit applies). */
export type AmountUnit = '元' | '万' | '亿' | 'bare';

export interface ParsedAmount {
  /** The number as written, before its unit. */
  value: number;
  unit: AmountUnit;
}

const UNITS: Readonly<Record<string, AmountUnit>> = {
  元: '元', 块: '元', 圆: '元',
  万: '万', 万元: '万', w: '万',
  亿: '亿', 亿元: '亿',
};

// 120000 · 120,000 (groups of three) · 1,200,000.50 · 12.5
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;
const CURRENCY = /^(?:¥|rmb|cny|人民币)/i;
const UNIT = /(万元|亿元|万|亿|元|块|圆|w)$/i;

/**
 * Reads a money amount the way people type it: ￥120,000 · ¥120000 · 120000元 · 12.5万 · 12.5万元 ·
 * 1.2亿 · 1,200,000.50 · full-width digits. A currency sign without 万/亿 means 元. Anything else
 * (五十万, 12,5万, 1.2.3) is undefined.
 */
export function parseAmount(text: string): ParsedAmount | undefined {
  let s = fold(text).replace(/\s+/g, '');
  let unit: AmountUnit = 'bare';
  const sign = CURRENCY.exec(s);
  if (sign) {
    s = s.slice(sign[0].length);
    unit = '元';
  }
  const u = UNIT.exec(s);
  if (u) {
    s = s.slice(0, -u[0].length);
    unit = UNITS[u[1]!.toLowerCase()]!;
  }
  const m = NUMBER.exec(s);
  if (!m) return undefined;
  const value = Number(`${m[1]!.replace(/,/g, '')}${m[2] ?? ''}`);
  return Number.isFinite(value) ? { value, unit } : undefined;
}

const YUAN_PER: Readonly<Record<Exclude<AmountUnit, 'bare'>, number>> = { 元: 1, 万: 10_000, 亿: 100_000_000 };

/** The amount in 元; a number without a unit is in `bare` (元 for 成交 amounts, 万 for 预算). */
export function amountInYuan(a: ParsedAmount, bare: '元' | '万'): number {
  return a.value * YUAN_PER[a.unit === 'bare' ? bare : a.unit];
}
