import type { ConverterFunction, ConverterOptions } from 'opencc-js' with { 'resolution-mode': 'import' };
import type { Entity, Place } from './entities';
import { shortOf } from './entities';
import type { Random } from './random';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const opencc = require('opencc-js') as { Converter(options: ConverterOptions): ConverterFunction };
const toTw = opencc.Converter({ from: 'cn', to: 'tw' });

export type Level = 'province' | 'city' | 'area';
export type RegionStyle = 'short' | 'full' | 'long' | 'long-short';
export type RegionPosition = 'lead' | 'bracket' | 'bracket-mid' | 'none';

export interface NameOptions {
  level?: Level;
  style?: RegionStyle;
  position?: RegionPosition;
  core?: string;
  industry?: string;
  form?: string;
  branch?: string;
}

const short = (name: string): string => {
  const s = shortOf(name);
  return s.length >= 2 ? s : name;
};

export function regionText(p: Place, level: Level, style: RegionStyle): string {
  const prov = p.province.name;
  if (level === 'province' || (level === 'city' && !p.city)) return style === 'short' || style === 'long-short' ? short(prov) : prov;
  if (level === 'city' && p.city) {
    const city = p.city.name;
    if (style === 'short') return short(city);
    if (style === 'full') return city;
    return style === 'long' ? prov + city : short(prov) + short(city);
  }
  const area = p.area.name;
  if (!p.city) return style === 'short' || style === 'long-short' ? short(prov) + short(area) : prov + area;
  const city = p.city.name;
  if (style === 'short') return short(city) + short(area);
  if (style === 'full') return city + area;
  return style === 'long' ? prov + city + area : short(prov) + short(city) + short(area);
}

export function companyName(e: Entity, o: NameOptions = {}): string {
  const level = o.level ?? e.place.depth;
  const region = regionText(e.place, level, o.style ?? 'full');
  const core = o.core ?? e.core;
  const industry = o.industry ?? e.industry;
  const form = o.form ?? e.form;
  const branch = o.branch ?? '';
  switch (o.position ?? 'lead') {
    case 'lead':
      return region + core + industry + form + branch;
    case 'bracket':
      return `${core}${industry}（${region}）${form}${branch}`;
    case 'bracket-mid':
      return `${core}（${region}）${industry}${form}${branch}`;
    case 'none':
      return core + industry + form + branch;
  }
}

export function traditional(s: string): string {
  return toTw(s);
}

export function fullWidth(s: string): string {
  return [...s].map((ch) => {
    const c = ch.charCodeAt(0);
    return c > 0x20 && c < 0x7f ? String.fromCharCode(c + 0xfee0) : ch === ' ' ? '\u3000' : ch;
  }).join('');
}

/** Half-width brackets and letters, as a phone keyboard types them. */
export function halfWidth(s: string): string {
  return s.replace(/（/g, '(').replace(/）/g, ')');
}

const BRACKETS: readonly (readonly [string, string])[] = [['【', '】'], ['〔', '〕'], ['[', ']'], ['「', '」'], ['(', ')']];

export function otherBrackets(rnd: Random, s: string): string {
  const [open, close] = rnd.pick(BRACKETS);
  return s.replace(/（/g, open).replace(/）/g, close);
}

export function sprinkleSpaces(rnd: Random, s: string): string {
  const chars = [...s];
  const count = 1 + rnd.int(3);
  for (let i = 0; i < count; i += 1) {
    const at = 1 + rnd.int(chars.length - 1);
    chars.splice(at, 0, rnd.pick([' ', ' ', '\u3000', '  ', '·', '-']));
  }
  return (rnd.chance(0.3) ? ' ' : '') + chars.join('') + (rnd.chance(0.3) ? '\u3000' : '');
}

export function flipCase(rnd: Random, s: string): string {
  const mode = rnd.int(3);
  if (mode === 0) return s.toLowerCase();
  if (mode === 1) return s.toUpperCase();
  return s.replace(/[A-Za-z]/g, (c) => (rnd.chance(0.5) ? c.toLowerCase() : c.toUpperCase()));
}

/** The same mainland mobile as people type it. */
export function mobileFormat(rnd: Random, m: string): string {
  const a = m.slice(0, 3);
  const b = m.slice(3, 7);
  const c = m.slice(7);
  return rnd.pick([
    `+86 ${a} ${b} ${c}`, `+86${m}`, `0086${m}`, `0086-${a}-${b}-${c}`, `${a}-${b}-${c}`, `${a} ${b} ${c}`,
    `(+86)${m}`, `86 ${m}`, fullWidth(m), `tel:+86-${a}-${b}-${c}`, `+86-${m}`, `${m} `,
  ]);
}
