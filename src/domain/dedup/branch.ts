import type { BranchPart } from './types';
import { lastFormEnd } from './forms';
import { lastIndustryEnd } from './industries';
import { trailingRegion, wholeRegion } from './regions';

// A branch (分支机构) is its own entity under its parent's full name: …有限公司上海分公司.
const BRANCH_KINDS = [
  '分公司', '分理处', '分中心', '办事处', '代表处', '营业部', '营业所', '分店', '分厂', '分部',
  '分行', '支行', '分所', '分院', '分社', '分校',
];
const BY_LENGTH = [...BRANCH_KINDS].sort((a, b) => b.length - a.length);
const ORDINAL = /第?([0-9]+|[零〇一二两三四五六七八九十百]+)$/;
const DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 第十二 → 12, 3 → 3; good enough for branch ordinals (< 1000). */
export function ordinalValue(text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === '十' || ch === '百') {
      total += (digit || 1) * (ch === '十' ? 10 : 100);
      digit = 0;
    } else {
      const d = DIGITS[ch];
      if (d === undefined) return undefined;
      digit = digit * 10 + d;
    }
  }
  return total + digit;
}

function branchKey(kind: string, descriptor: string): Pick<BranchPart, 'key' | 'region'> {
  const plain = descriptor.replace(/[()]/g, '');
  const region = plain ? wholeRegion(plain) : undefined;
  if (region && !region.national) return { key: `${kind}@r:${region.codes.join('|')}`, region };
  const ordinal = ORDINAL.exec(plain);
  if (ordinal?.[1] && ordinal[0] === plain) return { key: `${kind}@n:${ordinalValue(ordinal[1]) ?? ordinal[1]}` };
  // 北京第一 = 北京第1.
  const text = plain.replace(/第([零〇一二两三四五六七八九十百]+)/g, (_m, n: string) => `第${ordinalValue(n) ?? n}`);
  return { key: `${kind}@t:${text}` };
}

/**
 * Splits `normalized` into the parent's name and the branch part. The descriptor (上海, 第二,
 * 南京路) is what follows the parent's 公司 word; without one, a trailing ordinal or place, or
 * whatever follows the last industry word (肯德基餐饮 | 南京路).
 */
export function splitBranch(normalized: string): { parent: string; branch?: BranchPart } {
  const kind = BY_LENGTH.find((k) => normalized.endsWith(k));
  if (!kind) return { parent: normalized };
  const before = normalized.slice(0, -kind.length);
  if (before.length < 2) return { parent: normalized };
  let cut = lastFormEnd(before);
  if (cut <= 0) {
    const ordinal = ORDINAL.exec(before);
    if (ordinal && ordinal.index >= 2) cut = ordinal.index;
    else cut = trailingRegion(before)?.start ?? lastIndustryEnd(before);
    if (cut <= 0) cut = before.length;
  }
  const descriptor = before.slice(cut);
  return { parent: before.slice(0, cut), branch: { text: descriptor + kind, kind, ...branchKey(kind, descriptor) } };
}
