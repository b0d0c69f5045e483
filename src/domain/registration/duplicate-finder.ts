import { eq, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { customers } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import {
  parseCompanyName, compareCustomers, retrievalKeys, lookupKeys, keyKind, lookalikeScope,
  encodeProfile, decodeProfile, type CustomerIdentity, type ParsedName, type LookalikeScope,
} from '../dedup';
import type { CustomerRow } from './types';

/** A fuzzy key shared by more customers than this (a common 字号) yields only this many. */
const FUZZY_PER_KEY = 30;
/** A precise key (credit code, mobile, exact name) is never cut; this only stops a runaway. */
const PRECISE_PER_KEY = 20_000;
/** Look-alike candidates scored per check, at most: they only feed the 疑似 list. */
const FUZZY_TOTAL = 60;
/** Names just checked, parsed: a registration checks its name, then indexes the same name. */
const PARSE_CACHE = 1024;

const KIND = { precise: 0, core: 1, lookalike: 2 } as const;

// Candidates of every key in one statement (a statement costs ~15 µs at a million customers,
// mostly fixed overhead, and a check looks up ~10 keys): for each [key, kind] in @keys, the
// customer ids under it as "1,5,9", capped per key; look-alike keys filtered by scope.
const idsUnder = (filter: string, cap: number) =>
  `(SELECT group_concat(customer_id) FROM (SELECT customer_id FROM dedup_keys WHERE key = j.key${filter} LIMIT ${cap}))`;
// c:X: stored c:X rows (alternative readings), then every n:X|… row (see storedKeys).
const idsUnderCore = `(SELECT group_concat(customer_id) FROM (SELECT customer_id FROM dedup_keys WHERE key = j.key UNION ALL
  SELECT customer_id FROM dedup_keys WHERE key >= 'n:' || substr(j.key, 3) || '|' AND key < 'n:' || substr(j.key, 3) || '}' LIMIT ${FUZZY_PER_KEY}))`;
const inScope = ' AND (@province = 0 OR province = 0 OR province = @province) AND (@industry = 0 OR industry = 0 OR industry = @industry)';
const CANDIDATES_SQL = `SELECT CASE j.kind WHEN ${KIND.precise} THEN ${idsUnder('', PRECISE_PER_KEY)} WHEN ${KIND.core} THEN ${idsUnderCore}
  ELSE ${idsUnder(inScope, FUZZY_PER_KEY)} END AS ids
  FROM (SELECT value ->> 0 AS key, value ->> 1 AS kind, key AS pos FROM json_each(@keys)) j ORDER BY j.pos`;

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

  private statements() {
    const db = this.deps.db;
    const c = db.$client;
    return prepared(db, 'dedup.statements', () => ({
      candidates: c.prepare<{ keys: string; province: number; industry: number }, { ids: string | null }>(CANDIDATES_SQL),
      profiles: c.prepare<[string], { customer_id: number; profile: string }>(
        'SELECT p.customer_id, p.profile FROM json_each(?) j JOIN dedup_profiles p ON p.customer_id = j.value',
      ),
      profile: c.prepare<[number], { profile: string }>('SELECT profile FROM dedup_profiles WHERE customer_id = ?'),
      putProfile: c.prepare('INSERT INTO dedup_profiles (customer_id, profile) VALUES (?, ?) ON CONFLICT (customer_id) DO UPDATE SET profile = excluded.profile'),
      // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not the SELECT.
      putKeys: c.prepare<[number, number, number, string]>(
        'INSERT INTO dedup_keys (key, customer_id, province, industry) SELECT value, ?, ?, ? FROM json_each(?) WHERE true ' +
          'ON CONFLICT (key, customer_id) DO UPDATE SET province = excluded.province, industry = excluded.industry',
      ),
      dropKeys: c.prepare<[number, string]>('DELETE FROM dedup_keys WHERE customer_id = ? AND key IN (SELECT value FROM json_each(?))'),
      customer: db.select().from(customers).where(eq(customers.id, sql.placeholder('id'))).prepare(),
    }));
  }

  check(input: IdentityInput, opts: { excludeCustomerId?: number; limit?: number } = {}): DuplicateCheck {
    const me = customerIdentity(input);
    const keys = keysOf(me, 'lookup');
    if (keys.length === 0) return { tier: 'none', matches: [] };
    const s = this.statements();
    const ids = this.candidates(keys, lookalikeScope(me.name), opts.excludeCustomerId);
    if (ids.length === 0) return { tier: 'none', matches: [] };
    const matches: DuplicateMatch[] = [];
    for (const stored of s.profiles.all(JSON.stringify(ids))) {
      const verdict = compareCustomers(me, decodeProfile(stored.profile));
      if (verdict.tier === 'none') continue;
      matches.push({
        customer: s.customer.get({ id: stored.customer_id })!,
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
  private candidates(keys: string[], scope: LookalikeScope, exclude: number | undefined): number[] {
    // Closest kinds first: precise, same 字号, reordered (s:), one character off or sounding alike (d: p: q: y:).
    const ranked: [string, number][][] = [[], [], [], []];
    for (const k of keys) {
      const kind = KIND[keyKind(k)];
      ranked[kind === KIND.lookalike && !k.startsWith('s:') ? 3 : kind]!.push([k, kind]);
    }
    const kinds = ranked.flat();
    const rows = this.statements().candidates.all({ keys: JSON.stringify(kinds), province: scope.province, industry: scope.industry });
    const ids = new Set<number>();
    let fuzzy = 0;
    rows.forEach((r, i) => {
      const precise = kinds[i]![1] === KIND.precise;
      if ((!precise && fuzzy >= FUZZY_TOTAL) || !r.ids) return;
      for (const id of r.ids.split(',').map(Number)) {
        if (id === exclude || ids.has(id)) continue;
        ids.add(id);
        if (!precise) fuzzy++;
      }
    });
    return [...ids];
  }

  /**
   * (Re)writes a customer's profile and keys; call in the transaction that creates or changes it.
   * Keys the customer no longer has are found from its previous profile and removed; `fresh`
   * (a customer inserted in this transaction) says there is none to look for.
   */
  index(customerId: number, input: IdentityInput, opts: { fresh?: boolean } = {}): void {
    const s = this.statements();
    const me = customerIdentity(input);
    const keys = storedKeys(me);
    const before = opts.fresh ? undefined : s.profile.get(customerId);
    if (before) {
      const kept = new Set(keys);
      const gone = storedKeys(decodeProfile(before.profile)).filter((k) => !kept.has(k));
      if (gone.length > 0) s.dropKeys.run(customerId, JSON.stringify(gone));
    }
    const scope = lookalikeScope(me.name);
    if (keys.length > 0) s.putKeys.run(customerId, scope.province, scope.industry, JSON.stringify(keys));
    s.putProfile.run(customerId, encodeProfile(me));
  }
}
