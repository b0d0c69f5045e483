import { distance } from 'fastest-levenshtein';
import type { AltReading, CompareResult, CustomerIdentity, ParsedName, Relation, Tier } from './types';
import { compareRegions, type RegionRelation } from './regions';
import { isGenericCore } from './generic-cores';
import { trailingIndustry } from './industries';
import { sameTradeMeaning, tradeFamily } from './trade-family';
import { swappable } from './keys';
import { isCommonSound } from './pinyin';
import { usccChecksumOk } from './uscc';

/*
 * Tiers (a = the registration being checked, b = an existing one):
 *
 * 重复 (blocked) only on evidence that the two are one legal entity:
 *   - the same USCC (it survives renames);
 *   - the same mobile — unless both sides carry different, checksum-valid USCCs: two legal
 *     entities sharing a contact person is then the likelier story, so 疑似;
 *   - the same name up to writing: same 字号, the same trade words up to fillers and order
 *     (trade-family.ts: 园林景观工程 / 园林景观, 科技发展 / 科技), regions equal or nested
 *     (北京 / 北京市海淀区; but not nested under a county's bare short form, regionLoose: 南平 /
 *     邵武 is 疑似), the same branch (or none), forms of one class (有限公司 / 股份公司), 集团 on
 *     both or neither, no conflicting bracket note; and no pair of different valid USCCs.
 * 疑似 (the user confirms, the approver sees the names) when they are probably related:
 *   - parent and branch, two branches of one parent;
 *   - same 字号 but another region, another industry, a missing region or industry (上海华为技术
 *     vs 华为技术 are two companies; 字节跳动 vs 北京字节跳动科技 one), another form class or 集团;
 *   - a 字号 that may have swallowed a region word (中山恒星 / 中山市恒星);
 *   - 字号 of three or more characters at edit distance 1, or the same characters reordered —
 *     when nothing else (region, industry, branch) disagrees. Two-character 字号 differing by one
 *     character (海尔/海信) are too often different companies: 无;
 *   - a two-character 字号 with its characters swapped (云启 / 启云) where the place does not
 *     conflict and the trade words are the same, unless the 字号 is generic;
 *   - 字号 that sound the same (芸启 / 云启, or 云启 typed as Yunqi, an English name's 字号) where
 *     the place does not conflict and the trade words are the same, unless the sound is common;
 *   - the same landline.
 * 无 otherwise; also for a generic 字号 (东方, 华夏), or one that is itself a trade word (石油, 建设),
 * in another region or industry, and for mere look-alikes whose valid USCCs differ.
 */

interface NameVerdict {
  tier: Tier;
  reasons: string[];
  relation?: Relation;
  score: number;
  /** Found through an equal 字号 (under some reading), not a mere look-alike. */
  kin?: boolean;
}

const NONE: NameVerdict = { tier: 'none', reasons: [], score: 0 };

const quote = (s: string): string => `“${s.trim()}”`;

type Side = 'same' | 'missing' | 'different';

function side(a: string | undefined, b: string | undefined): Side {
  if (a === b) return 'same';
  return a === undefined || b === undefined ? 'missing' : 'different';
}

function sortedChars(s: string): string {
  return [...s].sort().join('');
}

/** Same trade words, up to filler words and order (园林景观工程 / 园林景观). */
function tradeSide(a: ParsedName, b: ParsedName): Side {
  const s = side(a.industry, b.industry);
  return s === 'different' && tradeFamily(a.industry) === tradeFamily(b.industry) ? 'same' : s;
}

/** A 字号 that is itself nothing but trade words (石油, 建设, 城投): as weak as a generic one. */
function tradeWordCore(core: string): boolean {
  return trailingIndustry(core, 0).end === 0;
}

/** What differs between two names with the same 字号, in words for the reason. */
function differences(a: ParsedName, b: ParsedName, region: RegionRelation, industry: Side): string[] {
  const out: string[] = [];
  if (region === 'conflict') out.push(`地区不同（${a.region ?? ''} / ${b.region ?? ''}）`);
  if (region === 'nested' && (a.regionLoose || b.regionLoose)) out.push(`地区写法不同（${a.region ?? ''} / ${b.region ?? ''}）`);
  if (region === 'missing') out.push('一方未写地区');
  if (industry === 'different') {
    const how = sameTradeMeaning(a.industry, b.industry) ? '行业表述不同' : '行业不同';
    out.push(`${how}（${a.industry ?? ''} / ${b.industry ?? ''}）`);
  }
  if (industry === 'missing') out.push('一方未写行业');
  const fa = a.form?.cls;
  const fb = b.form?.cls;
  if (fa && fb && fa !== fb) out.push(`组织形式不同（${a.form?.name ?? ''} / ${b.form?.name ?? ''}）`);
  if (a.group !== b.group) out.push('一方为集团');
  if (a.bracketNote && b.bracketNote && a.bracketNote !== b.bracketNote) {
    out.push(`括号内容不同（${a.bracketNote} / ${b.bracketNote}）`);
  }
  return out;
}

