import type { AltReading, OrgForm, ParsedName, RegionRef } from './types';
import { normalizeCompanyName } from './normalize';
import { splitBranch } from './branch';
import { bracketForm, trailingForm } from './forms';
import { readTail, trailingIndustry } from './industries';
import { compareRegions, leadingDistrict, leadingRegions, midPlaceAt, setRegion, trailingRegion, wholeRegion, type RegionLevel } from './regions';
import { SINGLE_SHOP_FORMS } from './trade-vocabulary';
import { AMBIGUOUS_CITY_SHORTS } from './region-words';
import { isLatinName, parseLatinName } from './latin-name';
import { corePinyin } from './pinyin';

// 企业名称 = 行政区划 + 字号 + 行业 + 组织形式 (the region may also sit in brackets anywhere, or
// between and after the trade words), optionally followed by a branch part. The 字号 ("core") is
// what is left once the others are off.
//
// How far the 字号 is shortened — never below what tells the company apart:
//   1. a word leaves the 字号 only when the vocabulary supports the reading: a place of the region
//      lexicon (regions.ts), a trade word of trade-vocabulary.ts (GB/T 4754-2017 names and their
//      short forms, business-scope words), a 组织形式 or shop ending (forms.ts, data/shop-forms.ts).
//      What no list supports stays: 映月书房电子商务 → 映月书房 (书房 is no trade word);
//   2. at least two characters stay (企业名称登记管理规定: 字号 of two or more 汉字), so a trade or
//      place word is undone rather than leave one character (福州轻工进出口 → 轻工, 东方科技 → 东方);
//   3. a 字号 that would be nothing but trade words is no 字号: the region levels are undone first
//      (北京科技 → 北京), since a company is told apart by the words before its trade;
//   4. one-character endings (店, 行, 酒) are taken only after a trade word or right before the form,
//      never from the middle of a 字号 (建设银行 is 建设 + 银行, not 建设银 + 行);
//   5. where the place word could as well belong to the 字号 (中山恒星, 昆山千灯), the other reading
//      is kept as an alternative, which compare() matches to 疑似 only.

const MIN_CORE = 2;

interface Brackets { text: string; region?: RegionRef; form?: OrgForm; group: boolean; notes: string[] }

/** Takes bracket groups out of `s`, keeping what they said: a region, a form, or a note. */
function takeBrackets(s: string): Brackets {
  const out: Brackets = { text: '', group: false, notes: [] };
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('(', i);
    if (open < 0) break;
    const close = s.indexOf(')', open);
    if (close < 0) break;
    out.text += s.slice(i, open);
    const content = s.slice(open + 1, close);
    const form = bracketForm(content);
    const region = form ? undefined : wholeRegion(content);
    if (form) {
      out.group ||= form.group;
      out.form ??= form.form;
    } else if (region && !out.region) {
      out.region = region;
    } else if (content) {
      out.notes.push(content);
    }
    i = close + 1;
  }
  out.text += s.slice(i);
  return out;
}

function deeper(a: RegionRef, b: RegionRef): RegionRef {
  const depth = (r: RegionRef): number => Math.max(0, ...r.codes.map((c) => c.length));
  return depth(b) > depth(a) ? b : a;
}

/** Leading and bracketed regions together: the more precise if they agree, else the leading one. */
function mergeRegions(lead: RegionRef | undefined, bracket: RegionRef | undefined, notes: string[]): RegionRef | undefined {
  if (!lead || lead.national) return bracket ?? lead;
  if (!bracket || bracket.national) return lead;
  const relation = compareRegions(lead, bracket);
  if (relation === 'conflict') {
    notes.push(bracket.name);
    return lead;
  }
  return deeper(lead, bracket);
}

/**
 * 字节跳动科技有限公司北京: a place typed after the form or industry words, without brackets, is
 * read like (北京). Without such a boundary (字节跳动北京) it may be part of the 字号, so it stays.
 */
function trailingPlace(brackets: Brackets): string {
  const text = brackets.text;
  const place = trailingRegion(text);
  if (!place || place.ref.national) return text;
  const before = text.slice(0, place.start);
  if (!trailingForm(before, 2) && !trailingIndustry(before, MIN_CORE).industry) return text;
  if (!brackets.region) brackets.region = place.ref;
  else brackets.notes.push(place.ref.name);
  return before;
}

interface CoreParts { core: string; industry?: string; group: boolean; onlyIndustry: boolean; form?: string; places: RegionRef[] }

function coreAndIndustry(rest: string): CoreParts {
  const tail = readTail(rest, MIN_CORE, { places: true });
  let core = rest.slice(0, tail.end);
  let industry = tail.industry;
  let group = false;
  const places = [...tail.places];
  // 海尔集团电器…: 集团 between the 字号 and the industry.
  if (core.length >= MIN_CORE + 2 && core.endsWith('集团')) {
    group = true;
    const again = readTail(core.slice(0, -2), MIN_CORE, { places: true, forms: false });
    core = core.slice(0, again.end);
    industry = [again.industry, industry].filter(Boolean).join('') || undefined;
    places.unshift(...again.places);
  }
  // 北京朝阳 + 科技: nothing but an industry word is left, so no 字号 was found. (中国 + 建设 +
  // 银行 is fine: 建设 is the 字号 there, as something was stripped after it.)
  const onlyIndustry = !industry && !tail.form && trailingIndustry(core, 0).end === 0;
  const parts: CoreParts = { core, group, onlyIndustry, places };
  if (industry) parts.industry = industry;
  if (tail.form) parts.form = tail.form;
  return parts;
}

