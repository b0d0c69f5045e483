import { and, desc, eq, inArray, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DomainDeps } from '../deps';
import type { Staff } from '../org/directory';
import { DomainError } from '../errors';
import type { DuplicateFinder } from './duplicate-finder';
import { normalizeCompanyName, parseCompanyName } from '../dedup';
import { ACTIVE } from './records';
import type { CustomerRow, RegistrationRow } from './types';

export interface Owned {
  registration: RegistrationRow;
  customer: CustomerRow;
}

function customerIdRef(query: string): number | undefined {
  const m = /^#(\d{1,12})$/.exec(query.normalize('NFKC').trim());
  return m ? Number(m[1]) : undefined;
}

/** Customer names are stored normalised (customers.nameNorm); queries are normalised the same way. */
const norm = normalizeCompanyName;

/** `column` contains `text` literally (% and _ typed by a user are not wildcards). */
export function containsText(column: AnyColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** Finds customers the way people name them: #id, full name, part of the name, or a variant. */
export class CustomerLookup {
  constructor(private readonly deps: DomainDeps, private readonly finder: DuplicateFinder) {}

  /** Customers matching `query` anywhere (visibility is applied by the caller). */
  async find(query: string, limit = 8): Promise<CustomerRow[]> {
    const { db, t } = this.deps.tx;
    const id = customerIdRef(query);
    if (id !== undefined) return db.select().from(t.customers).where(eq(t.customers.id, id));
    const q = norm(query);
    if (!q) return [];
    // The dedup index finds the name however it is written; a plain substring search (a scan,
    // stopped at `limit`) is the fallback for fragments the index has no key for.
    const found = (await this.finder.check({ name: query }, { limit })).matches.map((m) => m.customer);
    const exact = found.filter((c) => c.nameNorm === q);
    if (exact.length > 0) return exact;
    if (found.length > 0) return found;
    return this.containing(q, limit);
  }

  /** Customers whose normalised name contains `q`, newest first (a scan, stopped at `limit`). */
  private containing(q: string, limit: number): Promise<CustomerRow[]> {
    const { db, t } = this.deps.tx;
    return db.select().from(t.customers).where(containsText(t.customers.nameNorm, q)).orderBy(desc(t.customers.id)).limit(limit);
  }

  /**
   * /客户: the customer the query names — by #id, by its name however written (normalised, or the
   * same company in the dedup engine's judgement), or by a part of the name — never a merely
   * similar one. When nothing matches, `nearest` holds the closest customers, best first, as
   * suggestions (visibility is applied by the caller).
   */
  async resolve(query: string, limit = 8): Promise<{ matches: CustomerRow[]; nearest: CustomerRow[] }> {
    const id = customerIdRef(query);
    if (id !== undefined) return { matches: await this.find(query), nearest: [] };
    const q = norm(query);
    if (!q) return { matches: [], nearest: [] };
    const checked = (await this.finder.check({ name: query }, { limit })).matches;
    const exact = checked.filter((m) => m.customer.nameNorm === q).map((m) => m.customer);
    if (exact.length > 0) return { matches: exact, nearest: [] };
    // With a name only, 重复 can only mean the same name written another way.
    const same = checked.filter((m) => m.tier === 'duplicate').map((m) => m.customer);
    if (same.length > 0) return { matches: same, nearest: [] };
    const containing = await this.containing(q, limit);
    if (containing.length > 0) return { matches: containing, nearest: [] };
    const nearest = checked.map((m) => m.customer);
    // Too far off for 疑似 (杭州云启有限 for 杭州云启科技有限公司): names holding the same 字号.
    const core = norm(parseCompanyName(query).core);
    if (nearest.length < limit && core.length >= 2 && core !== q) {
      const seen = new Set(nearest.map((c) => c.id));
      const more = await this.containing(core, limit);
      nearest.push(...more.filter((c) => !seen.has(c.id)));
    }
    return { matches: [], nearest: nearest.slice(0, limit) };
  }

  /** The actor's own live customers (and shared ones when `includeShared`) matching `query`. */
  async owned(actor: Staff, query: string, opts: { includeShared?: boolean; statuses?: readonly string[] } = {}): Promise<Owned[]> {
    const statuses = [...(opts.statuses ?? ACTIVE)] as RegistrationRow['status'][];
    const { db, t } = this.deps.tx;
    const shared = opts.includeShared
      ? (await db.select({ id: t.collaborators.registrationId }).from(t.collaborators).where(eq(t.collaborators.staffId, actor.id))).map((r) => r.id)
      : [];
    const rows = (
      await db
        .select({ r: t.registrations, c: t.customers })
        .from(t.registrations)
        .innerJoin(t.customers, eq(t.customers.id, t.registrations.customerId))
        .where(
          and(
            inArray(t.registrations.status, statuses),
            shared.length > 0 ? or(eq(t.registrations.ownerId, actor.id), inArray(t.registrations.id, shared)) : eq(t.registrations.ownerId, actor.id),
          ),
        )
    ).map((x) => ({ registration: x.r, customer: x.c }));
    const id = customerIdRef(query);
    if (id !== undefined) return rows.filter((r) => r.customer.id === id);
    const q = norm(query);
    const exact = rows.filter((r) => r.customer.nameNorm === q);
    if (exact.length > 0) return exact;
    return rows.filter((r) => r.customer.nameNorm.includes(q) || q.includes(r.customer.nameNorm));
  }

  /** Exactly one of the actor's customers, or a refusal that says what to type. */
  async ownedOne(actor: Staff, query: string, opts: { includeShared?: boolean; statuses?: readonly string[] } = {}): Promise<Owned> {
    const found = await this.owned(actor, query, opts);
    if (found.length === 1) return found[0]!;
    if (found.length === 0) {
      const ended = (await this.owned(actor, query, { statuses: ['released', 'rejected', 'cancelled'] }))
        .sort((a, b) => (b.registration.endedAt?.getTime() ?? 0) - (a.registration.endedAt?.getTime() ?? 0))[0];
      if (ended) {
        const r = ended.registration;
        const when = r.endedAt ? this.deps.time.date(r.endedAt) : '';
        const what = r.status === 'released' ? `已于 ${when} 进入公海池` : r.status === 'rejected' ? `的报备已于 ${when} 被驳回` : `的报备已于 ${when} 撤回`;
        throw new DomainError('not_yours_anymore', `「${ended.customer.name}」${what}，不在你名下了。`, { hint: '/我的（查看你名下的客户）' });
      }
      throw new DomainError('not_found', `你名下没有找到客户「${query}」。`, { hint: '/我的（查看你名下的客户）' });
    }
    const names = found.slice(0, 6).map((f) => `#${f.customer.id} ${f.customer.name}`).join('\n');
    throw new DomainError('ambiguous', `「${query}」匹配到 ${found.length} 个客户，请写全称或用编号：\n${names}`, {
      hint: `在命令里用编号，例如 #${found[0]!.customer.id}`,
    });
  }
}
