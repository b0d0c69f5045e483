import type { ParsedName } from './types';
import { isGenericCore } from './generic-cores';
import { tradeFamily } from './trade-family';

/*
 * Retrieval keys: a registration is stored under retrievalKeys(); a check looks up
 * lookupKeys() of the new name with an indexed equality/IN query and scores only the hits with
 * compareCustomers(). This finds every pair compare() can call 重复 or 疑似, because each rule
 * there needs one of these to hold, and each is witnessed by a shared key:
 *
 *   same USCC / mobile / landline          u:<uscc>  m:<e164>  l:<e164>
 *   same 字号 (all 字号-equal rules)         c:<core>
 *   alternative reading (中山恒星 ~ 恒星)    c:<alt>   (alt cores are stored and looked up)
 *   字号 reordered (length ≥ 3)             s:<sorted characters>
 *   two-character 字号 swapped (云启 / 启云)  s:<sorted characters> of swapCore(): two Han characters,
 *                                          not generic (compare() never flags those), the 字号 or
 *                                          an alternative reading's (白银致佳 → 致佳); one key at most
 *   字号 sounding the same (pinyin.ts)       y:<toneless syllables> (云启 / 芸启 / Yunqi → y:yun qi)
 *   字号 at edit distance 1, both ≥ 3 chars (symmetric deletion, split by length):
 *     substitution, same length L ≤ 8      d:<core minus one char> on both sides
 *     stored is one longer (L+1 ≤ 8)       lookup d:<core>     meets stored d:<its deletion>
 *     stored is one shorter                lookup c:<my deletion> meets stored c:<core>
 *     either side ≥ 8 chars                p:<first 4>  q:<last 4> — one edit cannot touch both
 *                                          the first four and the last four characters of
 *                                          strings of 8+ characters, so one of them is shared.
 *
 * Precise keys — every 重复 shares one of them, so a check looks them up without a cap:
 *   u: m: l: (identifiers) and n:<字号>|<trade family>|<province code> — a 重复 by name needs the
 *   same 字号 and trade family (trade-family.ts) and regions equal or nested, hence in one province
 *   (or both absent).
 * The others only find 疑似 and may be capped when crowded (a common 字号 at a million rows).
 *
 * These are the keys as compare() needs them; the database stores c:<字号> implicitly, under the
 * n:<字号>|… keys (see storedKeys in registration/duplicate-finder.ts).
 *
 * Look-alike keys (s: d: p: q: y:) only ever lead to compare()'s look-alike rules (nearCore,
 * swappedCore, soundsAlike), which need regions that do not conflict and industry words that do not differ. Each key row therefore
 * carries the customer's lookalikeScope(): a check skips rows of another province or industry
 * inside the index, without reading their customers (at a million customers a two-character
 * deletion key is shared by hundreds, nearly all in other provinces and trades).
 *
 * Per registration: at most 3 identifier keys, 1 + |alts| core keys, 1 sorted key (and 1 swap key
 * when a ≤ 5-character 字号 reads as place + two characters: 白银致佳), 1 sound key, up
 * to 8 deletion keys (3..8 chars) and 2 affix keys (8+ chars): ≤ 17, about 5 name keys on average
 * (a 2-character 字号 gets c:, s: and y:). Two-character 字号 get no deletion keys: one-character deletions of
 * them would be single characters shared by a large share of all companies, and compare() never
 * calls two-character 字号 one character apart similar anyway (unless they sound the same: y:).
 * Their s: key (one row) finds the two characters swapped.
 */

/**
 * Bump when the keys, the profile format (profile.ts) or the name parser change: at start, an index
 * built by another version is rebuilt from the customers (ensureDedupIndex, registration/rebuild-dedup-index.ts).
 */
export const DEDUP_INDEX_VERSION = 5;

export interface KeyIdentifiers {
  uscc?: string;
  mobile?: string;
  landline?: string;
}

const MIN_FUZZY = 3;
const MAX_DELETION = 8;
const AFFIX_FROM = 8;
const AFFIX = 4;
const TWO_HAN = /^\p{Script=Han}{2}$/u;

/** A two-character 字号 whose characters swapped make another one, and that is not generic (云启, not 华夏 or 鑫鑫). */
export function swappable(core: string): boolean {
  return TWO_HAN.test(core) && core[0] !== core[1] && !isGenericCore(core);
}

/**
 * The two-character 字号 a name may have swapped: its 字号, or else the first alternative reading's
 * (致佳 for 白银致佳, read 白银 + 致佳); compare() judges swaps under this same reading. At most one.
 */
export function swapCore(parsed: ParsedName): string | undefined {
  if (swappable(parsed.core)) return parsed.core;
  return parsed.alternatives.find((x) => swappable(x.core))?.core;
}

