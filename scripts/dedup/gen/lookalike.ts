import { pinyin } from 'pinyin-pro';
import { randomCore, randomPlace, shortOf, type Entity, type Place } from './entities';
import { base, entity, type Ctx, type Maker } from './pair';
import { companyName } from './render';
import { CORE_CHARS, ENGLISH_INDUSTRIES, GENERIC_CORES } from './vocabulary';

// Look-alike 字号 as salespeople type them (a homophone, the 字号 in pinyin, the English legal
// name, a district instead of the city) and the hard negatives of the same kinds: the same sound
// in another trade or province, and homophones of common 字号 (华信 / 华欣).

const sound = (han: string): string[] => pinyin(han, { toneType: 'none', type: 'array', v: true });

/** Characters by toneless syllable, among the 字号 characters and those of the common 字号. */
const BY_SOUND = new Map<string, string[]>();
for (const ch of new Set([...CORE_CHARS, ...GENERIC_CORES.join('')])) {
  const [s] = sound(ch);
  if (s) BY_SOUND.set(s, [...(BY_SOUND.get(s) ?? []), ch]);
}

/** `core` with one character replaced by another of the same sound, or undefined if none has one. */
function homophone(ctx: Ctx, core: string): string | undefined {
  const chars = [...core];
  const at = chars.map((_, i) => i).filter((i) => (BY_SOUND.get(sound(chars[i]!)[0]!) ?? []).length > 1);
  if (at.length === 0) return undefined;
  const i = ctx.rnd.pick(at);
  const others = BY_SOUND.get(sound(chars[i]!)[0]!)!.filter((c) => c !== chars[i] && !chars.includes(c));
  if (others.length === 0) return undefined;
  chars[i] = ctx.rnd.pick(others);
  const out = chars.join('');
  // Read in context, a character may take another reading: the pair must really sound the same.
  return sound(out).join('') === sound(core).join('') ? out : undefined;
}

/** An entity whose 字号 has a homophone, and that homophone. */
function withHomophone(ctx: Ctx, over: Partial<Entity> = {}): [Entity, string] {
  for (;;) {
    const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, ctx.rnd.weighted([[2, 6], [3, 2], [4, 2]] as const)), ...over });
    const h = homophone(ctx, e.core);
    if (h && !ctx.used.has(h)) {
      ctx.used.add(h);
      return [e, h];
    }
  }
}

const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** The 字号 in pinyin as people type it: Yunqi, yunqi, YUNQI, Yun Qi. */
function typedPinyin(ctx: Ctx, core: string): string {
  const syllables = sound(core);
  return ctx.rnd.weighted([
    [capital(syllables.join('')), 5], [syllables.join(''), 2], [syllables.join('').toUpperCase(), 1], [syllables.map(capital).join(' '), 2],
  ] as const);
}

/** The place of an English name: the city (the province for municipalities or a province-level name), in pinyin. */
function englishPlace(p: Place): string {
  const han = p.depth !== 'province' && p.city ? shortOf(p.city.name) : shortOf(p.province.name);
  return capital(sound(han).join(''));
}

function englishIndustry(ctx: Ctx): [string, string, string | undefined] {
  const [zh, en, short] = ctx.rnd.pick(ENGLISH_INDUSTRIES);
  return [zh, en, short];
}

function englishName(ctx: Ctx, e: Entity, en: string, short: string | undefined): string {
  const core = capital(sound(e.core).join(''));
  const place = englishPlace(e.place);
  return ctx.rnd.weighted([
    [`${place} ${core} ${en} Co., Ltd.`, 4],
    [`${core} ${en} (${place}) Co., Ltd.`, 2],
    [`${place.toUpperCase()} ${core.toUpperCase()} ${en.toUpperCase()} CO.,LTD`, 1],
    [`${core} ${short ?? en}`, 2],
  ] as const);
}

export const homophonePositive: Maker = (ctx) => {
  const [e, h] = withHomophone(ctx);
  return { a: base(ctx, e), b: base(ctx, { ...e, core: h }), duplicate: true, kind: 'lookalike-homophone' };
};

