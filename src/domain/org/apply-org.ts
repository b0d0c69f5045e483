import { eq } from 'drizzle-orm';
import { first, only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import { recordAudit } from '../audit/audit';
import type { OrgData } from './org-data';
import { handleDepartures, type DepartureCounts } from './departures';

export interface OrgProblem {
  sheet: 'staff' | 'groups' | 'dealers';
  row: number;
  column: string;
  reason: string;
}

/** Cross-row checks the row schemas cannot make: unknown managers, cycles, unknown dealers. */
export async function checkOrg(deps: DomainDeps, org: OrgData): Promise<OrgProblem[]> {
  const { db, t } = deps.tx;
  const problems: OrgProblem[] = [];
  const ids = new Set(org.staff.map((s) => s.id));
  const known = async (id: string) => ids.has(id) || (await db.select({ id: t.staff.id }).from(t.staff).where(eq(t.staff.id, id))).length > 0;
  const dealerNames = new Set(org.dealers.map((d) => d.name));
  const seen = new Set<string>();
  for (const [i, s] of org.staff.entries()) {
    if (seen.has(s.id)) problems.push({ sheet: 'staff', row: i, column: 'id', reason: `id ${s.id} 重复` });
    seen.add(s.id);
    if (s.managerId && !(await known(s.managerId))) problems.push({ sheet: 'staff', row: i, column: '上级', reason: `上级 ${s.managerId} 不存在` });
    if (s.managerId === s.id) problems.push({ sheet: 'staff', row: i, column: '上级', reason: '上级不能是自己' });
    if (s.role === 'partner' && !s.dealer) problems.push({ sheet: 'staff', row: i, column: '代理商', reason: '代理商人员必须填写所属代理商' });
    if (s.dealer && !dealerNames.has(s.dealer) && !first(await db.select().from(t.dealers).where(eq(t.dealers.name, s.dealer)).limit(1))) {
      dealerNames.add(s.dealer); // created on apply, with the partner's manager as channel manager
    }
  }
  const managerOf = new Map(org.staff.map((s) => [s.id, s.managerId]));
  for (const s of org.staff) {
    const path = new Set<string>();
    let cur: string | undefined = s.id;
    while (cur && managerOf.has(cur)) {
      if (path.has(cur)) {
        problems.push({ sheet: 'staff', row: org.staff.indexOf(s), column: '上级', reason: `上级关系成环：${[...path].join(' → ')}` });
        break;
      }
      path.add(cur);
      cur = managerOf.get(cur);
    }
  }
  for (const [i, d] of org.dealers.entries()) {
    if (d.channelManagerId && !(await known(d.channelManagerId))) problems.push({ sheet: 'dealers', row: i, column: '渠道经理', reason: `渠道经理 ${d.channelManagerId} 不存在` });
  }
  for (const [i, g] of org.groups.entries()) {
    for (const m of g.members) if (!(await known(m))) problems.push({ sheet: 'groups', row: i, column: '成员', reason: `成员 ${m} 不存在` });
  }
  return problems;
}

/** Writes the organisation (insert or update by id / name); call inside a write unit of work. */
export async function applyOrg(deps: DomainDeps, org: OrgData, actorId: string): Promise<{ staff: number; groups: number; dealers: number; teams: number; departures: DepartureCounts }> {
  const { db, t } = deps.tx;
  const now = deps.clock.now();
  const teamNames = new Set([...org.staff.map((s) => s.team), ...org.groups.map((g) => g.team)].filter((n): n is string => !!n));
  for (const name of teamNames) {
    const leader = org.staff.find((s) => s.team === name && (s.role === 'manager' || s.role === 'director'))?.id ?? null;
    await db.insert(t.teams).values({ id: name, name, leaderId: leader }).onConflictDoUpdate({ target: t.teams.id, set: { leaderId: leader } });
  }
  const dealerRows = [...org.dealers];
  for (const s of org.staff) {
    if (s.dealer && !dealerRows.some((d) => d.name === s.dealer)) {
      const existing = first(await db.select().from(t.dealers).where(eq(t.dealers.name, s.dealer)).limit(1));
      if (!existing) dealerRows.push({ name: s.dealer, regions: [], ...(s.managerId ? { channelManagerId: s.managerId } : {}) });
    }
  }
  for (const d of dealerRows) {
    const values = { id: d.name, name: d.name, channelManagerId: d.channelManagerId ?? null, regions: d.regions };
    await db.insert(t.dealers).values(values).onConflictDoUpdate({ target: t.dealers.id, set: { channelManagerId: values.channelManagerId, regions: values.regions } });
  }
  for (const s of org.staff) {
    const values = {
      id: s.id,
      name: s.name,
      role: s.role,
      managerId: s.managerId ?? null,
      teamId: s.team ?? null,
      region: s.region,
      dealerId: s.dealer ?? null,
      active: s.active,
      wecomUserId: s.wecomUserId ?? null,
      dingtalkUserId: s.dingtalkUserId ?? null,
    };
    const before = (await db.select().from(t.staff).where(eq(t.staff.id, s.id)))[0];
    await db.insert(t.staff).values(values).onConflictDoUpdate({ target: t.staff.id, set: values });
    const changed = !before || JSON.stringify({ ...before }) !== JSON.stringify({ ...before, ...values });
    if (changed) {
      await recordAudit(deps, { actorId, action: before ? 'staff.update' : 'staff.create', subjectType: 'staff', subjectId: s.id, ...(before ? { before: { ...before } } : {}), after: { ...values } });
    }
  }
  for (const g of org.groups) {
    const chatId = g.chatId ?? g.name;
    const row = only(
      await db
        .insert(t.chatGroups)
        .values({ platform: g.platform, chatId, name: g.name, teamId: g.team ?? null, firstSeenAt: now, lastSeenAt: now })
        .onConflictDoUpdate({ target: [t.chatGroups.platform, t.chatGroups.chatId], set: { name: g.name, teamId: g.team ?? null } })
        .returning(),
    );
    for (const m of g.members) await db.insert(t.groupMembers).values({ groupId: row.id, staffId: m }).onConflictDoNothing();
  }
  // 离职 last, once every row is written: a manager changed in the same file is the one who takes over.
  const departures = await handleDepartures(deps, org.staff.filter((s) => !s.active).map((s) => s.id), actorId);
  return { staff: org.staff.length, groups: org.groups.length, dealers: dealerRows.length, teams: teamNames.size, departures };
}
