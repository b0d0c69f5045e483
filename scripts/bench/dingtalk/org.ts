// The benchmark's organisation on DingTalk: one director, `teams` managers, `perTeam` salespeople
// each, everyone with a DingTalk userId. Customers are pre-filled by the shared prefill.
import type { OrgData } from '../../../src/domain/org/org-data';

export const dingtalkIdOf = (staffId: string) => `dt_${staffId}`;

export interface BenchOrg {
  org: OrgData;
  /** DingTalk userIds of the salespeople, who send the traffic. */
  senders: string[];
  names: Map<string, string>;
}

export function benchOrg(teams: number, perTeam: number): BenchOrg {
  const staff: OrgData['staff'] = [
    { id: 'boss', name: '王总', role: 'director', region: '全国', active: true, dingtalkUserId: dingtalkIdOf('boss') },
    { id: 'admin', name: '管理员', role: 'admin', region: '全国', active: true, dingtalkUserId: dingtalkIdOf('admin') },
  ];
  const senders: string[] = [];
  for (let t = 1; t <= teams; t++) {
    const team = `团队${t}`;
    const manager = `m${t}`;
    staff.push({ id: manager, name: `经理${t}`, role: 'manager', managerId: 'boss', team, region: '华东', active: true, dingtalkUserId: dingtalkIdOf(manager) });
    for (let s = 1; s <= perTeam; s++) {
      const id = `s${t}_${s}`;
      staff.push({ id, name: `销售${t}-${s}`, role: 'sales', managerId: manager, team, region: '华东', active: true, dingtalkUserId: dingtalkIdOf(id) });
      senders.push(dingtalkIdOf(id));
    }
  }
  const names = new Map(staff.filter((s) => s.dingtalkUserId).map((s) => [s.dingtalkUserId!, s.name]));
  return { org: { staff, groups: [], dealers: [] }, senders, names };
}
