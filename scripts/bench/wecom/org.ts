// A big organisation for the WeCom benchmark, pre-filled with customers through the domain services.
import { eq } from 'drizzle-orm';
import type { DomainRoot } from '../../../src/domain/domain';
import type { OrgData } from '../../../src/domain/org/org-data';
import { randomEntity } from '../../dedup/gen/entities';
import type { Random } from '../../dedup/gen/random';
import { companyName } from '../../dedup/gen/render';

export interface BenchOrg {
  org: OrgData;
  /** WeCom userids of the salespeople, who send the traffic. */
  senders: string[];
}

export const wecomIdOf = (staffId: string) => `wx_${staffId}`;

/** One director, `teams` managers, `perTeam` salespeople each; everyone on WeCom. */
export function benchOrg(teams: number, perTeam: number): BenchOrg {
  const staff: OrgData['staff'] = [
    { id: 'boss', name: '王总', role: 'director', region: '全国', active: true, wecomUserId: wecomIdOf('boss') },
    { id: 'admin', name: '管理员', role: 'admin', region: '全国', active: true, wecomUserId: wecomIdOf('admin') },
  ];
  const senders: string[] = [];
  for (let t = 1; t <= teams; t++) {
    const team = `团队${t}`;
    const manager = `m${t}`;
    staff.push({ id: manager, name: `经理${t}`, role: 'manager', managerId: 'boss', team, region: '华东', active: true, wecomUserId: wecomIdOf(manager) });
    for (let s = 1; s <= perTeam; s++) {
      const id = `s${t}_${s}`;
      staff.push({ id, name: `销售${t}-${s}`, role: 'sales', managerId: manager, team, region: '华东', active: true, wecomUserId: wecomIdOf(id) });
      senders.push(wecomIdOf(id));
    }
  }
  return { org: { staff, groups: [], dealers: [] }, senders };
}

export interface NewCompany {
  name: string;
  contact: string;
  /** Mainland mobile, 11 digits. */
  mobile: string;
}

export function newCompany(rnd: Random, usedCores: Set<string>): NewCompany {
  const e = randomEntity(rnd, usedCores);
  return { name: companyName(e), contact: rnd.pick(['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆']), mobile: e.mobile };
}

/**
 * Registers `count` customers for the senders and approves them, in one transaction. What that
 * queued (approval cards, decisions) is history here: marked sent, so the run starts quiet.
 */
export function prefill(root: DomainRoot, count: number, rnd: Random, usedCores: Set<string>): Promise<string[]> {
  return root.write(async (domain) => {
    const { db, t } = domain.deps.tx;
    const names: string[] = [];
    const salespeople = [];
    for (const team of await domain.dir.allTeams()) salespeople.push(...(await domain.dir.reportsOf(await domain.dir.require(team.leaderId!))));
    for (let i = 0; i < count; i++) {
      const owner = salespeople[i % salespeople.length]!;
      const c = newCompany(rnd, usedCores);
      const r = await domain.register.register(owner, { company: c.name, contactName: c.contact, mobile: `+86${c.mobile}`, confirmed: true });
      if (r.kind !== 'submitted') continue;
      names.push(c.name);
      const step = r.approval ? (await domain.approvals.steps(r.approval.id))[0] : undefined;
      if (step) await domain.approvals.decide(step.id, owner.managerId!, 'approved');
    }
    await db.update(t.outbox).set({ status: 'sent', sentAt: domain.deps.clock.now() }).where(eq(t.outbox.status, 'pending'));
    return names;
  });
}
