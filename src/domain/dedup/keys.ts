import type { ParsedName } from './types';

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
 *   字号 at edit distance 1, both ≥ 3 chars (symmetric deletion, split by length):
 *     substitution, same length L ≤ 8      d:<core minus one char> on both sides
 *     stored is one longer (L+1 ≤ 8)       lookup d:<core>     meets stored d:<its deletion>
 *     stored is one shorter                lookup c:<my deletion> meets stored c:<core>
 *     either side ≥ 8 chars                p:<first 4>  q:<last 4> — one edit cannot touch both
 *                                          the first four and the last four characters of
 *                                          strings of 8+ characters, so one of them is shared.
 *
 * Precise keys — every 重复 shares one of them, so a check looks them up without a cap:
 *   u: m: l: (identifiers) and n:<字号>|<industry>|<province code> — a 重复 by name needs the
 *   same 字号 and industry and regions equal or nested, hence in one province (or both absent).
 * The others only find 疑似 and may be capped when crowded (a common 字号 at a million rows).
 *
 * Per registration: at most 3 identifier keys, 1 + |alts| core keys, 1 sorted key, up to 8
 * deletion keys (3..8 chars) and 2 affix keys (8+ chars): ≤ 16, about 4 name keys on average
 * (a 2-character 字号 gets just c:). Two-character 字号 get no deletion keys: one-character deletions of them would
 * be single characters shared by a large share of all companies, and compare() never calls
 * two-character look-alikes similar anyway.
 */

export interface KeyIdentifiers {
  uscc?: string;
  mobile?: string;
  landline?: string;
}

const MIN_FUZZY = 3;
const MAX_DELETION = 8;
const AFFIX_FROM = 8;
const AFFIX = 4;

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
  return provinces(parsed).map((p) => `n:${parsed.core}|${parsed.industry ?? ''}|${p}`);
}

/** Keys whose matches may be decisive (重复): never cut short by a candidate cap. */
export function isPreciseKey(key: string): boolean {
  return key.startsWith('u:') || key.startsWith('m:') || key.startsWith('l:') || key.startsWith('n:');
}

function build(parsed: ParsedName, ids: KeyIdentifiers, side: 'store' | 'lookup'): string[] {
  const keys = new Set<string>(identifierKeys(ids));
  if (parsed.core) for (const k of [...nameKeys(parsed), ...coreKeys(parsed.core, side)]) keys.add(k);
  for (const alt of parsed.alternatives) keys.add(`c:${alt.core}`);
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
