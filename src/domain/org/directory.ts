import { and, eq, inArray, sql } from 'drizzle-orm';
import type { staff, teams, dealers } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import type { PlatformName } from '../../platforms/types';

export type Staff = typeof staff.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Dealer = typeof dealers.$inferSelect;

const p = (name: string) => sql.placeholder(name);

/**
 * Read-only questions about the organisation: who is who, who manages whom. Asked on every
 * message (who sent it, who approves), so the look-ups are prepared.
 */
export class Directory {
  constructor(private readonly deps: DomainDeps) {}

  async get(id: string): Promise<Staff | undefined> {
    return await this.deps.tx.prepared('staff.byId', (db, t) => db.select().from(t.staff).where(eq(t.staff.id, p('id'))).prepare()).get({ id });
  }

  async require(id: string): Promise<Staff> {
    const s = await this.get(id);
    if (!s) throw new Error(`unknown staff ${id}`);
    return s;
  }

  async byPlatformId(platform: PlatformName, platformUserId: string): Promise<Staff | undefined> {
    const tx = this.deps.tx;
    if (platform === 'wecom') return await tx.prepared('staff.byWecom', (db, t) => db.select().from(t.staff).where(eq(t.staff.wecomUserId, p('uid'))).prepare()).get({ uid: platformUserId });
    if (platform === 'dingtalk') return await tx.prepared('staff.byDingtalk', (db, t) => db.select().from(t.staff).where(eq(t.staff.dingtalkUserId, p('uid'))).prepare()).get({ uid: platformUserId });
    return await this.get(platformUserId);
  }

  platformIdOf(s: Staff, platform: PlatformName): string | undefined {
    if (platform === 'wecom') return s.wecomUserId ?? undefined;
    if (platform === 'dingtalk') return s.dingtalkUserId ?? undefined;
    return s.id;
  }

  /** Looks a person up the way users type them: id, exact name, or a leading "@". */
  async findByHandle(handle: string): Promise<Staff[]> {
    const h = handle.replace(/^@/, '').trim();
    if (!h) return [];
    const byId = await this.get(h);
    if (byId) return [byId];
    return await this.deps.tx.prepared('staff.byName', (db, t) => db.select().from(t.staff).where(eq(t.staff.name, p('name'))).prepare()).all({ name: h });
  }

  async managerOf(s: Staff): Promise<Staff | undefined> {
    return s.managerId ? await this.get(s.managerId) : undefined;
  }

  /** The nearest director above s, else any active director. */
  async directorFor(s: Staff): Promise<Staff | undefined> {
    let cur: Staff | undefined = s;
    for (let i = 0; i < 10 && cur; i++) {
      cur = await this.managerOf(cur);
      if (cur?.role === 'director' && cur.active) return cur;
    }
    return await this.deps.tx
      .prepared('staff.anyDirector', (db, t) => db.select().from(t.staff).where(and(eq(t.staff.role, 'director'), eq(t.staff.active, true))).limit(1).prepare())
      .get();
  }

  /** True when `boss` is above `s` in the management chain. */
  async isAbove(boss: Staff, s: Staff): Promise<boolean> {
    let cur: Staff | undefined = s;
    for (let i = 0; i < 10 && cur?.managerId; i++) {
      if (cur.managerId === boss.id) return true;
      cur = await this.get(cur.managerId);
    }
    return false;
  }

  /** Everyone below `boss`, transitively. */
  async reportsOf(boss: Staff): Promise<Staff[]> {
    const { db, t } = this.deps.tx;
    const out: Staff[] = [];
    let frontier = [boss.id];
    for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
      const next = await db.select().from(t.staff).where(inArray(t.staff.managerId, frontier));
      out.push(...next);
      frontier = next.map((n) => n.id);
    }
    return out;
  }

  async staffOfDealer(dealerId: string): Promise<Staff[]> {
    return await this.deps.tx.prepared('staff.ofDealer', (db, t) => db.select().from(t.staff).where(eq(t.staff.dealerId, p('dealer'))).prepare()).all({ dealer: dealerId });
  }

  async admins(): Promise<Staff[]> {
    return await this.deps.tx.prepared('staff.admins', (db, t) => db.select().from(t.staff).where(and(eq(t.staff.role, 'admin'), eq(t.staff.active, true))).prepare()).all();
  }

  async dealer(id: string | null): Promise<Dealer | undefined> {
    if (!id) return undefined;
    return await this.deps.tx.prepared('dealers.byId', (db, t) => db.select().from(t.dealers).where(eq(t.dealers.id, p('id'))).prepare()).get({ id });
  }

  async team(id: string | null): Promise<Team | undefined> {
    if (!id) return undefined;
    return await this.deps.tx.prepared('teams.byId', (db, t) => db.select().from(t.teams).where(eq(t.teams.id, p('id'))).prepare()).get({ id });
  }

  async teamByName(name: string): Promise<Team | undefined> {
    const { db, t } = this.deps.tx;
    return (
      (await db.select().from(t.teams).where(eq(t.teams.name, name)).limit(1))[0] ??
      (await db.select().from(t.teams).where(eq(t.teams.id, name)))[0]
    );
  }

  async allTeams(): Promise<Team[]> {
    const { db, t } = this.deps.tx;
    return await db.select().from(t.teams);
  }
}
