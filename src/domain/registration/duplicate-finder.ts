import { dedupIndexQueries, type CandidateKeyKind } from '../../storage/dedup-index-queries';
import type { DomainDeps } from '../deps';
import {
  parseCompanyName, compareCustomers, retrievalKeys, lookupKeys, keyKind, lookalikeScope,
  encodeProfile, decodeProfile, type CustomerIdentity, type ParsedName, type LookalikeScope,
} from '../dedup';
import { customerById } from './records';
import type { CustomerRow } from './types';

/** A fuzzy key shared by more customers than this (a common 字号) yields only this many. */
const FUZZY_PER_KEY = 30;
/** A precise key (credit code, mobile, exact name) is never cut; this only stops a runaway. */
const PRECISE_PER_KEY = 20_000;
/** Look-alike candidates scored per check, at most: they only feed the 疑似 list. */
const FUZZY_TOTAL = 60;
/** Names just checked, parsed: a registration checks its name, then indexes the same name. */
const PARSE_CACHE = 1024;

export interface DuplicateMatch {
  customer: CustomerRow;
  tier: 'duplicate' | 'suspect';
  reasons: string[];
  relation?: string;
  score: number;
}

export interface DuplicateCheck {
  tier: 'duplicate' | 'suspect' | 'none';
  /** Duplicates first, then suspects by score. */
  matches: DuplicateMatch[];
}

/** Identifiers as stored on the customer (already normalised: E.164 numbers, upper-case USCC). */
export interface IdentityInput {
  name: string;
  uscc?: string | null;
  mobile?: string | null;
  landline?: string | null;
}

const parsed = new Map<string, ParsedName>();
function parseCached(name: string): ParsedName {
  let p = parsed.get(name);
  if (p) return p;
  p = parseCompanyName(name);
  if (parsed.size >= PARSE_CACHE) parsed.delete(parsed.keys().next().value!);
  parsed.set(name, p);
  return p;
}

/** A stored customer's identity for the engine (its identifiers are stored normalised). */
export function customerIdentity(i: IdentityInput): CustomerIdentity {
  return {
    name: parseCached(i.name),
    ...(i.uscc ? { uscc: i.uscc } : {}),
    ...(i.mobile ? { mobile: i.mobile } : {}),
    // A company's number identifies it, whichever extension (;ext=…) the contact sits at.
    ...(i.landline ? { landline: i.landline.split(';')[0]! } : {}),
  };
}

const keysOf = (id: CustomerIdentity, side: 'store' | 'lookup'): string[] =>
  (side === 'store' ? retrievalKeys : lookupKeys)(id.name, { uscc: id.uscc, mobile: id.mobile, landline: id.landline });

/**
 * The rows a customer is stored under: its retrieval keys, except c:<字号>, which its
 * n:<字号>|<industry>|<province> keys already imply (a lookup of c:X also scans the n:X| range).
 * One row fewer per customer is one random B-tree page fewer per registration.
 */
export function storedKeys(id: CustomerIdentity): string[] {
  const implied = id.name.core ? `c:${id.name.core}` : undefined;
  return keysOf(id, 'store').filter((k) => k !== implied);
}

/**
 * The dedup index: candidates come from exact lookups of retrieval keys in a B-tree (never a
 * table scan), look-alikes filtered by scope inside the index; then each candidate's stored
 * profile is scored by the dedup engine, and only matches are read in full.
 */
export class DuplicateFinder {
  constructor(private readonly deps: DomainDeps) {}

