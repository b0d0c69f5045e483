import { inArray, eq } from 'drizzle-orm';
import { customers, dedupKeys } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import {
  parseCompanyName, compareCustomers, retrievalKeys, lookupKeys,
  type CustomerIdentity,
} from '../dedup';
import type { CustomerRow } from './types';

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

function identityOf(i: IdentityInput): CustomerIdentity {
  return {
    name: parseCompanyName(i.name),
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
    const ids = this.deps.db
      .selectDistinct({ id: dedupKeys.customerId })
      .from(dedupKeys)
      .where(inArray(dedupKeys.key, keys))
      .limit(500)
      .all()
      .map((r) => r.id)
      .filter((id) => id !== opts.excludeCustomerId);
    if (ids.length === 0) return { tier: 'none', matches: [] };
    const candidates = this.deps.db.select().from(customers).where(inArray(customers.id, ids)).all();
    const matches: DuplicateMatch[] = [];
    for (const c of candidates) {
      const verdict = compareCustomers(me, identityOf({ name: c.name, uscc: c.uscc, mobile: c.mobile }));
      if (verdict.tier === 'none') continue;
      matches.push({
        customer: c,
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

  /** (Re)writes a customer's keys; call in the transaction that creates or changes it. */
  index(customerId: number, input: IdentityInput): void {
    const me = identityOf(input);
    const keys = retrievalKeys(me.name, { uscc: me.uscc, mobile: me.mobile });
    this.deps.db.delete(dedupKeys).where(eq(dedupKeys.customerId, customerId)).run();
    if (keys.length > 0) {
      this.deps.db.insert(dedupKeys).values(keys.map((key) => ({ key, customerId }))).onConflictDoNothing().run();
    }
  }
}
