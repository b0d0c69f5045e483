import { pinyin } from 'pinyin-pro';
import { GENERIC_CORE_LIST } from './generic-cores';

/*
 * How a 字号 sounds: its toneless pinyin syllables from pinyin-pro, space-separated (云启, 芸启,
 * 韵奇 → "yun qi"). A 字号 typed in letters sounds like the syllables it spells (Yunqi, yun qi →
 * "yun qi"; Xiaomi → "xiao mi"), and like nothing when it is an English brand (Nova, Tencent). Two
 * 字号 that sound alike are only ever 疑似 (compare.ts), and only where place and trade agree.
 */

const LATIN_ONLY = /^[a-z]+$/;

let syllables: ReadonlySet<string> | undefined;
let longest = 0;

/**
 * Every toneless syllable pinyin-pro gives a CJK Unified Ideograph (U+4E00–U+9FA5): ~410 of them,
 * ~150 ms once, and only when a 字号 written in letters has to be read. Interjection syllables
 * without a vowel (m, n, ng, hm) are left out: no one spells a 字号 with them.
 */
function pinyinSyllables(): ReadonlySet<string> {
  if (syllables) return syllables;
  let all = '';
  for (let c = 0x4e00; c <= 0x9fa5; c += 1) all += String.fromCharCode(c);
  const set = new Set<string>();
  for (const s of pinyin(all, { toneType: 'none', type: 'array', v: true })) {
    if (LATIN_ONLY.test(s) && /[aeiouv]/.test(s)) set.add(s);
  }
  longest = Math.max(...[...set].map((s) => s.length));
  syllables = set;
  return set;
}

/**
 * `letters` (a-z) as pinyin syllables — the fewest, the longer syllable first on a tie (changan →
 * chang an, as most writers mean; who means chan gan writes an apostrophe, a word boundary) — or
 * undefined when they spell none (nova, tech).
 */
export function segmentPinyin(letters: string): string[] | undefined {
  if (!LATIN_ONLY.test(letters)) return undefined;
  const set = pinyinSyllables();
  const n = letters.length;
  // fewest[i]: fewest syllables spelling letters.slice(i); Infinity when none does.
  const fewest: number[] = new Array<number>(n + 1).fill(Infinity);
  fewest[n] = 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let len = 1; len <= Math.min(longest, n - i); len += 1) {
      if (set.has(letters.slice(i, i + len))) fewest[i] = Math.min(fewest[i]!, 1 + fewest[i + len]!);
    }
  }
  if (fewest[0] === Infinity) return undefined;
  const out: string[] = [];
  for (let i = 0; i < n; ) {
    for (let len = Math.min(longest, n - i); len >= 1; len -= 1) {
      if (set.has(letters.slice(i, i + len)) && fewest[i + len] === fewest[i]! - 1) {
        out.push(letters.slice(i, i + len));
        i += len;
        break;
      }
    }
  }
  return out;
}

/** The sound of words typed in letters (each word on its own: xi an ≠ xian), or undefined. */
export function latinPinyin(words: readonly string[]): string | undefined {
  const out: string[] = [];
  for (const w of words) {
    const s = segmentPinyin(w);
    if (!s) return undefined;
    out.push(...s);
  }
  return out.length >= 2 ? out.join(' ') : undefined;
}

/**
 * The sound of a normalised 字号 (lower-case, no spaces), or undefined when it has none to compare:
 * digits or symbols in it, letters that are not pinyin, or a single syllable.
 */
export function corePinyin(core: string): string | undefined {
  if (/[^\p{Script=Han}a-z]/u.test(core)) return undefined;
  if (!/[a-z]/.test(core)) {
    const quick = fromCharReadings(core);
    if (quick !== null) return quick;
  }
  const parts = pinyin(core, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' });
  // Han characters come back one syllable each (or as themselves, without a reading); a latin run
  // typed inside (杭州yunqi科技) as one part, which must spell syllables.
  if (!/[a-z]/.test(core)) return parts.length >= 2 && parts.every((p) => LATIN_ONLY.test(p)) ? parts.join(' ') : undefined;
  return latinPinyin(parts);
}

/** A character's toneless reading, or undefined when its readings differ without tones (长: chang / zhang). */
const readings = new Map<string, string | undefined>();

function readingOf(ch: string): string | undefined {
  if (readings.has(ch)) return readings.get(ch);
  const all = new Set(pinyin(ch, { toneType: 'none', type: 'array', v: true, multiple: true }));
  const one = all.size === 1 ? [...all][0] : undefined;
  readings.set(ch, one !== undefined && LATIN_ONLY.test(one) ? one : undefined);
  return readings.get(ch);
}

/**
 * The same as pinyin-pro's reading in context when no character of `core` has two toneless
 * readings (most 字号), at a fraction of the cost (a registration and a rebuild read every 字号);
 * null when one has, so that the context decides (长城 / 长官).
 */
function fromCharReadings(core: string): string | undefined | null {
  const out: string[] = [];
  for (const ch of core) {
    const r = readingOf(ch);
    if (r === undefined) return null;
    out.push(r);
  }
  return out.length >= 2 ? out.join(' ') : undefined;
}

let common: ReadonlySet<string> | undefined;

/**
 * Sounds shared by thousands of unrelated companies: those of the generic 字号 (华信 / 华鑫 / 华新 /
 * 华欣 are all hua xin). Sounding alike is no evidence there.
 */
export function isCommonSound(sound: string): boolean {
  common ??= new Set(GENERIC_CORE_LIST.map((c) => corePinyin(c)).filter((s): s is string => s !== undefined));
  return common.has(sound);
}