function sameCore(a: ParsedName, b: ParsedName): NameVerdict {
  const region = compareRegions(a.regionRef, b.regionRef);
  const industry = tradeSide(a, b);
  const generic = isGenericCore(a.core) || tradeWordCore(a.core) || a.alternatives.some((x) => x.kind === 'strip' && isGenericCore(x.core));
  const unrelatedPlaces = region === 'conflict' || (industry === 'different' && !sameTradeMeaning(a.industry, b.industry));
  if (generic && unrelatedPlaces) return { ...NONE, score: 0.3 };

  if (!unrelatedPlaces && a.branch && b.branch && a.branch.key !== b.branch.key) {
    return { tier: 'suspect', relation: 'sister', score: 0.8, reasons: [`与${quote(b.raw)}同属一家公司的不同分支机构`] };
  }
  if (!unrelatedPlaces && !a.branch !== !b.branch) {
    return a.branch
      ? { tier: 'suspect', relation: 'branch', score: 0.85, reasons: [`为${quote(b.raw)}的${a.branch.kind}`] }
      : { tier: 'suspect', relation: 'parent', score: 0.85, reasons: [`${quote(b.raw)}为其${b.branch?.kind ?? '分支机构'}`] };
  }

  const diffs = differences(a, b, region, industry);
  if (diffs.length === 0 && !a.branch === !b.branch) {
    const exact = a.normalized === b.normalized;
    const wording = a.industry !== b.industry ? '名称相同（仅行业用词多少、次序不同）' : '名称相同（仅地区/组织形式写法不同）';
    return { tier: 'duplicate', relation: 'same', score: exact ? 1 : 0.98, reasons: [exact ? '名称相同' : wording] };
  }
  const relation: Relation = unrelatedPlaces ? 'sister' : 'similar';
  const score = unrelatedPlaces ? 0.7 : 0.9;
  return { tier: 'suspect', relation, score, reasons: [`名称高度相似：字号${quote(a.core)}相同，${diffs.join('，') || '分支机构不同'}`] };
}

/** A name read the other way (see ParsedName.alternatives). */
function view(p: ParsedName, alt: AltReading): ParsedName {
  const v: ParsedName = { ...p, core: alt.core, alternatives: [] };
  // 福州轻工: read as 福州 + 轻工 (trade), or as 福州市 + 字号 轻工 with no trade word.
  if (v.industry === alt.core) delete v.industry;
  if (alt.region) {
    v.regionRef = alt.region;
    v.region = alt.region.name;
  } else {
    delete v.regionRef;
    delete v.region;
  }
  return v;
}

/** Equal 字号 under another reading of a place word: at most 疑似, since one reading is wrong. */
function viaAlternatives(a: ParsedName, b: ParsedName): NameVerdict {
  if (a.alternatives.length === 0 && b.alternatives.length === 0) return NONE;
  const as = [a, ...a.alternatives.map((x) => view(a, x))];
  const bs = [b, ...b.alternatives.map((x) => view(b, x))];
  for (const ra of as) {
    for (const rb of bs) {
      if ((ra === a && rb === b) || ra.core !== rb.core) continue;
      const v = sameCore(ra, rb);
      if (v.tier === 'none') continue;
      if (v.tier === 'suspect') return { ...v, kin: true };
      return { tier: 'suspect', relation: 'similar', score: 0.85, kin: true, reasons: [`名称高度相似：${quote(a.raw)}与${quote(b.raw)}（地名可能是字号的一部分）`] };
    }
  }
  return NONE;
}

function nearCore(a: ParsedName, b: ParsedName): NameVerdict {
  if (Math.abs(a.core.length - b.core.length) > 1 && a.alternatives.length === 0 && b.alternatives.length === 0) return NONE;
  const region = compareRegions(a.regionRef, b.regionRef);
  const industry = side(a.industry, b.industry);
  if (region === 'conflict' || industry === 'different' || a.branch?.key !== b.branch?.key) return NONE;
  // 海口波彩 / 海口波峰: when both start with the same ambiguous place word, judge what follows it.
  const sa = a.alternatives.find((x) => x.kind === 'strip');
  const sb = b.alternatives.find((x) => x.kind === 'strip');
  const [ca, cb] = sa && sb && sa.word === sb.word ? [sa.core, sb.core] : [a.core, b.core];
  // Code points, as keys.ts counts them.
  if (Math.min([...ca].length, [...cb].length) < 3) return NONE;
  if (Math.abs(ca.length - cb.length) <= 1 && distance(ca, cb) === 1) {
    return { tier: 'suspect', relation: 'similar', score: 0.8, reasons: [`名称高度相似：字号${quote(a.core)}与${quote(b.core)}仅一字之差`] };
  }
  if (ca.length === cb.length && sortedChars(ca) === sortedChars(cb)) {
    return { tier: 'suspect', relation: 'similar', score: 0.75, reasons: [`名称高度相似：字号${quote(a.core)}与${quote(b.core)}用字相同、顺序不同`] };
  }
  return NONE;
}