function deletions(core: string): string[] {
  const chars = [...core];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i += 1) out.add(chars.slice(0, i).join('') + chars.slice(i + 1).join(''));
  return [...out];
}

function identifierKeys(ids: KeyIdentifiers): string[] {
  const keys: string[] = [];
  if (ids.uscc) keys.push(`u:${ids.uscc}`);
  if (ids.mobile) keys.push(`m:${ids.mobile}`);
  if (ids.landline) keys.push(`l:${ids.landline}`);
  return keys;
}

function coreKeys(core: string, side: 'store' | 'lookup'): string[] {
  const chars = [...core];
  const len = chars.length;
  const keys = [`c:${core}`];
  if (len < MIN_FUZZY) return keys;
  keys.push(`s:${[...chars].sort().join('')}`);
  if (len <= MAX_DELETION) {
    for (const d of deletions(core)) {
      keys.push(`d:${d}`);
      if (side === 'lookup' && len > MIN_FUZZY) keys.push(`c:${d}`);
    }
    if (side === 'lookup' && len < MAX_DELETION) keys.push(`d:${core}`);
  }
  if (len >= AFFIX_FROM) {
    keys.push(`p:${chars.slice(0, AFFIX).join('')}`, `q:${chars.slice(-AFFIX).join('')}`);
  }
  return keys;
}

/** The provinces a name's region may be in ('' for none or the whole country). */
function provinces(parsed: ParsedName): string[] {
  const ref = parsed.regionRef;
  if (!ref || ref.national || ref.codes.length === 0) return [''];
  return [...new Set(ref.codes.map((c) => c.slice(0, 2)))];
}

function nameKeys(parsed: ParsedName): string[] {
  const trade = parsed.industry ? tradeFamily(parsed.industry) : '';
  return provinces(parsed).map((p) => `n:${parsed.core}|${trade}|${p}`);
}

/**
 * precise: matches may be decisive (重复), never cut short by a candidate cap (u: m: l: n:).
 * core: the same 字号 under some reading (c:). lookalike: 字号 reordered, one character off or
 * sounding alike, filtered by scope (s: d: p: q: y:).
 */
export type KeyKind = 'precise' | 'core' | 'lookalike';

export function keyKind(key: string): KeyKind {
  switch (key.charCodeAt(0)) {
    case 0x75: // u
    case 0x6d: // m
    case 0x6c: // l
    case 0x6e: // n
      return 'precise';
    case 0x63: // c
      return 'core';
    default:
      return 'lookalike';
  }
}

export function isPreciseKey(key: string): boolean {
  return keyKind(key) === 'precise';
}

export function isLookalikeKey(key: string): boolean {
  return keyKind(key) === 'lookalike';
}

/**
 * Where a name sits, for look-alike keys: its province (GB/T 2260, e.g. 33) when the region names
 * exactly one, and a hash of its industry words; 0 for "not written" (or several provinces).
 */
export interface LookalikeScope {
  province: number;
  industry: number;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

export function lookalikeScope(parsed: ParsedName): LookalikeScope {
  const p = provinces(parsed);
  return { province: p.length === 1 && p[0] ? Number(p[0]) : 0, industry: parsed.industry ? fnv1a(parsed.industry) : 0 };
}

/**
 * False only when compare() cannot call the two look-alikes: two provinces (so the regions
 * conflict) or two different industries. What the index query applies to every look-alike key row.
 */
export function scopesMeet(a: LookalikeScope, b: LookalikeScope): boolean {
  return (a.province === 0 || b.province === 0 || a.province === b.province) && (a.industry === 0 || b.industry === 0 || a.industry === b.industry);
}

function build(parsed: ParsedName, ids: KeyIdentifiers, side: 'store' | 'lookup'): string[] {
  const keys = new Set<string>(identifierKeys(ids));
  if (parsed.core) for (const k of [...nameKeys(parsed), ...coreKeys(parsed.core, side)]) keys.add(k);
  for (const alt of parsed.alternatives) keys.add(`c:${alt.core}`);
  if (parsed.pinyin) keys.add(`y:${parsed.pinyin}`);
  const two = swapCore(parsed);
  if (two) keys.add(`s:${[...two].sort().join('')}`);
  return [...keys];
}

/** Keys to store a registration under. */
export function retrievalKeys(parsed: ParsedName, ids: KeyIdentifiers = {}): string[] {
  return build(parsed, ids, 'store');
}

/** Keys to look up when checking a new registration (a superset of its retrieval keys). */
export function lookupKeys(parsed: ParsedName, ids: KeyIdentifiers = {}): string[] {
  return build(parsed, ids, 'lookup');
}