  /**
   * `forWrite`: the check decides a write (a registration, an imported row, a changed number), so
   * until the unit of work ends no other one may check or write under the same precise or 字号
   * keys: two registrations of one company on two instances cannot both find nothing (撞单).
   * Look-alike keys are not locked: many companies share them, and locking them would queue
   * unrelated registrations behind each other; a look-alike registered at the same instant is
   * still found by the next check, as 疑似.
   */
  async check(input: IdentityInput, opts: { excludeCustomerId?: number; limit?: number; forWrite?: boolean } = {}): Promise<DuplicateCheck> {
    const me = customerIdentity(input);
    const keys = keysOf(me, 'lookup');
    if (keys.length === 0) return { tier: 'none', matches: [] };
    if (opts.forWrite) await this.deps.tx.lockKeys(keys.filter((k) => keyKind(k) !== 'lookalike'));
    const ids = await this.candidates(keys, lookalikeScope(me.name), opts.excludeCustomerId);
    if (ids.length === 0) return { tier: 'none', matches: [] };
    const matches: DuplicateMatch[] = [];
    for (const stored of await dedupIndexQueries(this.deps.tx).profiles(ids)) {
      const verdict = compareCustomers(me, decodeProfile(stored.profile));
      if (verdict.tier === 'none') continue;
      matches.push({
        customer: (await customerById(this.deps.tx, stored.customerId))!,
        tier: verdict.tier,
        reasons: verdict.reasons,
        score: verdict.score,
        ...(verdict.relation ? { relation: verdict.relation } : {}),
      });
    }
    matches.sort((a, b) => (a.tier === b.tier ? b.score - a.score || a.customer.id - b.customer.id : a.tier === 'duplicate' ? -1 : 1));
    const limited = matches.slice(0, opts.limit ?? 10);
    const tier = limited.some((m) => m.tier === 'duplicate') ? 'duplicate' : limited.length > 0 ? 'suspect' : 'none';
    return { tier, matches: limited };
  }

  /**
   * Each key with its own cap: a crowded key (a common 字号) must never crowd out the customer
   * that shares this one's credit code or mobile. Precise keys in full; then fuzzy ones, the
   * closest kind first (same 字号, then reordered, then one character off), until enough
   * look-alikes are on the table.
   */
  private async candidates(keys: string[], scope: LookalikeScope, exclude: number | undefined): Promise<number[]> {
    // Closest kinds first: precise, same 字号, reordered (s:), one character off or sounding alike (d: p: q: y:).
    const ranked: [string, CandidateKeyKind][][] = [[], [], [], []];
    for (const k of keys) {
      const kind = keyKind(k);
      ranked[kind === 'precise' ? 0 : kind === 'core' ? 1 : k.startsWith('s:') ? 2 : 3]!.push([k, kind]);
    }
    const kinds = ranked.flat();
    const found = await dedupIndexQueries(this.deps.tx).candidates({
      keys: kinds,
      province: scope.province,
      industry: scope.industry,
      precisePerKey: PRECISE_PER_KEY,
      fuzzyPerKey: FUZZY_PER_KEY,
    });
    const ids = new Set<number>();
    let fuzzy = 0;
    found.forEach((under, i) => {
      const precise = kinds[i]![1] === 'precise';
      if (!precise && fuzzy >= FUZZY_TOTAL) return;
      for (const id of under) {
        if (id === exclude || ids.has(id)) continue;
        ids.add(id);
        if (!precise) fuzzy++;
      }
    });
    return [...ids];
  }

  /**
   * (Re)writes a customer's profile and keys; call in the unit of work that creates or changes it.
   * Keys the customer no longer has are found from its previous profile and removed; `fresh`
   * (a customer inserted in this unit of work) says there is none to look for.
   */
  async index(customerId: number, input: IdentityInput, opts: { fresh?: boolean } = {}): Promise<void> {
    const q = dedupIndexQueries(this.deps.tx);
    const me = customerIdentity(input);
    const keys = storedKeys(me);
    const before = opts.fresh ? undefined : await q.profile(customerId);
    if (before) {
      const kept = new Set(keys);
      const gone = storedKeys(decodeProfile(before)).filter((k) => !kept.has(k));
      if (gone.length > 0) await q.dropKeys(customerId, gone);
    }
    const scope = lookalikeScope(me.name);
    if (keys.length > 0) await q.putKeys(customerId, keys, scope);
    await q.putProfile(customerId, encodeProfile(me));
  }
}
