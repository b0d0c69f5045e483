import type { AltReading, OrgForm, ParsedName, RegionRef } from './types';
import { normalizeCompanyName } from './normalize';
import { splitBranch } from './branch';
import { bracketForm, trailingForm } from './forms';
import { trailingIndustry } from './industries';
import { compareRegions, leadingDistrict, leadingRegions, setRegion, trailingRegion, wholeRegion, type RegionLevel } from './regions';
import { AMBIGUOUS_CITY_SHORTS } from './region-words';
import { isLatinName, parseLatinName } from './latin-name';
import { corePinyin } from './pinyin';

// 企业名称 = 行政区划 + 字号 + 行业 + 组织形式 (the region may also sit in brackets anywhere),
// optionally followed by a branch part. The 字号 ("core") is what is left once the others are off.

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

interface CoreParts { core: string; industry?: string; group: boolean; onlyIndustry: boolean }

function coreAndIndustry(rest: string): CoreParts {
  const tail = trailingIndustry(rest, MIN_CORE);
  let core = rest.slice(0, tail.end);
  let industry = tail.industry;
  let group = false;
  // 海尔集团电器…: 集团 between the 字号 and the industry.
  if (core.length >= MIN_CORE + 2 && core.endsWith('集团')) {
    group = true;
    const again = trailingIndustry(core.slice(0, -2), MIN_CORE);
    core = core.slice(0, again.end);
    industry = [again.industry, industry].filter(Boolean).join('') || undefined;
  }
  // 北京朝阳 + 科技: nothing but an industry word is left, so no 字号 was found. (中国 + 建设 +
  // 银行 is fine: 建设 is the 字号 there, as something was stripped after it.)
  const onlyIndustry = !industry && trailingIndustry(core, 0).end === 0;
  return { core, industry, group, onlyIndustry };
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
  let parts = coreAndIndustry(text.slice(levels[used - 1]?.end ?? 0));
  while (used > 0 && (parts.core.length < MIN_CORE || parts.onlyIndustry)) {
    used -= 1;
    parts = coreAndIndustry(text.slice(levels[used - 1]?.end ?? 0));
  }
  const core = parts.core || text || normalized;
  const notes = brackets.notes;
  const region = mergeRegions(levels[used - 1]?.ref, brackets.region, notes);

  const parsed: ParsedName = {
    raw,
    normalized,
    core,
    alternatives: alternatives(text, core, levels.slice(0, used), region),
    group: group || parts.group,
  };
  if (region) setRegion(parsed, region);
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
    if (!last.short || last.level !== 3) return [];
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