export const pinyinTyped: Maker = (ctx) => {
  const e = entity(ctx);
  const style = ctx.rnd.pick(['short', 'full'] as const);
  return { a: companyName(e, { style }), b: companyName(e, { style, core: typedPinyin(ctx, e.core) }), duplicate: true, kind: 'lookalike-pinyin-typed' };
};

export const englishPositive: Maker = (ctx) => {
  const [industry, en, short] = englishIndustry(ctx);
  const e = entity(ctx, { industry, form: '有限公司' });
  return { a: base(ctx, e), b: englishName(ctx, e, en, short), duplicate: true, kind: 'lookalike-english' };
};

/** 西湖云启科技 for 杭州云启科技: the district's short form, without its city. */
export const districtForCity: Maker = (ctx) => {
  for (;;) {
    const place = randomPlace(ctx.rnd);
    const district = shortOf(place.area.name);
    if (!place.city || district.length < 2) continue;
    const e = entity(ctx, { place: { ...place, depth: 'city' } });
    return { a: base(ctx, e), b: district + e.core + e.industry + e.form, duplicate: true, kind: 'lookalike-district-for-city' };
  }
};

/** 杭州启云科技 for 杭州云启科技: the two characters of a two-character 字号 typed the other way round. */
export const swapPositive: Maker = (ctx) => {
  for (;;) {
    const e = entity(ctx, { core: randomCore(ctx.rnd, ctx.used, 2) });
    const swapped = [...e.core].reverse().join('');
    if (ctx.used.has(swapped) || GENERIC_CORES.includes(e.core) || GENERIC_CORES.includes(swapped)) continue;
    ctx.used.add(swapped);
    return { a: base(ctx, e), b: base(ctx, { ...e, core: swapped }), duplicate: true, kind: 'lookalike-swap-2' };
  }
};

export const homophoneOtherTrade: Maker = (ctx) => {
  const [e, h] = withHomophone(ctx);
  const f = entity(ctx, { core: h, place: e.place });
  if (f.industry === e.industry) f.industry = e.industry === '贸易' ? '餐饮管理' : '贸易';
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-homophone-other-trade' };
};

export const homophoneOtherProvince: Maker = (ctx) => {
  const [e, h] = withHomophone(ctx);
  let other = randomPlace(ctx.rnd);
  while (other.province.code === e.place.province.code) other = randomPlace(ctx.rnd);
  const f = entity(ctx, { core: h, industry: e.industry, form: e.form, place: other });
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-homophone-other-province' };
};

/** 华信 / 华欣 in one city and trade: common 字号 and their sounds say nothing. */
export const commonSound: Maker = (ctx) => {
  for (;;) {
    const core = ctx.rnd.pick(GENERIC_CORES);
    const h = homophone(ctx, core);
    if (!h) continue;
    const e = entity(ctx, { core });
    return { a: base(ctx, e), b: base(ctx, { ...e, core: h, uscc: entity(ctx).uscc }), duplicate: false, kind: 'neg-common-sound' };
  }
};

export const pinyinOtherTrade: Maker = (ctx) => {
  const e = entity(ctx);
  const f = entity(ctx, { core: typedPinyin(ctx, e.core), place: e.place });
  if (f.industry === e.industry) f.industry = e.industry === '贸易' ? '餐饮管理' : '贸易';
  return { a: base(ctx, e), b: base(ctx, f), duplicate: false, kind: 'neg-pinyin-other-trade' };
};

export const englishOtherProvince: Maker = (ctx) => {
  const [industry, en, short] = englishIndustry(ctx);
  const e = entity(ctx, { industry, form: '有限公司' });
  let other = randomPlace(ctx.rnd);
  while (other.province.code === e.place.province.code) other = randomPlace(ctx.rnd);
  const f = { ...e, place: { ...other, depth: 'city' as const } };
  const b = englishName(ctx, f, en, short);
  // The short form (Yunqi Tech) names no place; give it the other place's in front.
  return { a: base(ctx, e), b: b.includes(englishPlace(f.place)) ? b : `${englishPlace(f.place)} ${b}`, duplicate: false, kind: 'neg-english-other-province' };
};