/**
 * A two-character 字号 with its characters swapped (启云 / 云启): a typing slip as often as another
 * company (华联 / 联华), so 疑似 only where the place agrees (equal, nested, or not written on one
 * side) and both write the same trade words, never 重复, and never for a generic 字号 (中华 / 华中).
 */
function swappedCore(a: ParsedName, b: ParsedName): NameVerdict {
  const va = swapView(a);
  const vb = swapView(b);
  if (!va || !vb || va.core !== [...vb.core].reverse().join('')) return NONE;
  if (!a.industry || a.industry !== b.industry || a.branch?.key !== b.branch?.key) return NONE;
  if (compareRegions(va.regionRef, vb.regionRef) === 'conflict') return NONE;
  return { tier: 'suspect', relation: 'similar', score: 0.7, reasons: [`名称高度相似：字号字序颠倒（${va.core} / ${vb.core}）`] };
}

/** The reading whose two-character 字号 may be swapped (the one keys.ts swapCore() indexes). */
function swapView(p: ParsedName): ParsedName | undefined {
  if (swappable(p.core)) return p;
  const alt = p.alternatives.find((x) => swappable(x.core));
  return alt ? view(p, alt) : undefined;
}

/**
 * 字号 that sound the same (云启 / 芸启 / Yunqi: the same toneless pinyin): 疑似 only where the place
 * agrees (equal, nested, or not written on one side) and both write the same trade words — and
 * never for a generic 字号 or a common sound (华信 / 华鑫 / 华新), which thousands of unrelated
 * companies share.
 */
function soundsAlike(a: ParsedName, b: ParsedName): NameVerdict {
  if (!a.pinyin || a.pinyin !== b.pinyin || isCommonSound(a.pinyin)) return NONE;
  if (!a.industry || a.industry !== b.industry || a.branch?.key !== b.branch?.key) return NONE;
  if (compareRegions(a.regionRef, b.regionRef) === 'conflict' || isGenericCore(a.core) || isGenericCore(b.core)) return NONE;
  const how = /[a-z]/.test(a.core + b.core) ? '拼音相同' : '读音相同';
  return { tier: 'suspect', relation: 'similar', score: 0.7, reasons: [`名称高度相似：字号${quote(a.core)}与${quote(b.core)}${how}（${a.pinyin.replace(/ /g, '')}）`] };
}

export function compareNames(a: ParsedName, b: ParsedName): NameVerdict {
  if (!a.core || !b.core) return NONE;
  if (a.core === b.core) {
    const v = sameCore(a, b);
    return v.tier === 'none' ? v : { ...v, kin: true };
  }
  const alt = viaAlternatives(a, b);
  if (alt.tier !== 'none') return alt;
  const near = nearCore(a, b);
  if (near.tier !== 'none') return near;
  const swapped = swappedCore(a, b);
  return swapped.tier === 'none' ? soundsAlike(a, b) : swapped;
}

export function compareCustomers(a: CustomerIdentity, b: CustomerIdentity): CompareResult {
  if (a.uscc && a.uscc === b.uscc) {
    return { tier: 'duplicate', relation: 'same', score: 1, reasons: ['信用代码相同'] };
  }
  const distinctEntities = !!a.uscc && !!b.uscc && usccChecksumOk(a.uscc) && usccChecksumOk(b.uscc);
  const name = compareNames(a.name, b.name);
  const codesDiffer = '但信用代码不同，可能是两家公司';

  if (a.mobile && a.mobile === b.mobile) {
    const reasons = ['手机号已被报备', ...name.reasons];
    if (distinctEntities) {
      return { tier: 'suspect', relation: name.relation ?? 'similar', score: 0.9, reasons: [...reasons, codesDiffer] };
    }
    return { tier: 'duplicate', relation: 'same', score: 1, reasons };
  }

  let verdict: NameVerdict = name;
  if (distinctEntities && name.tier !== 'none') {
    // Two valid codes: two legal entities. A shared 字号 still says "related"; a look-alike does not.
    verdict = name.kin
      ? { tier: 'suspect', relation: name.relation === 'same' ? 'sister' : name.relation, score: name.score * 0.9, reasons: [...name.reasons, codesDiffer] }
      : { ...NONE, score: name.score / 2 };
  }

  if (a.landline && a.landline === b.landline) {
    verdict = verdict.tier === 'none'
      ? { tier: 'suspect', relation: 'similar', score: 0.6, reasons: ['座机号相同'] }
      : { ...verdict, reasons: [...verdict.reasons, '座机号相同'] };
  }
  const result: CompareResult = { tier: verdict.tier, reasons: verdict.reasons, score: verdict.score };
  if (verdict.relation && verdict.tier !== 'none') result.relation = verdict.relation;
  return result;
}