export function parseCompanyName(raw: string): ParsedName {
  const normalized = normalizeCompanyName(raw);
  const parsed = isLatinName(normalized) ? parseLatinName(raw, normalized) : parseChineseName(raw, normalized);
  const sound = parsed.pinyin ?? corePinyin(parsed.core);
  if (sound) parsed.pinyin = sound;
  return parsed;
}

function parseChineseName(raw: string, normalized: string): ParsedName {
  const { parent, branch } = splitBranch(normalized);
  const brackets = takeBrackets(parent);
  let text = trailingPlace(brackets);
  let form = brackets.form;
  let group = brackets.group;

  const suffix = trailingForm(text, 1);
  if (suffix) {
    text = text.slice(0, suffix.start);
    form = suffix.form ?? form;
    group ||= suffix.group;
  }

  // Undo region levels, deepest first, while they would leave a 字号 under two characters.
  const levels = leadingRegions(text, 'name');
  let used = levels.length;
  // 山西咸阳五龙: a second place right after the first and not inside it (a slip, or two places
  // written): read as a place too; the regions are merged, a conflicting one noted.
  let extra = used > 0 ? midPlaceAt(text, levels[used - 1]!.end) : undefined;
  const from = (): number => (levels[used - 1]?.end ?? 0) + (extra ? extra.len : 0);
  let parts = coreAndIndustry(text.slice(from()));
  // A short place form (海淀, 中关村) before a 字号 of trade words only was the 字号's (rule 3).
  const tradeOnly = (): boolean => parts.onlyIndustry || ((levels[used - 1]?.level ?? 0) >= 3 && levels[used - 1]?.short === true && trailingIndustry(parts.core, 0).end === 0);
  let undone: AltReading | undefined;
  while ((used > 0 || extra) && (parts.core.length < MIN_CORE || tradeOnly())) {
    // 福州 + 轻工: a 字号 that is a trade word is kept as the other reading (福州轻工 is the first).
    const level = levels[used - 1];
    if (!undone && !extra && level && parts.core.length >= MIN_CORE && !parts.industry) {
      undone = { kind: 'strip', word: level.text, core: parts.core, region: level.ref };
    }
    if (extra) extra = undefined;
    else used -= 1;
    parts = coreAndIndustry(text.slice(from()));
  }
  const core = parts.core || text || normalized;
  const notes = brackets.notes;
  let placed = brackets.region;
  for (const p of parts.places) placed = placed ? mergeRegions(placed, p, notes) : p;
  const lead = extra ? mergeRegions(levels[used - 1]?.ref, extra.ref, notes) : levels[used - 1]?.ref;
  const region = mergeRegions(lead, placed, notes);
  if (!form && parts.form) form = { name: parts.form, cls: 'other' };
  const alts = alternatives(text, core, levels.slice(0, used), region);
  if (undone && undone.core !== core) alts.push(undone);
  // 向敏店: a one-character shop ending with no trade word before it may be the form (向敏 + 店).
  const last = core.charAt(core.length - 1);
  if (!form && core.length - 1 >= MIN_CORE && SINGLE_SHOP_FORMS.has(last)) {
    const strip: AltReading = { kind: 'strip', word: last, core: core.slice(0, -1) };
    if (region) strip.region = region;
    alts.push(strip);
  }

  const parsed: ParsedName = {
    raw,
    normalized,
    core,
    alternatives: alts,
    group: group || parts.group,
  };
  if (region) setRegion(parsed, region);
  if (region && levels[0]?.bare && used > 0 && region === levels[used - 1]?.ref) parsed.regionLoose = true;
  if (parts.industry) parsed.industry = parts.industry;
  if (form) parsed.form = form;
  if (branch) parsed.branch = branch;
  if (notes.length > 0) parsed.bracketNote = notes.join('/');
  return parsed;
}

/**
 * Where a place word could also be part of the 字号, the other reading: 北京朝阳恒星 → also
 * 北京 + 朝阳恒星; 中山恒星 (中山 not read as a place on its own) → also 中山市 + 恒星.
 */
function alternatives(text: string, core: string, used: RegionLevel[], region: RegionRef | undefined): AltReading[] {
  const last = used[used.length - 1];
  if (last) {
    if (!last.short || last.level < 3) return [];
    const keep: AltReading = { kind: 'keep', word: last.text, core: last.text + core };
    const parent = used[used.length - 2]?.ref;
    return [parent ? { ...keep, region: parent } : keep];
  }
  const place = leadingRegions(text, 'place')[0];
  if (place && AMBIGUOUS_CITY_SHORTS.has(place.text) && core.startsWith(place.text)) {
    const rest = core.slice(place.text.length);
    return rest.length >= MIN_CORE ? [{ kind: 'strip', word: place.text, core: rest, region: region ?? place.ref }] : [];
  }
  // 西湖云启 / 余杭云启: a district written without its city, which 市辖区 names may not do, so
  // perhaps not a place at all.
  const district = region ? undefined : leadingDistrict(core);
  const rest = district ? core.slice(district.text.length) : '';
  return district && rest.length >= MIN_CORE ? [{ kind: 'strip', word: district.text, core: rest, region: district.ref }] : [];
}
