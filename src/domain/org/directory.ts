import { and, eq, inArray, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { staff, teams, dealers } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import type { PlatformName } from '../../platforms/types';

export type Staff = typeof staff.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Dealer = typeof dealers.$inferSelect;

/** Read-only questions about the organisation: who is who, who manages whom. */
export class Directory {
  constructor(private readonly deps: DomainDeps) {}

  get(id: string): Staff | undefined {
    const db = this.deps.db;
    return prepared(db, 'staff.byId', () => db.select().from(staff).where(eq(staff.id, sql.placeholder('id'))).prepare()).get({ id });
  }

  require(id: string): Staff {
    const s = this.get(id);
    if (!s) throw new Error(`unknown staff ${id}`);
    return s;
  }

  byPlatformId(platform: PlatformName, platformUserId: string): Staff | undefined {
    const db = this.deps.db;
    const uid = sql.placeholder('uid');
    if (platform === 'wecom') return prepared(db, 'staff.byWecom', () => db.select().from(staff).where(eq(staff.wecomUserId, uid)).prepare()).get({ uid: platformUserId });
    if (platform === 'dingtalk') return prepared(db, 'staff.byDingtalk', () => db.select().from(staff).where(eq(staff.dingtalkUserId, uid)).prepare()).get({ uid: platformUserId });
    return this.get(platformUserId);
  }

  platformIdOf(s: Staff, platform: PlatformName): string | undefined {
    if (platform === 'wecom') return s.wecomUserId ?? undefined;
    if (platform === 'dingtalk') return s.dingtalkUserId ?? undefined;
    return s.id;
  }

  /** Looks a person up the way users type them: id, exact name, or a leading "@". */
  findByHandle(handle: string): Staff[] {
    const h = handle.replace(/^@/, '').trim();
    if (!h) return [];
    const byId = this.get(h);
    if (byId) return [byId];
    return this.deps.db.select().from(staff).where(eq(staff.name, h)).all();
  }

  managerOf(s: Staff): Staff | undefined {
    return s.managerId ? this.get(s.managerId) : undefined;
  }

  /** The nearest director above s, else any active director. */
  directorFor(s: Staff): Staff | undefined {
    let cur: Staff | undefined = s;
    for (let i = 0; i < 10 && cur; i++) {
      cur = this.managerOf(cur);
      if (cur?.role === 'director' && cur.active) return cur;
    }
    return this.deps.db.select().from(staff).where(and(eq(staff.role, 'director'), eq(staff.active, true))).get();
  }

  /** True when `boss` is above `s` in the management chain. */
  isAbove(boss: Staff, s: Staff): boolean {
    let cur: Staff | undefined = s;
    for (let i = 0; i < 10 && cur?.managerId; i++) {
      if (cur.managerId === boss.id) return true;
      cur = this.get(cur.managerId);
    }
    return false;
  }

  /** Everyone below `boss`, transitively. */
  reportsOf(boss: Staff): Staff[] {
    const out: Staff[] = [];
    let frontier = [boss.id];
    for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
      const next = this.deps.db.select().from(staff).where(inArray(staff.managerId, frontier)).all();
      out.push(...next);
      frontier = next.map((n) => n.id);
    }
    return out;
  }

  staffOfDealer(dealerId: string): Staff[] {
    return this.deps.db.select().from(staff).where(eq(staff.dealerId, dealerId)).all();
  }

  admins(): Staff[] {
    return this.deps.db.select().from(staff).where(and(eq(staff.role, 'admin'), eq(staff.active, true))).all();
  }

  dealer(id: string | null): Dealer | undefined {
    return id ? this.deps.db.select().from(dealers).where(eq(dealers.id, id)).get() : undefined;
  }

  team(id: string | null): Team | undefined {
    return id ? this.deps.db.select().from(teams).where(eq(teams.id, id)).get() : undefined;
  }

  teamByName(name: string): Team | undefined {
    return (
      this.deps.db.select().from(teams).where(eq(teams.name, name)).get() ??
      this.deps.db.select().from(teams).where(eq(teams.id, name)).get()
    );
  }

  allTeams(): Team[] {
    return this.deps.db.select().from(teams).all();
  }
}
