import { parseCompanyName, wholeRegion, type RegionRef } from '../dedup';

/** 授权区域 written as 全国 (or 中国): anywhere. */
export const NATIONWIDE = '全国';
const NATIONWIDE_WORDS = new Set(['全国', '中国', '全部', '不限']);

const cache = new Map<string, RegionRef | undefined>();

/** A province, city or district name read with the dedup engine's division list; 全国 is national. */
export function readRegion(text: string): RegionRef | undefined {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (NATIONWIDE_WORDS.has(t)) return { name: NATIONWIDE, codes: [], national: true };
  if (!cache.has(t)) cache.set(t, wholeRegion(t));
  return cache.get(t);
}

/** Canonical names for what a user typed (杭州 → 浙江省杭州市), or the words that are not places. */
export function canonicalRegions(names: string[]): { ok: true; names: string[] } | { ok: false; unknown: string[] } {
  const unknown = names.filter((n) => !readRegion(n));
  if (unknown.length > 0) return { ok: false, unknown };
  const out = names.map((n) => readRegion(n)!.name);
  return { ok: true, names: [...new Set(out)] };
}

/** Where a customer is: its 省/市 fields, else the place its name starts with (杭州云启… → 杭州). */
export function customerRegion(c: { province?: string | null; city?: string | null; company: string }): RegionRef | undefined {
  const p = c.province?.trim() ?? '';
  const m = c.city?.trim() ?? '';
  for (const text of [p + m, m, p]) {
    const ref = text ? readRegion(text) : undefined;
    if (ref && !ref.national) return ref;
  }
  const fromName = parseCompanyName(c.company).regionRef;
  return fromName && !fromName.national ? fromName : undefined;
}

/** True when the place lies inside one of the authorized regions (empty list = anywhere). */
export function regionCovered(authorized: string[], place: RegionRef): boolean {
  if (authorized.length === 0) return true;
  for (const name of authorized) {
    const a = readRegion(name);
    if (!a) continue;
    if (a.national) return true;
    if (a.codes.some((ac) => place.codes.some((pc) => pc.startsWith(ac)))) return true;
  }
  return false;
}
