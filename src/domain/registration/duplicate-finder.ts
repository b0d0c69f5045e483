import { and, eq, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { customers, dedupKeys } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import {
  parseCompanyName, compareCustomers, retrievalKeys, lookupKeys, isPreciseKey,
  type CustomerIdentity, type ParsedName,
} from '../dedup';
import type { CustomerRow } from './types';

/** A fuzzy key shared by more customers than this (a common 字号) yields only this many. */
const FUZZY_PER_KEY = 30;
/** A precise key (credit code, mobile, exact name) is never cut; this only stops a runaway. */
const PRECISE_PER_KEY = 20_000;
/** Look-alike candidates scored per check, at most: they only feed the 疑似 list. */
const FUZZY_TOTAL = 60;

function keyRank(key: string): number {
  if (isPreciseKey(key)) return 0;
  if (key.startsWith('c:')) return 1;
  if (key.startsWith('s:')) return 2;
  return 3;
}
const PARSE_CACHE = 50_000;

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

export interface IdentityInput {
  name: string;
  uscc?: string | null;
  mobile?: string | null;
}

// Candidates come back again and again (a common 字号): parse each stored name once.
const parsed = new Map<string, ParsedName>();
function parseCached(name: string): ParsedName {
  let p = parsed.get(name);
  if (p) return p;
  p = parseCompanyName(name);
  if (parsed.size >= PARSE_CACHE) parsed.delete(parsed.keys().next().value!);
  parsed.set(name, p);
  return p;
}

function identityOf(i: IdentityInput): CustomerIdentity {
  return {
    name: parseCached(i.name),
    ...(i.uscc ? { uscc: i.uscc } : {}),
    ...(i.mobile ? { mobile: i.mobile } : {}),
  };
}

/**
 * The dedup index: candidates come from exact lookups of retrieval keys in a B-tree (never a
 * table scan), then each candidate is scored by the dedup engine.
 */
export class DuplicateFinder {
  constructor(private readonly deps: DomainDeps) {}

  check(input: IdentityInput, opts: { excludeCustomerId?: number; limit?: number } = {}): DuplicateCheck {
    const me = identityOf(input);
    const keys = lookupKeys(me.name, { uscc: me.uscc, mobile: me.mobile });
    if (keys.length === 0) return { tier: 'none', matches: [] };
    const db = this.deps.db;
    // Only what scoring needs comes with the key; a full row is read for the few that match.
    const byKey = prepared(db, 'dedupKeys.candidates', () =>
      db
        .select({ id: customers.id, name: customers.name, uscc: customers.uscc, mobile: customers.mobile })
        .from(dedupKeys)
        .innerJoin(customers, eq(customers.id, dedupKeys.customerId))
        .where(eq(dedupKeys.key, sql.placeholder('key')))
        .limit(sql.placeholder('cap'))
        .prepare(),
    );
    const byId = prepared(db, 'customers.byId', () => db.select().from(customers).where(eq(customers.id, sql.placeholder('id'))).prepare());
    // Each key separately, each with its own cap: a crowded key (a common 字号) must never crowd
    // out the customer that shares this one's credit code or mobile.
    // Precise keys first and in full; then fuzzy ones, the closest kind first (same 字号, then
    // reordered, then one character off), until enough look-alikes are on the table.
    const candidates = new Map<number, { name: string; uscc: string | null; mobile: string | null }>();
    let fuzzy = 0;
    for (const key of [...keys].sort((a, b) => keyRank(a) - keyRank(b))) {
      const precise = isPreciseKey(key);
      if (!precise && fuzzy >= FUZZY_TOTAL) break;
      for (const r of byKey.all({ key, cap: precise ? PRECISE_PER_KEY : FUZZY_PER_KEY })) {
        if (r.id === opts.excludeCustomerId || candidates.has(r.id)) continue;
        candidates.set(r.id, r);
        if (!precise) fuzzy++;
      }
    }
    if (candidates.size === 0) return { tier: 'none', matches: [] };
    const matches: DuplicateMatch[] = [];
    for (const [id, c] of candidates) {
      const verdict = compareCustomers(me, identityOf(c));
      if (verdict.tier === 'none') continue;
      matches.push({
        customer: byId.get({ id })!,
        tier: verdict.tier,
        reasons: verdict.reasons,
        score: verdict.score,
        ...(verdict.relation ? { relation: verdict.relation } : {}),
      });
    }
    matches.sort((a, b) => (a.tier === b.tier ? b.score - a.score : a.tier === 'duplicate' ? -1 : 1));
    const limited = matches.slice(0, opts.limit ?? 10);
    const tier = limited.some((m) => m.tier === 'duplicate') ? 'duplicate' : limited.length > 0 ? 'suspect' : 'none';
    return { tier, matches: limited };
  }

  /**
   * (Re)writes a customer's keys; call in the transaction that creates or changes it, with the
   * identity it had before when it changes (its old keys are recomputed and removed).
   */
  index(customerId: number, input: IdentityInput, previous?: IdentityInput): void {
    const me = identityOf(input);
    const keys = retrievalKeys(me.name, { uscc: me.uscc, mobile: me.mobile });
    const db = this.deps.db;
    if (previous) {
      const old = identityOf(previous);
      const del = prepared(db, 'dedupKeys.delete', () =>
        db.delete(dedupKeys).where(and(eq(dedupKeys.key, sql.placeholder('key')), eq(dedupKeys.customerId, sql.placeholder('customerId')))).prepare(),
      );
      for (const key of retrievalKeys(old.name, { uscc: old.uscc, mobile: old.mobile })) del.run({ key, customerId });
    }
    const insert = prepared(db, 'dedupKeys.insert', () =>
      db.insert(dedupKeys).values({ key: sql.placeholder('key'), customerId: sql.placeholder('customerId') }).onConflictDoNothing().prepare(),
    );
    for (const key of keys) insert.run({ key, customerId });
  }
}
