import { and, count, desc, eq, gte } from 'drizzle-orm';
import { first, only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { Directory, Staff } from '../org/directory';
import { notifyStaff } from '../outbox/notices';
import { DomainError } from '../errors';
import { containsText, type CustomerLookup, type Owned } from './lookup';
import { normalizeCompanyName } from '../dedup';
import type { Records } from './records';
import { protect } from './protection';
import type { CustomerRow } from './types';

/** A check later features add before a claim (e.g. a dealer's authorized region); throws (or rejects with) DomainError to refuse. */
export type ClaimGuard = (actor: Staff, customer: CustomerRow) => Promise<void> | void;

/** The public pool (公海池): released customers anyone eligible may claim. */
export class PoolService {
  private readonly guards: ClaimGuard[] = [];

  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly records: Records,
    private readonly lookup: CustomerLookup,
  ) {}

  /** Later features add checks here (e.g. a dealer's authorized region). */
  addClaimGuard(g: ClaimGuard): void {
    this.guards.push(g);
  }

  async list(keyword: string | undefined, limit = 20): Promise<{ total: number; items: CustomerRow[] }> {
    const { db, t } = this.deps.tx;
    const where = keyword
      ? and(eq(t.customers.status, 'pool'), containsText(t.customers.nameNorm, normalizeCompanyName(keyword)))
      : eq(t.customers.status, 'pool');
    const total = first(await db.select({ n: count() }).from(t.customers).where(where))?.n ?? 0;
    const items = await db.select().from(t.customers).where(where).orderBy(desc(t.customers.pooledAt), desc(t.customers.id)).limit(limit);
    return { total, items };
  }

  async claim(actor: Staff, query: string): Promise<Owned> {
    const found = (await this.lookup.find(query)).filter((c) => c.status === 'pool');
    if (found.length === 0) {
      const any = (await this.lookup.find(query, 1))[0];
      const why = any ? `「${any.name}」不在公海池中${any.status === 'free' ? '，可以直接报备' : ''}。` : `公海池里没有找到「${query}」。`;
      throw new DomainError('not_in_pool', why, { hint: any?.status === 'free' ? `/报备 ${any.name} <联系人> <手机>` : '/公海（查看公海池）' });
    }
    if (found.length > 1) {
      const names = found.slice(0, 6).map((c) => `#${c.id} ${c.name}`).join('\n');
      throw new DomainError('ambiguous', `公海池中有 ${found.length} 个客户匹配「${query}」，请写全称或用编号：\n${names}`, { hint: `/认领 #${found[0]!.id}` });
    }
    const customer = found[0]!;
    const audit = { details: { audit: { subjectType: 'customer', subjectId: customer.id, action: 'pool.claim' } } };
    for (const g of this.guards) await g(actor, customer);
    const rules = this.deps.rules.pool;
    const now = this.deps.clock.now();
    const cooldownFrom = this.deps.time.addDays(now, -rules.previousOwnerCooldownDays);
    const { db, t } = this.deps.tx;
    const regs = t.registrations;
    const mineBefore = first(
      await db
        .select()
        .from(regs)
        .where(and(eq(regs.customerId, customer.id), eq(regs.ownerId, actor.id), eq(regs.status, 'released'), gte(regs.endedAt, cooldownFrom)))
        .orderBy(desc(regs.endedAt))
        .limit(1),
    );
    if (mineBefore?.endedAt) {
      const allowed = this.deps.time.addDays(mineBefore.endedAt, rules.previousOwnerCooldownDays);
      throw new DomainError(
        'cooldown',
        `「${customer.name}」是你 ${this.deps.time.date(mineBefore.endedAt)} 释放的客户，${rules.previousOwnerCooldownDays} 天内不能重新认领，${this.deps.time.dateTime(allowed)} 之后可以认领。`,
        audit,
      );
    }
    const todayStart = this.deps.time.startOfDay(now);
    const claimedToday =
      first(await db.select({ n: count() }).from(regs).where(and(eq(regs.ownerId, actor.id), eq(regs.via, 'claim'), gte(regs.createdAt, todayStart))))?.n ?? 0;
    if (claimedToday >= rules.maxClaimsPerDay) {
      throw new DomainError('claim_limit', `你今天已认领 ${claimedToday} 个客户，每人每天最多 ${rules.maxClaimsPerDay} 个，明天再来。`, audit);
    }
    const reg = only(
      await db.insert(regs).values({ customerId: customer.id, ownerId: actor.id, status: 'pending', via: 'claim', keyAccount: customer.keyAccount, createdAt: now }).returning(),
    );
    const registration = await protect(this.deps, this.records, reg, actor.id, rules.claimProtectionDays, 'pool.claim');
    const manager = await this.dir.managerOf(actor);
    if (manager) await notifyStaff(this.deps, [manager.id], `claim:${reg.id}`, { template: 'pool.claimed', params: { registrationId: reg.id } });
    return { registration, customer: (await this.records.customer(customer.id))! };
  }
}
